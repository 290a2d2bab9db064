import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { getNamedType, isObjectType, type GraphQLField } from 'graphql';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { tableIds } from '../../functions/shared/data/tables.ts';
import { callers, type Identity, type TestApi } from './api.ts';

/**
 * For tests driven by the schema: a document that calls one field with every argument as a
 * variable, a value put at a path of an input, and the state of the tables before and after.
 */

/** `kind { field(arg: $arg, …) { __typename } }`, every argument a variable of its own type. */
export function fieldDocument(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} Call${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

/** `value` with `by` at `path`, creating objects and lists on the way. */
export function setAt(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number') {
    const list = Array.isArray(value) ? [...(value as unknown[])] : [];
    list[head] = setAt(list[head], rest, by);
    return list;
  }
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [head]: setAt(object[head], rest, by) };
}

/** Every item of every table of the test API. */
export async function tableItems(api: TestApi): Promise<Record<string, unknown>[]> {
  const client = createDocumentClient({ endpoint: api.endpoint });
  const all = await Promise.all(tableIds.map(async (id) => (await client.send(new ScanCommand({ TableName: api.tableNames[id] }))).Items ?? []));
  return all.flat();
}

/** The tables' contents as one string, to compare before and after a call that must change nothing. */
export const tablesDigest = async (api: TestApi): Promise<string> => JSON.stringify((await tableItems(api)).map((item) => JSON.stringify(item)).sort());

/** Reads of the current state that valid inputs need (revisions, statuses, open terms). */
export function stateReads(api: TestApi) {
  const au: Identity = { sub: 'au-official', country: 'AU' };
  async function read<T>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await api.call<T>(identity, query, variables);
    expect(response.errors, query).toBeUndefined();
    return response.data as T;
  }
  return {
    read,
    memberState: async (country: string) =>
      (await read<{ member: { revision: number; status: string } }>(callers.secretariat, 'query($c: CountryCode!) { member(country: $c) { revision status } }', { c: country })).member,
    jpaRevision: async (number: number) =>
      (await read<{ jpa: { revision: number } }>(callers.secretariat, 'query($n: Int!) { jpa(number: $n) { revision } }', { n: number })).jpa.revision,
    operationRevision: async (id: string) =>
      (await read<{ operation: { revision: number } }>(au, 'query($id: ID!) { operation(id: $id) { revision } }', { id })).operation.revision,
    coChairs: async () =>
      (await read<{ coChairs: { member: { country: string } }[] }>(callers.secretariat, '{ coChairs { member { country } } }')).coChairs.map((term) => term.member.country),
  };
}
