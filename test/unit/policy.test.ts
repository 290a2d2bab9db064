import { describe, expect, it } from 'vitest';
import {
  authorityFor,
  mayEver,
  mayOn,
  permissions,
  type Action,
  type Authority,
  type Role,
  type Viewer,
  type WriteAction,
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
  readWorkNotes: ['yes', 'yes', 'yes', 'no'],
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
  addRecommendation: ['yes', 'yes', 'no', 'no'],
  createWorkPlanItem: ['yes', 'yes', 'no', 'no'],
  updateRecommendation: ['yes', 'yes', 'own', 'no'],
  updateWorkPlanItem: ['yes', 'yes', 'own', 'no'],
  addProgressNote: ['yes', 'yes', 'own', 'no'],
  scheduleMeeting: ['yes', 'yes', 'no', 'no'],
  updateMeeting: ['yes', 'yes', 'no', 'no'],
  recordAttendance: ['yes', 'yes', 'no', 'no'],
  readAnnualReportDraft: ['yes', 'yes', 'yes', 'no'],
  publishAnnualReport: ['yes', 'yes', 'no', 'no'],
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

describe('the power a write relies on, checked again as it commits', () => {
  const writes = (Object.keys(permissions) as Action[]).filter(
    (action): action is WriteAction => !action.startsWith('read'),
  );

  it('is named for every write every caller may take, and for no other', () => {
    const callers = [
      ...columns.map(([, who]) => who),
      viewer(['SECRETARIAT', 'OFFICIAL'], 'TH', true),
      viewer([], 'FR'),
    ];
    for (const action of writes) {
      for (const who of callers) expect(authorityFor(who, action) !== null).toBe(mayEver(who, action));
    }
  });

  // The power that rests on least: the token's group, then the member ACTIVE, then the term open.
  const expected: Record<
    WriteAction,
    [secretariat: Authority | null, coChair: Authority | null, official: Authority | null]
  > = {
    addMember: [{ kind: 'secretariat' }, null, null],
    setMemberStatus: [{ kind: 'secretariat' }, null, null],
    rotateCoChairs: [{ kind: 'secretariat' }, null, null],
    updateMember: [
      { kind: 'secretariat' },
      { kind: 'activeMember', country: 'NZ' },
      { kind: 'activeMember', country: 'TH' },
    ],
    createJpa: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    updateJpa: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    concludeJpa: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    joinJpa: [null, { kind: 'activeMember', country: 'NZ' }, { kind: 'activeMember', country: 'TH' }],
    createOperation: [null, { kind: 'activeMember', country: 'NZ' }, { kind: 'activeMember', country: 'TH' }],
    updateOperation: [null, { kind: 'activeMember', country: 'NZ' }, { kind: 'activeMember', country: 'TH' }],
    recordOutcomes: [null, { kind: 'activeMember', country: 'NZ' }, { kind: 'activeMember', country: 'TH' }],
    draftTermsOfReference: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    updateTermsOfReferenceDraft: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    adoptTermsOfReference: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    addRecommendation: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    createWorkPlanItem: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    // With no target: the role check, where an official's `own` may yet hold.
    updateRecommendation: [
      { kind: 'secretariat' },
      { kind: 'activeMember', country: 'NZ' },
      { kind: 'activeMember', country: 'TH' },
    ],
    updateWorkPlanItem: [
      { kind: 'secretariat' },
      { kind: 'activeMember', country: 'NZ' },
      { kind: 'activeMember', country: 'TH' },
    ],
    addProgressNote: [
      { kind: 'secretariat' },
      { kind: 'activeMember', country: 'NZ' },
      { kind: 'activeMember', country: 'TH' },
    ],
    scheduleMeeting: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    updateMeeting: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    recordAttendance: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
    publishAnnualReport: [{ kind: 'secretariat' }, { kind: 'coChair', country: 'NZ' }, null],
  };

  it('covers every write of the table', () => {
    expect(Object.keys(expected).sort()).toEqual([...writes].sort());
  });

  for (const [action, powers] of Object.entries(expected) as [WriteAction, (Authority | null)[]][]) {
    it(`${action}: ${powers.map((power) => power?.kind ?? 'none').join(' / ')}`, () => {
      for (const [index, power] of powers.entries()) expect(authorityFor(columns[index]![1], action)).toEqual(power);
      expect(authorityFor(columns[3]![1], action)).toBeNull();
    });
  }

  it("prefers the secretariat's group to a member's power, and a member's to a co-chair's", () => {
    const both = viewer(['SECRETARIAT', 'OFFICIAL'], 'NZ', true);
    expect(authorityFor(both, 'createJpa')).toEqual({ kind: 'secretariat' });
    expect(authorityFor(both, 'updateMember')).toEqual({ kind: 'secretariat' });
    expect(authorityFor(both, 'createOperation')).toEqual({ kind: 'activeMember', country: 'NZ' });
  });

  it("on a target, counts an official's own grant only on its country's, so a co-chair elsewhere relies on its term", () => {
    const [, nz] = columns[1]!;
    const [, th] = columns[2]!;
    for (const action of ['updateRecommendation', 'updateWorkPlanItem', 'addProgressNote'] as const) {
      expect(authorityFor(nz, action, ['NZ', 'AU'])).toEqual({ kind: 'activeMember', country: 'NZ' });
      expect(authorityFor(nz, action, ['AU'])).toEqual({ kind: 'coChair', country: 'NZ' });
      expect(authorityFor(nz, action, [])).toEqual({ kind: 'coChair', country: 'NZ' });
      expect(authorityFor(th, action, ['TH'])).toEqual({ kind: 'activeMember', country: 'TH' });
      expect(authorityFor(th, action, ['AU'])).toBeNull();
      expect(authorityFor(columns[0]![1], action, [])).toEqual({ kind: 'secretariat' });
    }
  });

  it('names no power of an official without a country, which the claims never make', () => {
    expect(authorityFor(viewer(['OFFICIAL'], null, true), 'createOperation')).toBeNull();
    expect(authorityFor(viewer(['OFFICIAL'], null, true), 'createJpa')).toBeNull();
  });
});
