import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactItem, writeOnce, type TransactItem } from '../shared/data/dynamo.ts';
import { coChairGuardItem, memberItem, profileCodec, termItem } from './membership.items.ts';
import { countersKey, initialisedKey, profileKey, termKey } from './membership.keys.ts';
import type { NewTerm } from './membership.repository.ts';
import type { Member, WorkingGroupProfile } from './membership.types.ts';

/** A starting state for a new deployment (sample data locally). */
export interface InitialMembership {
  readonly at: string;
  readonly profile: WorkingGroupProfile;
  readonly members: readonly Member[];
  readonly coChairs: readonly NewTerm[];
}

/**
 * Writes a starting state (the profile, members, open co-chair terms) once: the transaction is
 * conditioned on the marker it writes, so a second call, or a concurrent one, changes nothing.
 * Answers false when the table was already initialised. For the sample data and a deployment's
 * bootstrap, never a request: so it sits apart from the repository, out of the Lambda bundle.
 */
export function seedMembership(
  client: DynamoDBDocumentClient,
  table: string,
  data: InitialMembership,
  /** The audit trail of this starting state (audit.seed.ts), written in the same transaction. */
  trail: readonly TransactItem[] = [],
): Promise<boolean> {
  const open = data.coChairs.map((term) => ({ ...term, termId: termKey(term.startsOn, term.country, 1).sk }));
  const items = [
    { ...profileKey, ...profileCodec.fields(data.profile) },
    { ...countersKey, activeMembers: data.members.filter((member) => member.status === 'ACTIVE').length },
    coChairGuardItem(open, 1),
    ...open.map(termItem),
    ...data.members.map(memberItem),
  ].map((Item) => transactItem({ Put: { TableName: table, Item } }));
  return writeOnce(client, table, initialisedKey, data.at, [...items, ...trail]);
}
