import { buildASTSchema, getOperationAST, Kind, parse, print } from 'graphql';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { estimateCost } from '../../functions/graphql/cost.ts';
import { limits } from '../../functions/graphql/limits.ts';
import { typeDefs } from '../../functions/graphql/server.ts';
import { requestLimits } from '../../functions/shared/data/request-reads.ts';
import { aliasCounts, diffTexts, diffVersions, shapes } from '../bench/adversarial.ts';
import { addOperations, manyOperations } from '../bench/data.ts';
import * as doc from '../../schema/generated/documents.ts';
import { countingClient, createTestApi, type Identity, type TestApi } from '../support/api.ts';
import { clientDocuments, clientOperations } from '../support/client-documents.ts';
import { sampleOperationIds } from '../support/samples.ts';

/**
 * The read budget is the last line of defence, never the first: at 20,000 operations, every
 * client document and the most expensive requests the cost estimate admits answer without
 * meeting it (docs/api.md: MAX_COST_EXCEEDED only for what the estimate could not foresee).
 */

const operations = 20_000;
const official: Identity = { sub: 'th-official', country: 'TH' };
const secretariat: Identity = { sub: 'secretariat', groups: ['secretariat'] };
const schema = buildASTSchema(parse(typeDefs.join('\n')));
const counter = countingClient(inject('dynamoEndpoint'));
let api: TestApi;

beforeAll(async () => {
  api = await createTestApi({ client: counter.client });
  await addOperations(api.endpoint, api.tableNames.operations, manyOperations(operations));
  const [from, to] = diffTexts();
  for (const [text, version] of [
    [from, diffVersions.from],
    [to, diffVersions.to],
  ] as const) {
    const drafted = await api.call(secretariat, doc.DraftTermsOfReferenceDocument, {
      input: { title: 'Large draft', text },
    });
    expect(drafted.data?.draftTermsOfReference.version).toBe(version);
  }
}, 600_000);

/** What one request consumed, in read capacity units, and its error codes. */
async function send(caller: Identity, query: string, variables?: Record<string, unknown>) {
  counter.reset();
  const response = await api.call(caller, query, variables);
  return {
    codes: (response.errors ?? []).map((error) => error.extensions.code),
    consumed: counter.recorded.reduce((sum, call) => sum + call.capacityUnits, 0),
  };
}

const clientQueries = clientOperations.filter((operation) => operation.operation === 'query');
/** Variables that make each client query read the most: JPA 8 holds the 20,000 operations. */
const variables = {
  number: 8,
  id: sampleOperationIds.coralTide,
  country: 'TH',
  version: diffVersions.to,
  from: diffVersions.from,
  entity: 'jpa/8',
  first: 100,
  // A draft annual report of the year JPA 8 runs in.
  year: 2026,
};

describe(`at ${operations.toLocaleString('en-US')} operations`, () => {
  it.each(clientQueries.map((query) => [query.name!.value, query] as const))(
    'answers the client document %s within the read budget',
    async (name, query) => {
      const text = `${print(query)}\n${clientDocuments.definitions
        .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => print(fragment))
        .join('\n')}`;
      for (const caller of [official, secretariat]) {
        const { codes, consumed } = await send(caller, text, variables);
        expect(
          codes.filter((code) => code === 'MAX_COST_EXCEEDED' || code === 'INTERNAL_SERVER_ERROR'),
          name,
        ).toEqual([]);
        expect(consumed, name).toBeLessThan(requestLimits.readCapacityUnits / 2);
      }
    },
  );

  it.each(Object.entries(shapes))(
    'answers the most expensive %s the estimate admits within the read budget',
    async (name, shape) => {
      const cost = (query: string) =>
        estimateCost(schema, parse(query), {}, getOperationAST(parse(query)) ?? undefined) ?? Infinity;
      let tried = 0;
      for (const aliases of aliasCounts) {
        let first = shape.paged ? 100 : 1;
        while (first > 1 && cost(shape.document(aliases, first)) > limits.cost) first -= 1;
        if (cost(shape.document(aliases, first)) > limits.cost) continue;
        tried += 1;
        const { codes, consumed } = await send(
          shape.caller === 'official' ? official : secretariat,
          shape.document(aliases, first),
        );
        expect(codes, `${name} × ${aliases}`).toEqual([]);
        expect(consumed, `${name} × ${aliases}`).toBeLessThan(requestLimits.readCapacityUnits / 2);
      }
      // A shape the estimate refuses in every form is the estimate at work, not a gap in this test.
      if (tried === 0) expect(cost(shape.document(1, 1)), name).toBeGreaterThan(limits.cost);
    },
  );
});
