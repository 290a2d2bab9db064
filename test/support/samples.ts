import type {
  AddMemberInput,
  RotateCoChairsInput,
  SetMemberStatusInput,
  UpdateMemberInput,
} from '../../schema/generated/documents.ts';

/** A valid input for each membership mutation, against the sample data. */
export const validInputs = {
  addMember: {
    country: 'FJ',
    name: 'Fiji',
    joinedOn: '2026-11-01',
    agencies: [{ name: 'Fiji Police Force', kind: 'POLICE' }],
  } satisfies AddMemberInput,
  updateMember: (country: string): UpdateMemberInput => ({ country, expectedRevision: 1, name: `${country} renamed` }),
  setMemberStatus: {
    country: 'LA',
    expectedRevision: 1,
    status: 'SUSPENDED',
    reason: 'illustrative suspension',
  } satisfies SetMemberStatusInput,
  rotateCoChairs: { outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' } satisfies RotateCoChairsInput,
};

/** The sample operations of JPA 8 (infra/local/sample-data/jpas.ts). */
export const sampleOperationIds = {
  coralTide: '5a3c0d1e-0b8a-4c6e-9f00-000000000001', // AU leads, ID and NZ; PARTICIPANTS
  mekongLight: '5a3c0d1e-0b8a-4c6e-9f00-000000000002', // TH leads, KH, LA, VN; PARTICIPANTS
  openHarbour: '5a3c0d1e-0b8a-4c6e-9f00-000000000003', // NZ leads, VN, PH; MEMBERS
  quietCurrent: '5a3c0d1e-0b8a-4c6e-9f00-000000000004', // VN leads, MY; PARTICIPANTS
};
