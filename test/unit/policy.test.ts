import { describe, expect, it } from 'vitest';
import {
  mayEver,
  mayOn,
  permissions,
  type Action,
  type Role,
  type Viewer,
} from '../../functions/shared/domain/policy.ts';

/**
 * docs/api.md's "Who may do what", written out again as the specification. A change of policy
 * shows here as a changed row. `own` cells are checked on the caller's country and another one.
 */
const apiTable: Record<Action, [secretariat: string, coChair: string, official: string, observer: string]> = {
  read: ['yes', 'yes', 'yes', 'yes'],
  readFocalPoint: ['yes', 'yes', 'yes', 'no'],
  readTermsDrafts: ['yes', 'yes', 'yes', 'no'],
  readMembersOperations: ['yes', 'yes', 'yes', 'no'],
  readParticipantsOperations: ['no', 'own', 'own', 'no'],
  readAuditEvents: ['yes', 'no', 'no', 'no'],
  readHistory: ['yes', 'yes', 'yes', 'no'],
  readOperationReads: ['no', 'own', 'own', 'no'],
  addMember: ['yes', 'no', 'no', 'no'],
  setMemberStatus: ['yes', 'no', 'no', 'no'],
  rotateCoChairs: ['yes', 'no', 'no', 'no'],
  updateMember: ['yes', 'own', 'own', 'no'],
  createJpa: ['yes', 'yes', 'no', 'no'],
  updateJpa: ['yes', 'yes', 'no', 'no'],
  concludeJpa: ['yes', 'yes', 'no', 'no'],
  joinJpa: ['no', 'own', 'own', 'no'],
  createOperation: ['no', 'own', 'own', 'no'],
  updateOperation: ['no', 'own', 'own', 'no'],
  recordOutcomes: ['no', 'own', 'own', 'no'],
  draftTermsOfReference: ['yes', 'yes', 'no', 'no'],
  updateTermsOfReferenceDraft: ['yes', 'yes', 'no', 'no'],
  adoptTermsOfReference: ['yes', 'yes', 'no', 'no'],
};

const viewer = (roles: Role[], country: string | null, isCoChair = false): Viewer => ({
  subject: 's',
  roles,
  country,
  isCoChair,
});

const columns: [string, Viewer][] = [
  ['secretariat', viewer(['SECRETARIAT'], null)],
  ['co-chair official', viewer(['OFFICIAL'], 'NZ', true)],
  ['official', viewer(['OFFICIAL'], 'TH')],
  ['observer', viewer(['OBSERVER'], null)],
];

describe('the permission policy', () => {
  it('has exactly the rows of docs/api.md', () => {
    expect(Object.keys(permissions).sort()).toEqual(Object.keys(apiTable).sort());
  });

  for (const [action, cells] of Object.entries(apiTable) as [Action, string[]][]) {
    cells.forEach((cell, index) => {
      const [column, who] = columns[index]!;
      it(`${action} × ${column}: ${cell}`, () => {
        const own = who.country ?? 'NZ';
        expect(mayEver(who, action)).toBe(cell !== 'no');
        expect(mayOn(who, action, [own])).toBe(cell !== 'no');
        expect(mayOn(who, action, ['FJ'])).toBe(cell === 'yes');
      });
    });
  }

  it('gives a caller with no role nothing at all', () => {
    const nobody = viewer([], 'FR');
    for (const action of Object.keys(permissions) as Action[]) {
      expect(mayEver(nobody, action)).toBe(false);
      expect(mayOn(nobody, action, ['FR'])).toBe(false);
    }
  });

  it('adds up the powers of a caller with two roles', () => {
    const secretariatOfficial = viewer(['SECRETARIAT', 'OFFICIAL'], 'TH');
    expect(mayEver(secretariatOfficial, 'addMember')).toBe(true);
    expect(mayOn(secretariatOfficial, 'createOperation', ['TH'])).toBe(true);
  });
});
