import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditItems } from '../audit/audit.items.ts';
import type { Authorized } from '../shared/domain/access.ts';
import type { ChainedEvent } from '../shared/domain/audit-events.ts';
import { countryCodeCount } from '../shared/domain/country-codes.ts';
import {
  partitionQuery,
  queryUpTo,
  transactItem,
  transactWrite,
  type PartitionRead,
  type TransactItem,
} from '../shared/data/dynamo.ts';
import type { Item } from '../shared/data/item-codec.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import { tables } from '../shared/data/tables.ts';
import type { Refusal, TransactionGuard } from '../shared/data/transaction-guard.ts';
import {
  coChairStateCodec,
  coChairTermCodec,
  coChairGuardItem,
  countersCodec,
  memberCodec,
  memberItem,
  profileCodec,
  termItem,
} from './membership.items.ts';
import {
  coChairGuardKey,
  coChairsPartition,
  countersKey,
  memberKey,
  membersPartition,
  memberStatusKey,
  profileKey,
  termKey,
  termPrefix,
  type ItemKey,
} from './membership.keys.ts';
import type {
  CoChairState,
  CoChairTerm,
  Member,
  MemberStatus,
  OpenTerm,
  WorkingGroupProfile,
} from './membership.types.ts';

/*
 * Access patterns of the membership table (keys in membership.keys.ts):
 *
 * | pattern                                  | key / index                                  | call                | reads at most         |
 * | ---------------------------------------- | -------------------------------------------- | ------------------- | --------------------- |
 * | member by country (many per request)     | pk=MEMBERS, sk=<country>                     | BatchGetItem        | the keys asked for    |
 * | all members, by country ascending        | pk=MEMBERS                                   | Query               | 249 (listBounds)      |
 * | members with a status, by country        | membersByStatus: statusKey=STATUS#<s>        | Query               | 249 (listBounds)      |
 * | working group profile                    | pk=GROUP, sk=PROFILE                         | BatchGetItem        | 1                     |
 * | active-member count                      | pk=GROUP, sk=COUNTERS                        | BatchGetItem        | 1                     |
 * | open co-chair terms (+ rotation guard)   | pk=COCHAIRS, sk=OPEN                         | BatchGetItem        | 1 item, ≤ 2 terms     |
 * | co-chair history, newest first           | pk=COCHAIRS, sk begins_with TERM#, desc      | Query               | 100 (listBounds)      |
 * | add / update / set status of a member    | member + counters + guard + audit event      | TransactWriteItems  |                       |
 * | rotate co-chairs                         | guard + term items + members + audit event   | TransactWriteItems  |                       |
 * | the caller's power, in another's write   | ConditionCheck on the guard or its member    | (authorityGuards)   |                       |
 * | a member, in another's write             | ConditionCheck: ACTIVE, or of any status     | (member guards)     |                       |
 * | initialise once (sample data, bootstrap) | pk=GROUP, sk=INITIALISED marker + the rest   | TransactWriteItems  | (membership.seed.ts)  |
 *
 * Every item read by key goes through one per-request DataLoader, so whatever mix of members,
 * profile, counters and guard a level of a query needs costs one BatchGetItem. Every Query
 * carries its list's bound as its Limit and stops there (queryUpTo), so no list reads a
 * partition whatever it holds. Members cannot pass theirs: one item per country code. The
 * co-chair history could, after fifty years of yearly rotations: then `coChairHistory` answers
 * the newest 100 terms, and `Member.coChairTerms` (the history filtered by country) a member's
 * terms among those.
 */

/** The most items each list of this table reads (DESIGN.md, Performance: a request's cost is bounded by what it asks). */
export const listBounds = {
  /** One member item per country, keyed by its ISO 3166-1 alpha-2 code: never more than the 249 codes. */
  members: countryCodeCount,
  /**
   * Co-chair terms, newest first: two co-chairs rotating yearly for fifty years. The cost
   * estimate counts `coChairHistory` and `Member.coChairTerms` at the same size.
   */
  coChairTerms: 100,
} as const;

/** What a write checks of the caller's power as it commits: `Access.authorize`'s answer. */
export type CallerAuthority = Pick<Authorized, 'authority' | 'refusal'>;

/** Table names this repository writes to. */
export interface MembershipTables {
  readonly membership: string;
  readonly audit: string;
}

export interface NewTerm {
  readonly country: string;
  readonly startsOn: string;
}

const { membership } = tables;

/**
 * What the services use of the repository, as a type: they depend on this seam, so the unit tests
 * (test/unit/membership.service.test.ts) run the rules against an in-memory table.
 */
export type MembershipStore = Pick<MembershipRepository, keyof MembershipRepository>;

/** What the services and Access use of a request's reader (MembershipReader), as a type. */
export type MembershipReads = Pick<MembershipReader, keyof MembershipReader>;

export class MembershipRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: MembershipTables;

  constructor(client: DynamoDBDocumentClient, tableNames: MembershipTables) {
    this.client = client;
    this.tables = tableNames;
  }

  /** A reader for one request, over the request's shared item loader. */
  reader(loader: ItemLoader): MembershipReads {
    return new MembershipReader(loader, this.tables.membership);
  }

  /** By country code ascending; at most `listBounds.members`, which no membership can pass. */
  async listMembers(status?: MemberStatus): Promise<Member[]> {
    const items = await this.query(
      listBounds.members,
      status
        ? { keys: membership.indexes.membersByStatus, partition: memberStatusKey(status) }
        : { keys: membership, partition: membersPartition },
    );
    return items.map(memberCodec.decode);
  }

  /** Newest first; the newest `listBounds.coChairTerms` should there ever be more. */
  async listCoChairTerms(): Promise<CoChairTerm[]> {
    const items = await this.query(listBounds.coChairTerms, {
      keys: membership,
      partition: coChairsPartition,
      beginsWith: termPrefix,
      descending: true,
      consistentRead: true,
    });
    return items.map(coChairTermCodec.decode);
  }

  /** Adds a member, ACTIVE; the country must not be a member yet (in any status). */
  addMember(member: Member, event: ChainedEvent): Promise<void> {
    return transactWrite(
      this.client,
      [
        transactItem({
          Put: {
            TableName: this.tables.membership,
            Item: memberItem(member),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        this.countActiveMembers(member.status === 'ACTIVE' ? 1 : 0),
        ...auditItems(this.tables.audit, event),
      ],
      `${member.country} is already a member`,
    );
  }

  /**
   * Replaces a member whose stored revision is `member.revision - 1`. A status change moves
   * the active count in the same transaction; leaving ACTIVE is conditioned on the guard not
   * listing the country as co-chair, so it cannot race a rotation that brings the country in.
   * The caller's power is checked again as it commits: by `authorityGuards`, or for an official
   * updating its own member within the write's own condition (`powerOnOwnMember`).
   */
  replaceMember(
    member: Member,
    previousStatus: MemberStatus,
    caller: CallerAuthority,
    event: ChainedEvent,
  ): Promise<void> {
    const own = powerOnOwnMember(caller, member.country);
    const put = transactItem({
      Put: {
        TableName: this.tables.membership,
        Item: memberItem(member),
        // Optimistic lock: only the revision the caller read may be replaced.
        ConditionExpression: own ? 'revision = :expected AND #status = :active' : 'revision = :expected',
        ExpressionAttributeValues: { ':expected': member.revision - 1, ...(own ? { ':active': 'ACTIVE' } : {}) },
        ...(own
          ? { ExpressionAttributeNames: { '#status': 'status' }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }
          : {}),
      },
    });
    const items: (TransactItem | TransactionGuard)[] = [
      own ? { condition: put, refusal: own } : put,
      ...(own ? [] : this.authorityGuards(caller)),
      ...auditItems(this.tables.audit, event),
    ];
    const delta = activeDelta(previousStatus, member.status);
    if (delta !== 0) items.push(this.countActiveMembers(delta));
    if (previousStatus === 'ACTIVE' && member.status !== 'ACTIVE') {
      items.push(
        transactItem({
          ConditionCheck: {
            TableName: this.tables.membership,
            Key: coChairGuardKey,
            ConditionExpression: 'attribute_not_exists(pk) OR NOT contains(openCountries, :country)',
            ExpressionAttributeValues: { ':country': member.country },
          },
        }),
      );
    }
    return transactWrite(this.client, items, `${member.country} changed meanwhile or holds a co-chair term`);
  }

  /**
   * Closes the outgoing terms and opens the incoming ones in one transaction conditioned on the
   * guard's revision: of two rotations that read the same guard, exactly one can win, so there
   * are never more than two open terms. Incoming countries must still be ACTIVE members.
   */
  rotateCoChairs(
    state: CoChairState,
    outgoing: readonly OpenTerm[],
    incoming: readonly NewTerm[],
    effectiveOn: string,
    event: ChainedEvent,
  ): Promise<OpenTerm[]> {
    const rotation = state.revision + 1;
    const leaving = new Set(outgoing.map((term) => term.country));
    const opened = incoming.map((term) => ({ ...term, termId: termKey(term.startsOn, term.country, rotation).sk }));
    const open = [...state.open.filter((term) => !leaving.has(term.country)), ...opened];
    const items: TransactItem[] = [
      transactItem({
        Put: {
          TableName: this.tables.membership,
          Item: coChairGuardItem(open, rotation),
          ConditionExpression: state.revision === 0 ? 'attribute_not_exists(pk)' : 'revision = :expected',
          ...(state.revision === 0 ? {} : { ExpressionAttributeValues: { ':expected': state.revision } }),
        },
      }),
      ...outgoing.map((term) =>
        transactItem({
          Update: {
            TableName: this.tables.membership,
            Key: { pk: coChairsPartition, sk: term.termId },
            UpdateExpression: 'SET endsOn = :endsOn',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(endsOn)',
            ExpressionAttributeValues: { ':endsOn': effectiveOn },
          },
        }),
      ),
      ...opened.flatMap((term) => [
        transactItem({
          Put: {
            TableName: this.tables.membership,
            Item: termItem(term),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        this.activeMemberGuard(term.country).condition,
      ]),
      ...auditItems(this.tables.audit, event),
    ];
    return transactWrite(this.client, items, 'the co-chairs changed meanwhile').then(() => open);
  }

  /** A condition for another domain's transaction: the country is an ACTIVE member when it commits. */
  activeMemberGuard(country: string): TransactionGuard {
    const condition = transactItem({
      ConditionCheck: {
        TableName: this.tables.membership,
        Key: memberKey(country),
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'ACTIVE' },
      },
    });
    return { condition };
  }

  /** A condition for another domain's transaction: the country is a member, of any status, when it commits. */
  memberGuard(country: string): TransactionGuard {
    const condition = transactItem({
      ConditionCheck: {
        TableName: this.tables.membership,
        Key: memberKey(country),
        ConditionExpression: 'attribute_exists(pk)',
      },
    });
    return { condition };
  }

  /**
   * The conditions that the caller's power still holds when a write commits, for any domain's
   * transaction: the one place the rule lives. A failed one answers FORBIDDEN with the caller's
   * refusal, and the write writes nothing.
   *
   * - secretariat: none; its power comes from the token's group, which no write changes.
   * - an official's: its member is still ACTIVE (a suspension meanwhile refuses the write).
   * - a co-chair's: its country is still among the guard's open co-chairs. `contains` rather than
   *   the guard's revision: a rotation that leaves the caller's country in (the other seat
   *   changing hands) changes the revision but not the caller's power, and must not refuse its
   *   write. The member's status needs no check of its own: a country leaves ACTIVE only once no
   *   open term is its (`replaceMember`), and a rotation brings in only ACTIVE members.
   */
  authorityGuards({ authority, refusal }: CallerAuthority): TransactionGuard[] {
    if (authority.kind === 'secretariat') return [];
    const refused = { message: refusal };
    if (authority.kind === 'activeMember') return [{ ...this.activeMemberGuard(authority.country), refusal: refused }];
    const condition = transactItem({
      ConditionCheck: {
        TableName: this.tables.membership,
        Key: coChairGuardKey,
        ConditionExpression: 'contains(openCountries, :country)',
        ExpressionAttributeValues: { ':country': authority.country },
      },
    });
    return [{ condition, refusal: refused }];
  }

  /** The first `bound` items of a Query of this table, in its order. */
  private query(bound: number, read: Omit<PartitionRead, 'table'>): Promise<Item[]> {
    return queryUpTo(this.client, partitionQuery({ table: this.tables.membership, ...read }), bound);
  }

  private countActiveMembers(delta: number): TransactItem {
    return transactItem({
      Update: {
        TableName: this.tables.membership,
        Key: countersKey,
        UpdateExpression: 'ADD activeMembers :delta',
        ExpressionAttributeValues: { ':delta': delta },
      },
    });
  }
}

/** Per-request reads by key, batched with every other key read of the tick and cached. */
export class MembershipReader {
  private readonly loader: ItemLoader;
  private readonly table: string;

  constructor(loader: ItemLoader, table: string) {
    this.loader = loader;
    this.table = table;
  }

  private load(key: ItemKey): Promise<Item | undefined> {
    return this.loader.load({ table: this.table, ...key });
  }

  async member(country: string): Promise<Member | null> {
    const item = await this.load(memberKey(country));
    return item ? memberCodec.decode(item) : null;
  }

  async profile(): Promise<WorkingGroupProfile | null> {
    const item = await this.load(profileKey);
    return item ? profileCodec.decode(item) : null;
  }

  async activeMemberCount(): Promise<number> {
    return countersCodec.decode((await this.load(countersKey)) ?? {}).activeMembers;
  }

  async coChairState(): Promise<CoChairState> {
    return coChairStateCodec.decode((await this.load(coChairGuardKey)) ?? {});
  }
}

/**
 * For an official updating its own member: its power rests on the very item written, which a
 * transaction cannot check a second time, so the write's own condition asks for ACTIVE too, and
 * the item as it was tells a lost power (FORBIDDEN) from a stale revision (CONFLICT). Null for
 * any other caller, whose power `authorityGuards` checks.
 */
function powerOnOwnMember({ authority, refusal }: CallerAuthority, country: string): Refusal | null {
  if (authority.kind !== 'activeMember' || authority.country !== country) return null;
  return { message: refusal, lost: (old) => old !== undefined && old.status?.S !== 'ACTIVE' };
}

function activeDelta(before: MemberStatus, after: MemberStatus): number {
  return (after === 'ACTIVE' ? 1 : 0) - (before === 'ACTIVE' ? 1 : 0);
}
