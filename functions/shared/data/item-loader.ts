import DataLoader from 'dataloader';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAcrossTables } from './dynamo.ts';
import type { Item } from './item-codec.ts';

export interface TableKey {
  readonly table: string;
  readonly pk: string;
  readonly sk: string;
}

/**
 * One per request: every read by key, of any table, made in the same tick goes out as one
 * BatchGetItem (tables mixed), and is cached for the rest of the request. So a level of a query
 * that needs members, JPAs and operations by key costs one call, however many items.
 */
export class ItemLoader {
  private readonly loader: DataLoader<TableKey, Item | undefined, string>;

  constructor(client: DynamoDBDocumentClient) {
    this.loader = new DataLoader((keys) => batchGetAcrossTables(client, keys), {
      cacheKeyFn: ({ table, pk, sk }) => `${table}\u0000${pk}\u0000${sk}`,
      maxBatchSize: 100,
    });
  }

  load(key: TableKey): Promise<Item | undefined> {
    return this.loader.load(key);
  }

  loadMany(keys: readonly TableKey[]): Promise<(Item | undefined)[]> {
    return Promise.all(keys.map((key) => this.loader.load(key)));
  }

  /** Forget what was read: after a write, later reads of this request see the new state. */
  forget(): void {
    this.loader.clearAll();
  }

  /** After a write: forgets what was read, and answers what was written. */
  written<T>(record: T): T {
    this.forget();
    return record;
  }
}
