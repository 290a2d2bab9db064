import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allEventsStream, type AuditEvent } from '../shared/domain/audit-events.ts';

/*
 * Access patterns of the audit table (written by every domain through auditEventItem in
 * shared/domain/audit-events.ts, in the transaction of the change; this repository only reads):
 *
 * | pattern                            | key / index                                         | call  | reads at most       |
 * | ---------------------------------- | --------------------------------------------------- | ----- | ------------------- |
 * | events of one entity, newest first | pk=ENTITY#<entity>, sk=<at>#<id> descending          | Query | first + 1 (≤ 101)   |
 * | all events, newest first           | eventsByTime: streamKey=ALL, sk=<at>#<id> descending | Query | first + 1 (≤ 101)   |
 *
 * A page starts strictly after a position (the sort key of the last event of the previous page).
 * Each page is one Query of one key with `Limit: first + 1` (`first` is 1–100, checked by the
 * service), the extra event telling whether there is a next page. An event is at most about
 * 8.5 KB (a 2,000-character summary at 4 bytes a character, and short keys and names), so 101
 * fit in DynamoDB's 1 MB page and one call answers, with the extra event when there is one.
 */

export interface AuditPage {
  readonly items: readonly { node: AuditEvent; position: string }[];
  readonly hasNextPage: boolean;
}

export class AuditRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(client: DynamoDBDocumentClient, tables: { readonly audit: string }) {
    this.client = client;
    this.table = tables.audit;
  }

  async listEvents(entity: string | null, after: string | null, limit: number): Promise<AuditPage> {
    const partition = entity
      ? { name: 'pk', value: `ENTITY#${entity}` }
      : { name: 'streamKey', value: allEventsStream, index: 'eventsByTime' };
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        ...(partition.index ? { IndexName: partition.index } : { ConsistentRead: true }),
        KeyConditionExpression: after ? '#p = :p AND sk < :after' : '#p = :p',
        ExpressionAttributeNames: { '#p': partition.name },
        ExpressionAttributeValues: { ':p': partition.value, ...(after ? { ':after': after } : {}) },
        ScanIndexForward: false,
        Limit: limit + 1,
      }),
    );
    const items = output.Items ?? [];
    return {
      items: items.slice(0, limit).map((item) => ({
        position: item.sk as string,
        node: {
          id: item.id as string,
          at: item.at as string,
          actor: item.actor as string,
          actorCountry: (item.actorCountry as string | null | undefined) ?? null,
          action: item.action as string,
          entity: item.entity as string,
          summary: item.summary as string,
        },
      })),
      hasNextPage: items.length > limit,
    };
  }
}
