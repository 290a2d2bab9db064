import {
  buildASTSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { typeDefs } from '../../functions/graphql/server.ts';
import * as doc from '../../schema/generated/documents.ts';
import { callers, codes, createTestApi, type Identity, type TestApi } from '../support/api.ts';
import { sampleOperationIds } from '../support/samples.ts';
import { fieldDocument, jpaNumbersAfter, setAt, stateReads, tablesDigest } from '../support/schema-calls.ts';

/**
 * docs/api.md, "Fine print": `CountryCode` accepts only officially assigned ISO 3166-1 alpha-2 codes.
 * Every argument and input field whose type is CountryCode (or a list of it), found by walking
 * the schema, refuses codes that are not officially assigned, in the wrong case or of the wrong
 * length with BAD_USER_INPUT, sent as variables, in a call that is otherwise valid (the same
 * call with a good code answers), and a refused mutation writes nothing.
 */
const refused = [
  'ZZ', // user-assigned
  'XK', // user-assigned (Kosovo), not officially assigned
  'nz', // lower case
  'NZL', // alpha-3
  'UK', // exceptionally reserved
  'EU', // exceptionally reserved
  'AN', // transitionally reserved (formerly assigned)
  '',
  ' NZ',
];

const schema = buildASTSchema(parse(typeDefs.join('\n')));

interface Case {
  readonly kind: 'query' | 'mutation';
  readonly field: GraphQLField<unknown, unknown>;
  /** From the field's arguments; list elements as 0. */
  readonly path: (string | number)[];
}

function countryPaths(type: GraphQLInputType, path: (string | number)[], seen: Set<string>): (string | number)[][] {
  if (isNonNullType(type)) return countryPaths(type.ofType, path, seen);
  if (isListType(type)) return countryPaths(type.ofType, [...path, 0], seen);
  if (getNamedType(type).name === 'CountryCode') return [path];
  if (!isInputObjectType(type) || seen.has(type.name)) return [];
  return Object.values(type.getFields()).flatMap((field) =>
    countryPaths(field.type, [...path, field.name], new Set([...seen, type.name])),
  );
}

const cases: Case[] = (['query', 'mutation'] as const).flatMap((kind) => {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  return Object.values(root.getFields()).flatMap((field) =>
    field.args.flatMap((arg) => countryPaths(arg.type, [arg.name], new Set()).map((path) => ({ kind, field, path }))),
  );
});

let api: TestApi;
let state: ReturnType<typeof stateReads>;
beforeAll(async () => {
  api = await createTestApi();
  state = stateReads(api);
});
const memberState = (country: string) => state.memberState(country);
const operationRevision = (id: string) => state.operationRevision(id);
const coChairs = () => state.coChairs();
const meetingRevision = async (number: number) =>
  (await state.read(callers.secretariat, doc.MeetingDocument, { number })).meeting?.revision;

const au: Identity = { sub: 'au-official', country: 'AU' };
const secretariat = callers.secretariat;

const newCountries = ['FJ', 'WS', 'TO', 'VU', 'SB', 'PG'];
const nextJpaNumberAfter = jpaNumbersAfter(600);

/**
 * A valid call of each query and mutation with a CountryCode, against the current state (the
 * check that the call with a good code answers changes the state, so each case builds its own).
 */
const validCall: Record<string, () => Promise<{ caller: Identity; variables: Record<string, unknown> }>> = {
  member: async () => ({ caller: secretariat, variables: { country: 'NZ' } }),
  operations: async () => ({ caller: au, variables: { country: 'NZ', first: 5 } }),
  recommendations: async () => ({ caller: secretariat, variables: { owner: 'NZ' } }),
  addRecommendation: async () => ({ caller: secretariat, variables: { input: { text: 'x', owners: ['AU'] } } }),
  updateRecommendation: async () => ({
    caller: secretariat,
    variables: {
      input: {
        number: 4,
        expectedRevision: (await state.read(secretariat, doc.RecommendationDocument, { number: 4 })).recommendation!
          .revision,
        owners: ['AU'],
      },
    },
  }),
  createWorkPlanItem: async () => ({
    caller: secretariat,
    variables: { input: { title: 'x', owners: ['AU'], dueOn: '2027-01-01' } },
  }),
  updateWorkPlanItem: async () => ({
    caller: secretariat,
    variables: {
      input: {
        number: 4,
        expectedRevision: (await state.read(secretariat, doc.WorkPlanDocument)).workPlan.find(
          (item) => item.number === 4,
        )!.revision,
        owners: ['AU'],
      },
    },
  }),
  addMember: async () => ({
    caller: secretariat,
    variables: { input: { country: newCountries.shift(), name: 'A new member', joinedOn: '2026-11-01' } },
  }),
  updateMember: async () => ({
    caller: secretariat,
    variables: { input: { country: 'KR', expectedRevision: (await memberState('KR')).revision, name: 'Korea' } },
  }),
  setMemberStatus: async () => ({ caller: secretariat, variables: { input: await state.statusChange('KR') } }),
  rotateCoChairs: async () => {
    const open = await coChairs();
    const incoming = ['AU', 'TH', 'ID', 'MY'].find((country) => !open.includes(country));
    return {
      caller: secretariat,
      variables: { input: { outgoing: [open[0]], incoming: [incoming], effectiveOn: '2026-12-01' } },
    };
  },
  createJpa: async () => ({
    caller: secretariat,
    variables: {
      input: {
        number: nextJpaNumberAfter(),
        title: 'A JPA',
        startsOn: '2030-01-01',
        endsOn: '2030-12-31',
        participants: ['AU'],
      },
    },
  }),
  concludeJpa: async () => ({
    caller: secretariat,
    variables: {
      input: {
        number: await state.plannedJpa(nextJpaNumberAfter()),
        expectedRevision: 1,
        conference: { city: 'Ha Noi', country: 'VN', startsOn: '2030-12-01', endsOn: '2030-12-03' },
      },
    },
  }),
  createOperation: async () => ({
    caller: au,
    variables: {
      input: {
        jpaNumber: 8,
        codeName: 'Blue Heron',
        participants: ['ID'],
        crimeTypes: ['PEOPLE_SMUGGLING'],
        startsOn: '2026-12-01',
      },
    },
  }),
  updateOperation: async () => ({
    caller: au,
    variables: {
      input: {
        id: sampleOperationIds.coralTide,
        expectedRevision: await operationRevision(sampleOperationIds.coralTide),
        participants: ['ID', 'NZ'],
      },
    },
  }),
  scheduleMeeting: async () => ({
    caller: secretariat,
    variables: {
      input: {
        title: 'A meeting',
        kind: 'WORKSHOP',
        format: 'IN_PERSON',
        startsOn: '2026-03-10',
        endsOn: '2026-03-11',
        host: 'PH',
        agenda: [{ title: 'An item', presenter: 'AU' }],
      },
    },
  }),
  updateMeeting: async () => ({
    caller: secretariat,
    variables: {
      input: { number: 3, expectedRevision: await meetingRevision(3), agenda: [{ title: 'An item', presenter: 'AU' }] },
    },
  }),
  recordAttendance: async () => ({
    caller: secretariat,
    variables: {
      input: { number: 3, expectedRevision: await meetingRevision(3), attendance: [{ country: 'NZ', delegates: 2 }] },
    },
  }),
};

describe('every CountryCode argument and input field', () => {
  it('has a valid call for every query and mutation that takes a CountryCode', () => {
    const named = new Set(cases.map((entry) => entry.field.name));
    expect([...named].filter((field) => !(field in validCall))).toEqual([]);
    expect(
      Object.keys(validCall).filter((field) => !named.has(field)),
      'calls for fields that take no CountryCode',
    ).toEqual([]);
  });

  for (const { kind, field, path } of cases) {
    const where = `${kind} ${field.name} ${path.join('.')}`;
    it(`${where}: refuses ${refused.map((code) => JSON.stringify(code)).join(', ')} with BAD_USER_INPUT${kind === 'mutation' ? ', writing nothing' : ''}`, async () => {
      const build = validCall[field.name];
      if (!build) throw new Error(`no valid call for ${field.name}`);
      const { caller, variables } = await build();
      const before = kind === 'mutation' ? await tablesDigest(api) : '';
      for (const code of refused) {
        const response = await api.call(
          caller,
          fieldDocument(kind, field),
          setAt(variables, path, code) as Record<string, unknown>,
        );
        const context = `${where} = ${JSON.stringify(code)}`;
        expect(codes(response), context).toEqual(['BAD_USER_INPUT']);
        expect(response.data?.[field.name] ?? null, context).toBeNull();
        if (kind === 'mutation') expect(await tablesDigest(api), `${context} changed the tables`).toBe(before);
      }
      const good = await api.call(caller, fieldDocument(kind, field), variables);
      expect(good.errors, `${where} with a good code`).toBeUndefined();
      expect(good.data?.[field.name], `${where} with a good code`).toBeTruthy();
    });
  }

  it("found the CountryCode arguments and fields of today's schema", () => {
    expect(cases.map((entry) => `${entry.field.name} ${entry.path.join('.')}`)).toEqual(
      expect.arrayContaining([
        'member country',
        'operations country',
        'addMember input.country',
        'updateMember input.country',
        'setMemberStatus input.country',
        'rotateCoChairs input.outgoing.0',
        'rotateCoChairs input.incoming.0',
        'createJpa input.participants.0',
        'concludeJpa input.conference.country',
        'createOperation input.participants.0',
        'updateOperation input.participants.0',
        'recommendations owner',
        'addRecommendation input.owners.0',
        'updateRecommendation input.owners.0',
        'createWorkPlanItem input.owners.0',
        'updateWorkPlanItem input.owners.0',
        'scheduleMeeting input.host',
        'scheduleMeeting input.agenda.0.presenter',
        'updateMeeting input.agenda.0.presenter',
        'recordAttendance input.attendance.0.country',
      ]),
    );
  });
});
