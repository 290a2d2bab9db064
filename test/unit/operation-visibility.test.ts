import { describe, expect, it } from 'vitest';
import type { Handling, Operation } from '../../functions/operation/operation.types.ts';
import { readerAudiences } from '../../functions/audit/audit.visibility.ts';
import { eventAudience, listingsFor, listingsOf, mayRead } from '../../functions/operation/operation.visibility.ts';
import type { Role, Viewer } from '../../functions/shared/domain/policy.ts';

/**
 * Need-to-know for lists, checked against itself: for every caller, every operation and every
 * country filter, a list (the listings the caller reads, each narrowed where it says so) holds
 * the operation exactly once if the caller may read it and the country takes part, and never
 * otherwise. So what the repository writes and what the service reads cannot drift apart.
 */

const viewer = (roles: Role[], country: string | null, isCoChair = false): Viewer => ({
  subject: 's',
  roles,
  country,
  isCoChair,
});
const callers: [string, Viewer][] = [
  ['secretariat', viewer(['SECRETARIAT'], null)],
  ['co-chair official of NZ', viewer(['OFFICIAL'], 'NZ', true)],
  ['official of TH', viewer(['OFFICIAL'], 'TH')],
  ['official of VN', viewer(['OFFICIAL'], 'VN')],
  ['observer', viewer(['OBSERVER'], 'MM')],
  ['no role', viewer([], 'FR')],
];

const operation = (handling: Handling, participants: string[]): Pick<Operation, 'handling' | 'participants'> => ({
  handling,
  participants,
});
const operations = (['MEMBERS', 'PARTICIPANTS'] as const).flatMap((handling) =>
  // MM: the observer's own country (a SUSPENDED member), whose officials read nothing.
  [['TH'], ['TH', 'VN'], ['NZ', 'VN', 'ID'], ['ID'], ['MM', 'TH']].map((participants) =>
    operation(handling, participants),
  ),
);
const countryFilters = [undefined, 'TH', 'VN', 'NZ', 'ID', 'AQ'];

/** How many times a list holds the operation, as DynamoDB would answer the caller's reads. */
function timesListed(
  caller: Viewer,
  listed: Pick<Operation, 'handling' | 'participants'>,
  country: string | undefined,
): number {
  const written = new Set(listingsOf(listed));
  return listingsFor(caller, country).filter(
    ({ listing, participant }) => written.has(listing) && (!participant || listed.participants.includes(participant)),
  ).length;
}

describe('operation visibility', () => {
  for (const [name, caller] of callers) {
    it(`lists for the ${name} exactly the operations it may read, once, under every country filter`, () => {
      for (const listed of operations) {
        for (const country of countryFilters) {
          const expected = mayRead(caller, listed) && (!country || listed.participants.includes(country)) ? 1 : 0;
          expect(
            timesListed(caller, listed, country),
            `${listed.handling} ${listed.participants.join('+')}, country ${country ?? 'any'}`,
          ).toBe(expected);
        }
      }
    });
  }

  it('reads MEMBERS operations to the secretariat and every official, PARTICIPANTS ones only to participants', () => {
    const members = operation('MEMBERS', ['NZ', 'VN']);
    const participants = operation('PARTICIPANTS', ['NZ', 'VN']);
    expect(callers.map(([, caller]) => [mayRead(caller, members), mayRead(caller, participants)])).toEqual([
      [true, false],
      [true, true],
      [true, false],
      [true, true],
      [false, false],
      [false, false],
    ]);
  });

  it('narrows by a filter only the one listing it cannot key: an official’s own, to another country', () => {
    const th = callers[2]![1];
    expect(listingsFor(th, 'VN')).toEqual([{ listing: 'ALL#P#VN' }, { listing: 'C#TH', participant: 'VN' }]);
    expect(listingsFor(th, 'TH')).toEqual([{ listing: 'ALL#P#TH' }, { listing: 'C#TH' }]);
    expect(listingsFor(callers[0]![1], 'VN')).toEqual([{ listing: 'ALL#P#VN' }]);
  });
});

describe('visibility of an operation’s audit events', () => {
  const changes = [
    ...operations.map((next) => [null, next] as const),
    ...operations.flatMap((previous) => operations.map((next) => [previous, next] as const)),
  ];

  for (const [name, caller] of callers) {
    it(`shows the ${name} an event's history exactly when it could read the operation just before or after`, () => {
      for (const [previous, next] of changes) {
        const written = eventAudience(previous, next);
        const read = readerAudiences(caller, true) ?? [];
        const expected = (previous !== null && mayRead(caller, previous)) || mayRead(caller, next);
        const what = `${previous ? `${previous.handling} ${previous.participants.join('+')}` : 'new'} → ${next.handling} ${next.participants.join('+')}`;
        expect(read.filter((audience) => written.includes(audience)).length, what).toBe(expected ? 1 : 0);
      }
    });
  }

  it('writes an event for everyone once either side is MEMBERS, else for the participants of both sides', () => {
    expect(eventAudience(null, operation('PARTICIPANTS', ['TH', 'VN']))).toEqual(['TH', 'VN']);
    expect(eventAudience(operation('PARTICIPANTS', ['TH', 'VN']), operation('PARTICIPANTS', ['TH', 'ID']))).toEqual([
      'TH',
      'VN',
      'ID',
    ]);
    expect(eventAudience(operation('PARTICIPANTS', ['TH']), operation('MEMBERS', ['TH']))).toEqual(['*']);
    expect(eventAudience(operation('MEMBERS', ['TH']), operation('PARTICIPANTS', ['TH']))).toEqual(['*']);
    expect(eventAudience(null, operation('MEMBERS', ['TH']))).toEqual(['*']);
  });
});
