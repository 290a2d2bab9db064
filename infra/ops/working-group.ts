import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MembershipTables } from '../../functions/membership/membership.repository.ts';
import { seedMembership } from '../../functions/membership/membership.seed.ts';
import { workingGroupProfile } from '../local/sample-data/membership.ts';

/**
 * Writes the working group's profile into a new deployment's empty tables, without members or
 * co-chairs (the secretariat adds those through the API). The seed conditions the write
 * on its own marker, so running this again, or twice at once, changes nothing.
 *
 * The profile is the group's public description (name, purpose, founding year, parent body),
 * the one part of the local sample data that is not illustrative.
 *
 * @returns whether this call wrote the profile (`false`: the stage was initialised already)
 */
export function initialiseWorkingGroup(
  client: DynamoDBDocumentClient,
  tableNames: MembershipTables,
  at: string = new Date().toISOString(),
): Promise<boolean> {
  return seedMembership(client, tableNames.membership, { at, profile: workingGroupProfile, members: [], coChairs: [] });
}
