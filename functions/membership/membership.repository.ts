import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditEventItem, type AuditEvent } from '../shared/domain/audit-events.ts';
import { countryCodeCount } from '../shared/domain/country-codes.ts';
import { queryUpTo, transactWrite, writeOnce, type TransactItem } from '../shared/data/dynamo.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import {
  coChairGuardKey,
  coChairsPartition,
  countersKey,
  initialisedKey,
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
 * | initialise once (sample data, bootstrap) | pk=GROUP, sk=INITIALISED marker + the rest   | TransactWriteItems  |                       |
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

type Item = Record<string, unknown>;

/** Table names this repository writes to. */
export interface MembershipTables {
  readonly membership: string;
  readonly audit: string;
}

/** A starting state for a new deployment (sample data locally). */
export interface InitialMembership {
  readonly at: string;
  readonly profile: WorkingGroupProfile;
  readonly members: readonly Member[];
  readonly coChairs: readonly NewTerm[];
}

export interface NewTerm {
  readonly country: string;
  readonly startsOn: string;
}

export class MembershipRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: MembershipTables;

  constructor(client: DynamoDBDocumentClient, tables: MembershipTables) {
    this.client = client;
    this.tables = tables;
  }

  /** A reader for one request, over the request's shared item loader. */
  reader(loader: ItemLoader): MembershipReader {
    return new MembershipReader(loader, this.tables.membership);
  }

  /** By country code ascending; at most `listBounds.members`, which no membership can pass. */
  async listMembers(status?: MemberStatus): Promise<Member[]> {
    const items = await this.query(
      listBounds.members,
      status
        ? {
            IndexName: 'membersByStatus',
            KeyConditionExpression: 'statusKey = :s',
            ExpressionAttributeValues: { ':s': memberStatusKey(status) },
          }
        : { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': membersPartition } },
    );
    return items.map(toMember);
  }

  /** Newest first; the newest `listBounds.coChairTerms` should there ever be more. */
  async listCoChairTerms(): Promise<CoChairTerm[]> {
    const items = await this.query(listBounds.coChairTerms, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': coChairsPartition, ':prefix': termPrefix },
      ScanIndexForward: false,
      ConsistentRead: true,
    });
    return items.map((item) => ({
      country: item.country as string,
      startsOn: item.startsOn as string,
      endsOn: (item.endsOn as string | undefined) ?? null,
    }));
  }

  /** Adds a member, ACTIVE; the country must not be a member yet (in any status). */
  addMember(member: Member, event: AuditEvent): Promise<void> {
    return transactWrite(
      this.client,
      [
        {
          Put: {
            TableName: this.tables.membership,
            Item: memberItem(member),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        this.countActiveMembers(member.status === 'ACTIVE' ? 1 : 0),
        auditEventItem(this.tables.audit, event),
      ],
      `${member.country} is already a member`,
    );
  }

  /**
   * Replaces a member whose stored revision is `member.revision - 1`. A status change moves
   * the active count in the same transaction; leaving ACTIVE is conditioned on the guard not
   * listing the country as co-chair, so it cannot race a rotation that brings the country in.
   */
  replaceMember(member: Member, previousStatus: MemberStatus, event: AuditEvent): Promise<void> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tables.membership,
          Item: memberItem(member),
          // Optimistic lock: only the revision the caller read may be replaced.
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeValues: { ':expected': member.revision - 1 },
        },
      },
      auditEventItem(this.tables.audit, event),
    ];
    const delta = activeDelta(previousStatus, member.status);
    if (delta !== 0) items.push(this.countActiveMembers(delta));
    if (previousStatus === 'ACTIVE' && member.status !== 'ACTIVE') {
      items.push({
        ConditionCheck: {
          TableName: this.tables.membership,
          Key: coChairGuardKey,
          ConditionExpression: 'attribute_not_exists(pk) OR NOT contains(openCountries, :country)',
          ExpressionAttributeValues: { ':country': member.country },
        },
      });
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
    event: AuditEvent,
  ): Promise<OpenTerm[]> {
    const rotation = state.revision + 1;
    const leaving = new Set(outgoing.map((term) => term.country));
    const opened = incoming.map((term) => ({ ...term, termId: termKey(term.startsOn, term.country, rotation).sk }));
    const open = [...state.open.filter((term) => !leaving.has(term.country)), ...opened];
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tables.membership,
          Item: { ...coChairGuardKey, open, openCountries: open.map((term) => term.country), revision: rotation },
          ConditionExpression: state.revision === 0 ? 'attribute_not_exists(pk)' : 'revision = :expected',
          ...(state.revision === 0 ? {} : { ExpressionAttributeValues: { ':expected': state.revision } }),
        },
      },
      ...outgoing.map(
        (term): TransactItem => ({
          Update: {
            TableName: this.tables.membership,
            Key: { pk: coChairsPartition, sk: term.termId },
            UpdateExpression: 'SET endsOn = :endsOn',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(endsOn)',
            ExpressionAttributeValues: { ':endsOn': effectiveOn },
          },
        }),
      ),
      ...opened.flatMap((term): TransactItem[] => [
        {
          Put: {
            TableName: this.tables.membership,
            Item: { pk: coChairsPartition, sk: term.termId, country: term.country, startsOn: term.startsOn },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        this.activeMemberGuard(term.country).condition as TransactItem,
      ]),
      auditEventItem(this.tables.audit, event),
    ];
    return transactWrite(this.client, items, 'the co-chairs changed meanwhile').then(() => open);
  }

  /** A condition for another domain's transaction: the country is an ACTIVE member when it commits. */
  activeMemberGuard(country: string): TransactionGuard {
    const condition: TransactItem = {
      ConditionCheck: {
        TableName: this.tables.membership,
        Key: memberKey(country),
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'ACTIVE' },
      },
    };
    return { condition };
  }

  /**
   * Writes a starting state (the profile, members, open co-chair terms) once: the transaction is
   * conditioned on the marker it writes, so a second call, or a concurrent one, changes nothing.
   * Answers false when the table was already initialised.
   */
  async initialise(data: InitialMembership): Promise<boolean> {
    const open = data.coChairs.map((term) => ({ ...term, termId: termKey(term.startsOn, term.country, 1).sk }));
    const items: TransactItem[] = [
      { Put: { TableName: this.tables.membership, Item: { ...profileKey, ...data.profile } } },
      {
        Put: {
          TableName: this.tables.membership,
          Item: { ...countersKey, activeMembers: data.members.filter((member) => member.status === 'ACTIVE').length },
        },
      },
      {
        Put: {
          TableName: this.tables.membership,
          Item: { ...coChairGuardKey, open, openCountries: open.map((term) => term.country), revision: 1 },
        },
      },
      ...open.map((term): TransactItem => ({
        Put: {
          TableName: this.tables.membership,
          Item: { pk: coChairsPartition, sk: term.termId, country: term.country, startsOn: term.startsOn },
        },
      })),
      ...data.members.map((member): TransactItem => ({ Put: { TableName: this.tables.membership, Item: memberItem(member) } })),
    ];
    return writeOnce(this.client, this.tables.membership, initialisedKey, data.at, items);
  }

  /** The first `bound` items of a Query of this table, in its order. */
  private query(bound: number, input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    return queryUpTo(this.client, { TableName: this.tables.membership, ...input }, bound);
  }

  private countActiveMembers(delta: number): TransactItem {
    return {
      Update: {
        TableName: this.tables.membership,
        Key: countersKey,
        UpdateExpression: 'ADD activeMembers :delta',
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
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
    return item ? toMember(item) : null;
  }

  async profile(): Promise<WorkingGroupProfile | null> {
    const item = await this.load(profileKey);
    if (!item) return null;
    return {
      name: item.name as string,
      description: (item.description as string | undefined) ?? null,
      established: item.established as number,
      reportsTo: item.reportsTo as string,
    };
  }

  async activeMemberCount(): Promise<number> {
    const item = await this.load(countersKey);
    return (item?.activeMembers as number | undefined) ?? 0;
  }

  async coChairState(): Promise<CoChairState> {
    const item = await this.load(coChairGuardKey);
    return { open: (item?.open as OpenTerm[] | undefined) ?? [], revision: (item?.revision as number | undefined) ?? 0 };
  }
}

function activeDelta(before: MemberStatus, after: MemberStatus): number {
  return (after === 'ACTIVE' ? 1 : 0) - (before === 'ACTIVE' ? 1 : 0);
}

function memberItem(member: Member): Item {
  return {
    ...memberKey(member.country),
    statusKey: memberStatusKey(member.status),
    country: member.country,
    name: member.name,
    status: member.status,
    joinedOn: member.joinedOn,
    agencies: member.agencies,
    focalPoint: member.focalPoint ?? undefined,
    revision: member.revision,
  };
}

function toMember(item: Item): Member {
  return {
    country: item.country as string,
    name: item.name as string,
    status: item.status as MemberStatus,
    joinedOn: item.joinedOn as string,
    agencies: (item.agencies as Member['agencies'] | undefined) ?? [],
    focalPoint: (item.focalPoint as Member['focalPoint'] | undefined) ?? null,
    revision: item.revision as number,
  };
}
