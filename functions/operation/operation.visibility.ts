import { everyoneAudience, type Audience } from '../shared/domain/audit-events.ts';
import { mayEver, mayOn, type Viewer } from '../shared/domain/policy.ts';
import type { Operation } from './operation.types.ts';

/**
 * Need-to-know for operations, in one place: the listings an operation is written under (the
 * repository writes one item per listing) and the listings a caller reads (the service asks). If
 * the two drifted apart, lists would silently show too much or too little; here they cannot.
 *
 * A listing is a prefix of the visibility indexes' partitions (operation.keys.ts):
 * - `ALL`: handling MEMBERS, read by every official and the secretariat;
 * - `C#<country>`: handling PARTICIPANTS, read by that participating country's officials;
 * - `ALL#P#<country>`: handling MEMBERS with that country taking part, so `operations(country:)`
 *   is a key for everyone who reads MEMBERS operations.
 */

export const everyone = 'ALL';
export const countryAudience = (country: string): string => `C#${country}`;
export const withParticipant = (listing: string, country: string): string => `${listing}#P#${country}`;

/** Every listing an operation is written under. */
export function listingsOf(operation: Pick<Operation, 'handling' | 'participants'>): string[] {
  return operation.handling === 'MEMBERS'
    ? [everyone, ...operation.participants.map((country) => withParticipant(everyone, country))]
    : operation.participants.map(countryAudience);
}

/**
 * One partition a list reads. `participant` is set only where the country filter cannot be a
 * key: an official's own PARTICIPANTS operations narrowed to another country taking part. Keying
 * that would take an item per pair of participants (190 at 20 participants), past what one
 * DynamoDB transaction may write, so that one read filters, and reads at most `first + 1` items.
 */
export interface Listing {
  readonly listing: string;
  readonly participant?: string;
}

/** The listings a caller reads for a list of operations, optionally of one country taking part. */
export function listingsFor(viewer: Viewer, country?: string): Listing[] {
  const members = mayEver(viewer, 'readMembersOperations');
  const own =
    // Stryker disable next-line ConditionalExpression: no target country is null, so the check only narrows the type
    viewer.country !== null && mayOn(viewer, 'readParticipantsOperations', [viewer.country]) ? viewer.country : null;
  const listings: Listing[] = [];
  if (members) listings.push({ listing: country ? withParticipant(everyone, country) : everyone });
  if (own) {
    // Every operation in C#<own> has the caller's country taking part: its own filter is the key.
    listings.push(
      !country || country === own
        ? { listing: countryAudience(own) }
        : { listing: countryAudience(own), participant: country },
    );
  }
  return listings;
}

/** May the caller read this operation (by id, or as a mutation's target)? */
export function mayRead(viewer: Viewer, operation: Pick<Operation, 'handling' | 'participants'>): boolean {
  return operation.handling === 'MEMBERS'
    ? mayEver(viewer, 'readMembersOperations')
    : mayOn(viewer, 'readParticipantsOperations', operation.participants);
}

/**
 * Who may read the audit event of a change from `previous` (null: a new operation) to `next`:
 * whoever could read the operation just before or just after it (docs/api.md, "Audit visibility").
 * Everyone who reads operations if it was or became MEMBERS; else only its participants' officials,
 * those before and those after, and never the secretariat.
 */
export function eventAudience(
  previous: Pick<Operation, 'handling' | 'participants'> | null,
  next: Pick<Operation, 'handling' | 'participants'>,
): Audience {
  const states = previous ? [previous, next] : [next];
  if (states.some((state) => state.handling === 'MEMBERS')) return everyoneAudience;
  return [...new Set(states.flatMap((state) => state.participants))];
}
