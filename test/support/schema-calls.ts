import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { getNamedType, isObjectType, type GraphQLField } from 'graphql';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { tableIds } from '../../functions/shared/data/tables.ts';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import * as doc from '../../schema/generated/documents.ts';
import { callers, dataOf, type Identity, type TestApi, type VariablesArgument } from './api.ts';

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
  const all = await Promise.all(
    tableIds.map(async (id) => (await client.send(new ScanCommand({ TableName: api.tableNames[id] }))).Items ?? []),
  );
  return all.flat();
}

/** The tables' contents as one string, to compare before and after a call that must change nothing. */
export const tablesDigest = async (api: TestApi): Promise<string> =>
  JSON.stringify((await tableItems(api)).map((item) => JSON.stringify(item)).sort());

/** Reads of the current state that valid inputs need (revisions, statuses, open terms), through the client documents. */
/** JPA numbers no other case took: each call answers the next after `start`. */
export function jpaNumbersAfter(start: number): () => number {
  let last = start;
  return () => {
    last += 1;
    return last;
  };
}

export function stateReads(api: TestApi) {
  const au: Identity = { sub: 'au-official', country: 'AU' };
  /** A call that must succeed, and its data. */
  const read = async <R, V>(
    identity: Identity,
    document: TypedDocumentNode<R, V>,
    ...variables: VariablesArgument<V>
  ): Promise<R> => dataOf(await api.call(identity, document, ...variables));
  const present = <T>(value: T | null | undefined, what: string): T => {
    expect(value, what).toBeTruthy();
    return value!;
  };
  const memberState = async (country: string) =>
    present((await read(callers.secretariat, doc.MemberDocument, { country })).member, `member ${country}`);
  return {
    read,
    memberState,
    /** A setMemberStatus input that changes the member's status from what it is now. */
    statusChange: async (country: string) => {
      const { revision, status } = await memberState(country);
      const next = status === 'ACTIVE' ? 'SUSPENDED' : 'ACTIVE';
      return { country, expectedRevision: revision, status: next, reason: 'A reason' } as const;
    },
    /** Creates a PLANNED JPA with this number (one a case may conclude) and answers the number. */
    plannedJpa: async (number: number) => {
      await read(callers.secretariat, doc.CreateJpaDocument, {
        input: { number, title: 'A JPA to conclude', startsOn: '2030-01-01', endsOn: '2030-12-31' },
      });
      return number;
    },
    jpaRevision: async (number: number) =>
      present((await read(callers.secretariat, doc.JpaDocument, { number })).jpa, `JPA ${number}`).revision,
    operationRevision: async (id: string) =>
      present((await read(au, doc.OperationDocument, { id })).operation, `operation ${id}`).revision,
    coChairs: async () =>
      (await read(callers.secretariat, doc.CoChairsDocument)).coChairs.map((term) => term.member.country),
  };
}
