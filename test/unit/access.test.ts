import { describe, expect, it } from 'vitest';
import { Access, type CountryFacts, type TargetedAction } from '../../functions/shared/domain/access.ts';
import type { Claims } from '../../functions/shared/domain/claims.ts';
import { ForbiddenError } from '../../functions/shared/domain/errors.ts';
import type { Action, Authority, Role, WriteAction } from '../../functions/shared/domain/policy.ts';

/**
 * Access as a table: who the caller is, from its claims and its country's facts (as membership
 * would report them), and what `authorize` answers. No DynamoDB: the facts are handed in.
 */

interface Caller {
  readonly groups?: string[];
  readonly country?: string;
  /** The caller's country as a member: its status, and whether it holds an open co-chair term. */
  readonly facts?: CountryFacts;
}

const active: CountryFacts = { memberStatus: 'ACTIVE', holdsCoChairTerm: false };
const coChair: CountryFacts = { memberStatus: 'ACTIVE', holdsCoChairTerm: true };
const suspended: CountryFacts = { memberStatus: 'SUSPENDED', holdsCoChairTerm: false };
const withdrawn: CountryFacts = { memberStatus: 'WITHDRAWN', holdsCoChairTerm: false };
const noMember: CountryFacts = { memberStatus: null, holdsCoChairTerm: false };

/** An Access over these claims, counting the countries it asks membership about. */
function accessFor({ groups = [], country, facts = noMember }: Caller): { access: Access; asked: string[] } {
  const asked: string[] = [];
  const claims: Claims = { subject: 'sub-1', groups, country: country ?? null };
  const access = new Access(claims, async (asking) => {
    asked.push(asking);
    return facts;
  });
  return { access, asked };
}

const secretariat: Caller = { groups: ['secretariat'] };
const official: Caller = { country: 'TH', facts: active };
const coChairOfficial: Caller = { country: 'NZ', facts: coChair };
const observer: Caller = { groups: ['observer'] };

describe('Access: the viewer', () => {
  const cases: [name: string, caller: Caller, roles: Role[], isCoChair: boolean][] = [
    ['the secretariat group, no country', secretariat, ['SECRETARIAT'], false],
    [
      'the secretariat group from an ACTIVE member',
      { groups: ['secretariat'], country: 'TH', facts: active },
      ['SECRETARIAT', 'OFFICIAL'],
      false,
    ],
    ['an ACTIVE member', official, ['OFFICIAL'], false],
    ['an ACTIVE member holding an open co-chair term', coChairOfficial, ['OFFICIAL'], true],
    ['a SUSPENDED member', { country: 'FJ', facts: suspended }, ['OBSERVER'], false],
    ['a WITHDRAWN member', { country: 'FJ', facts: withdrawn }, ['OBSERVER'], false],
    [
      'a non-ACTIVE member still listed as co-chair',
      { country: 'FJ', facts: { memberStatus: 'SUSPENDED', holdsCoChairTerm: true } },
      ['OBSERVER'],
      false,
    ],
    ['the observer group, no country', observer, ['OBSERVER'], false],
    [
      'the observer group from an ACTIVE co-chair member',
      { groups: ['observer'], country: 'NZ', facts: coChair },
      ['OBSERVER'],
      false,
    ],
    ['a country that is no member', { country: 'FR', facts: noMember }, [], false],
    ['no group and no country', {}, [], false],
  ];

  for (const [name, caller, roles, isCoChair] of cases) {
    it(`${name}: ${roles.join(' + ') || 'no role'}${isCoChair ? ', co-chair' : ''}`, async () => {
      const { access } = accessFor(caller);
      expect(await access.viewer()).toEqual({ subject: 'sub-1', country: caller.country ?? null, roles, isCoChair });
    });
  }

  it('asks about the caller’s country once per request, however often it is asked', async () => {
    const { access, asked } = accessFor(official);
    await Promise.all([access.viewer(), access.authorize('read'), access.authorize('updateMember', ['TH'])]);
    await access.viewer();
    expect(asked).toEqual(['TH']);
  });

  it('asks nothing for a caller without a country', async () => {
    const { access, asked } = accessFor(secretariat);
    await access.authorize('addMember');
    expect(asked).toEqual([]);
  });
});

describe('Access: authorize', () => {
  /** `on` absent: the role check alone; present: the check on a target of those countries. */
  const cases: [who: string, caller: Caller, action: Action, on: string[] | null, refusal: string | null][] = [
    ['observer', observer, 'read', null, null],
    ['no role', {}, 'read', null, 'your role may not read this'],
    ['observer', observer, 'addMember', null, 'your role may not add member'],
    ['official', official, 'readAuditEvents', null, 'your role may not read audit events'],
    ['official', official, 'createJpa', null, 'your role may not create jpa'],
    ['co-chair', coChairOfficial, 'createJpa', null, null],
    ['secretariat', secretariat, 'createOperation', null, 'your role may not create operation'],
    ['official', official, 'updateMember', ['TH'], null],
    ['official', official, 'updateMember', ['FJ'], 'officials may update only their own country'],
    ['co-chair', coChairOfficial, 'updateMember', ['FJ'], 'officials may update only their own country'],
    ['secretariat', secretariat, 'updateMember', ['FJ'], null],
    // The role check comes first: a role that may never take the action hears so, not the target's refusal.
    [
      'observer',
      { groups: ['observer'], country: 'TH', facts: active },
      'updateMember',
      ['TH'],
      'your role may not update member',
    ],
    ['official', official, 'updateOperation', ['TH'], null],
    ['official', official, 'updateOperation', ['FJ'], 'only the lead country may change an operation'],
    ['official', official, 'recordOutcomes', ['FJ'], 'only the lead country may change an operation'],
    ['secretariat', secretariat, 'recordOutcomes', ['TH'], 'your role may not record outcomes'],
    ['official', official, 'updateRecommendation', ['TH', 'AU'], null],
    [
      'official',
      official,
      'updateRecommendation',
      ['AU'],
      'officials may change only the recommendations their country owns',
    ],
    ['co-chair', coChairOfficial, 'updateRecommendation', [], null],
    ['secretariat', secretariat, 'updateRecommendation', [], null],
    [
      'official',
      official,
      'updateWorkPlanItem',
      ['AU'],
      'officials may change only the work-plan items their country owns',
    ],
    [
      'official',
      official,
      'addProgressNote',
      ['AU'],
      'officials may add progress notes only to the recommendations their country owns',
    ],
    ['observer', observer, 'addProgressNote', ['TH'], 'your role may not add progress note'],
  ];

  for (const [who, caller, action, on, refusal] of cases) {
    const target = on ? ` on ${on.join(', ')}` : '';
    it(`${action}${target} × ${who}: ${refusal ? `FORBIDDEN "${refusal}"` : 'the viewer'}`, async () => {
      const { access } = accessFor(caller);
      const asked = on ? access.authorize(action as TargetedAction, on) : access.authorize(action);
      if (refusal) {
        await expect(asked).rejects.toThrow(ForbiddenError);
        await expect(asked).rejects.toHaveProperty('message', refusal);
      } else {
        expect(await asked).toMatchObject(await access.viewer());
      }
    });
  }

  it('answers a read with the viewer itself', async () => {
    const { access } = accessFor(observer);
    expect(await access.authorize('read')).toBe(await access.viewer());
  });

  it('answers every kind of read with the viewer itself, no write’s power', async () => {
    const { access } = accessFor(secretariat);
    for (const action of ['readFocalPoint', 'readAuditEvents', 'readHistory'] as const)
      expect(await access.authorize(action)).toBe(await access.viewer());
  });

  // What the write checks again as it commits, and the refusal it answers should the power be gone.
  const writes: [who: string, caller: Caller, action: WriteAction, authority: Authority, refusal: string][] = [
    ['secretariat', secretariat, 'createJpa', { kind: 'secretariat' }, 'your role may not create jpa'],
    ['co-chair', coChairOfficial, 'createJpa', { kind: 'coChair', country: 'NZ' }, 'your role may not create jpa'],
    [
      'co-chair',
      coChairOfficial,
      'adoptTermsOfReference',
      { kind: 'coChair', country: 'NZ' },
      'your role may not adopt terms of reference',
    ],
    [
      'co-chair',
      coChairOfficial,
      'createOperation',
      { kind: 'activeMember', country: 'NZ' },
      'your role may not create operation',
    ],
    ['official', official, 'joinJpa', { kind: 'activeMember', country: 'TH' }, 'your role may not join jpa'],
  ];
  for (const [who, caller, action, authority, refusal] of writes) {
    it(`${action} × ${who}: the viewer, relying on ${authority.kind}`, async () => {
      const { access } = accessFor(caller);
      expect(await access.authorize(action)).toEqual({ ...(await access.viewer()), authority, refusal });
    });
  }

  it('answers a targeted write with the power it relies on', async () => {
    const { access } = accessFor(official);
    expect(await access.authorize('updateOperation', ['TH'])).toMatchObject({
      authority: { kind: 'activeMember', country: 'TH' },
      refusal: 'your role may not update operation',
    });
  });

  it("answers a co-chair's write on a target its country does not own with the power of its term", async () => {
    const { access } = accessFor(coChairOfficial);
    expect(await access.authorize('updateRecommendation', ['AU'])).toMatchObject({
      authority: { kind: 'coChair', country: 'NZ' },
    });
    expect(await access.authorize('updateRecommendation', ['NZ'])).toMatchObject({
      authority: { kind: 'activeMember', country: 'NZ' },
    });
  });
});
