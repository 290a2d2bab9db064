import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient } from '../../functions/shared/data/dynamo.ts';
import type { TableNames } from '../../functions/shared/data/tables.ts';
import { operationItems } from '../../functions/operation/operation.seed.ts';
import type { Operation } from '../../functions/operation/operation.types.ts';
import { recommendationItems } from '../../functions/recommendation/recommendation.items.ts';
import type { Recommendation } from '../../functions/recommendation/recommendation.types.ts';
import { loadSampleData } from '../../infra/local/sample-data/load.ts';
import { createTables, prefixedTableNames } from '../../infra/local/tables.ts';

const jpa8 = ['AU', 'KH', 'ID', 'LA', 'MY', 'NZ', 'PH', 'TH', 'VN'];

/**
 * Tables with the sample data, `count` more operations in JPA 8 (half of them handled MEMBERS),
 * and recommendations up to `recommendationCount`.
 */
export async function dataset(endpoint: string, prefix: string, count: number): Promise<TableNames> {
  const tableNames = prefixedTableNames(prefix);
  await createTables(createDynamoClient({ endpoint }), tableNames);
  await loadSampleData(endpoint, tableNames, new Date().toISOString());
  await addOperations(endpoint, tableNames.operations, manyOperations(count));
  const items = manyRecommendations().flatMap(recommendationItems);
  await writeBatches(createDocumentClient({ endpoint }), tableNames.work, items);
  return tableNames;
}

/**
 * Recommendations in all: the five of the sample data and more after them, so that a list of them
 * with their owners is a list a working group could hold after years, not five.
 */
export const recommendationCount = 200;

/** Recommendations 6 to `recommendationCount`, added in 2026, one to three owners each among JPA 8's countries, OPEN or IN_PROGRESS. */
function manyRecommendations(): Recommendation[] {
  return Array.from({ length: recommendationCount - 5 }, (_, index) => {
    const addedOn = new Date(Date.UTC(2026, 0, 1) + (index % 300) * 86_400_000).toISOString().slice(0, 10);
    return {
      number: 6 + index,
      text: `Illustrative benchmark recommendation ${6 + index}: strengthen cooperation on a named route.`,
      owners: jpa8.slice(index % 7, (index % 7) + 1 + (index % 3)),
      status: index % 2 === 0 ? 'OPEN' : 'IN_PROGRESS',
      dueOn: null,
      jpaNumber: 8,
      meetingNumber: null,
      addedOn,
      closedOn: null,
      revision: 1,
      createdAt: `${addedOn}T00:00:00.000Z`,
      updatedAt: `${addedOn}T00:00:00.000Z`,
    };
  });
}

/** `count` illustrative operations in JPA 8: leads in turn, two participants each, half handled MEMBERS. */
export function manyOperations(count: number): Operation[] {
  return Array.from({ length: count }, (_, index) => operation(index));
}

/** Writes operations with every item the API would write for them, many at a time. */
export async function addOperations(endpoint: string, table: string, operations: readonly Operation[]): Promise<void> {
  await writeBatches(createDocumentClient({ endpoint }), table, operations.flatMap(operationItems));
}

async function writeBatches(
  client: ReturnType<typeof createDocumentClient>,
  table: string,
  items: Record<string, unknown>[],
): Promise<void> {
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, index) =>
    items.slice(index * 25, index * 25 + 25),
  );
  // A few writers at a time: DynamoDB Local takes them faster than one after another.
  for (let start = 0; start < batches.length; start += 8) {
    await Promise.all(batches.slice(start, start + 8).map((batch) => writeAll(client, table, batch)));
  }
}

async function writeAll(
  client: ReturnType<typeof createDocumentClient>,
  table: string,
  items: Record<string, unknown>[],
): Promise<void> {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  while (pending.length > 0) {
    const output = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
    pending = (output.UnprocessedItems?.[table] ?? []) as typeof pending;
  }
}

function operation(index: number): Operation {
  const lead = jpa8[index % jpa8.length]!;
  const day = new Date(Date.UTC(2026, 7, 1) + (index % 360) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: crypto.randomUUID(),
    jpaNumber: 8,
    codeName: `Bench ${index}`,
    lead,
    participants: [lead, jpa8[(index + 3) % jpa8.length]!],
    crimeTypes: ['PEOPLE_SMUGGLING'],
    status: index % 3 === 0 ? 'PLANNED' : 'ACTIVE',
    startsOn: day,
    endsOn: null,
    summary: 'Illustrative benchmark operation.',
    handling: index % 2 === 0 ? 'MEMBERS' : 'PARTICIPANTS',
    outcomes: { arrests: 0, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
    revision: 1,
  };
}
