import {
  buildASTSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  type GraphQLInputType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { typeDefs } from '../../functions/graphql/server.ts';
import { callers, codes, createTestApi, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { sampleOperationIds } from '../support/samples.ts';
import {
  fieldDocument,
  jpaNumbersAfter,
  setAt,
  stateReads,
  tableItems,
  tablesDigest,
} from '../support/schema-calls.ts';

/**
 * docs/api.md, "Rules of the state", text limits: every limited string field of every mutation input,
 * at its limit (accepted, stored in full) and one over, empty and blank (BAD_USER_INPUT, nothing
 * written). The cases come from the schema's input types; the limits from this table, so a new
 * String field of an input fails the first test until it is given a limit here (or is listed as
 * unlimited with its reason), and a new mutation with a limited field fails until it has a valid
 * input below.
 */

type Kind = 'text' | 'email' | 'phone' | 'key';
interface Limit {
  readonly max: number;
  /** How a value of a given length is written: plain text, or a value that also passes the field's format. */
  readonly kind: Kind;
  /** Kept nowhere but quoted in the audit event's summary, which keeps its first 2,000 characters. */
  readonly quotedOnly?: true;
}
// docs/api.md's numbers, written here rather than read from the code under test.
const name: Limit = { max: 200, kind: 'text' };
const long: Limit = { max: 2_000, kind: 'text' };
const text: Limit = { max: 100_000, kind: 'text' };

/** Every String field of every input type, by `Type.field` (lists: each element). */
const textLimits: Record<string, Limit> = {
  'AgencyInput.name': name,
  'ContactInput.name': name,
  'ContactInput.email': { max: 254, kind: 'email' },
  'ContactInput.phone': { max: 40, kind: 'phone' },
  'AddMemberInput.name': name,
  'UpdateMemberInput.name': name,
  'SetMemberStatusInput.reason': { ...long, quotedOnly: true },
  'CreateJpaInput.title': name,
  'UpdateJpaInput.title': name,
  'ConferenceInput.city': name,
  'ConferenceInput.theme': name,
  'ConferenceInput.recommendations': long,
  'CreateOperationInput.codeName': name,
  'CreateOperationInput.summary': long,
  /** 1–128 letters, digits or `_ . : -` (docs/api.md: the key of a repeated create). */
  'CreateOperationInput.idempotencyKey': { max: 128, kind: 'key' },
  'UpdateOperationInput.codeName': name,
  'UpdateOperationInput.summary': long,
  'DraftTermsOfReferenceInput.title': name,
  'DraftTermsOfReferenceInput.text': text,
  'DraftTermsOfReferenceInput.changeSummary': long,
  'UpdateTermsOfReferenceDraftInput.title': name,
  'UpdateTermsOfReferenceDraftInput.text': text,
  'UpdateTermsOfReferenceDraftInput.changeSummary': long,
  'AddRecommendationInput.text': long,
  'UpdateRecommendationInput.text': long,
  'AddProgressNoteInput.text': long,
  'CreateWorkPlanItemInput.title': name,
  'CreateWorkPlanItemInput.description': long,
  'UpdateWorkPlanItemInput.title': name,
  'UpdateWorkPlanItemInput.description': long,
  'ScheduleMeetingInput.title': name,
  'ScheduleMeetingInput.city': name,
  'AgendaItemInput.title': name,
  'UpdateMeetingInput.title': name,
  'UpdateMeetingInput.city': name,
  'UpdateMeetingInput.minutes': text,
};

/** String fields of inputs that carry no length limit, each with the reason. None today. */
const unlimited: Record<string, string> = {};

/** A value of exactly `length` characters (code points) that is valid in every other respect. */
function valueOfLength(kind: Kind, length: number): string {
  switch (kind) {
    // Two astral characters: a limit counted in UTF-16 units (or bytes) would refuse it.
    case 'text':
      return length >= 2 ? `🌏${'x'.repeat(length - 2)}🌏` : 'x'.repeat(length);
    case 'email':
      return `${'a'.repeat(length - '@example.org'.length)}@example.org`;
    case 'phone':
      return `+${'6'.repeat(length - 1)}`;
    case 'key':
      return 'k'.repeat(length);
  }
}

const schema = buildASTSchema(parse(typeDefs.join('\n')));
const mutations = Object.values(schema.getMutationType()!.getFields());

interface TextField {
  /** `Type.field` */
  readonly key: string;
  /** From the mutation's arguments, list elements as 0. */
  readonly path: (string | number)[];
}

/** Every String field under an input type, with its path. */
function textFields(type: GraphQLInputType, path: (string | number)[]): TextField[] {
  if (isNonNullType(type)) return textFields(type.ofType, path);
  if (isListType(type)) return textFields(type.ofType, [...path, 0]);
  if (!isInputObjectType(type)) return [];
  return Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    if (named.name === 'String') {
      const elements = listDepth(field.type);
      return [{ key: `${type.name}.${field.name}`, path: [...path, field.name, ...Array<number>(elements).fill(0)] }];
    }
    return textFields(field.type, [...path, field.name]);
  });
}

function listDepth(type: GraphQLInputType): number {
  if (isNonNullType(type)) return listDepth(type.ofType);
  if (isListType(type)) return 1 + listDepth(type.ofType);
  return 0;
}

const cases = mutations.flatMap((mutation) =>
  mutation.args.flatMap((arg) => textFields(arg.type, [arg.name]).map((field) => ({ mutation, ...field }))),
);

let api: TestApi;
let state: ReturnType<typeof stateReads>;
beforeAll(async () => {
  api = await createTestApi();
  state = stateReads(api);
});
const memberState = (country: string) => state.memberState(country);
const jpaRevision = (number: number) => state.jpaRevision(number);
const operationRevision = (id: string) => state.operationRevision(id);
const meetingRevision = async (number: number) =>
  (await state.read(callers.secretariat, doc.MeetingDocument, { number })).meeting?.revision;

const au: Identity = { sub: 'au-official', country: 'AU' };
const secretariat = callers.secretariat;

/** Countries that are no member in the sample data, one per addMember. */
const newCountries = ['FJ', 'WS', 'TO', 'VU', 'SB', 'PG', 'KI', 'TV', 'NR', 'PW', 'MH', 'FM'];
const nextJpaNumberAfter = jpaNumbersAfter(500);
async function draftVersion(): Promise<number> {
  const data = await state.read(secretariat, doc.DraftTermsOfReferenceDocument, {
    input: { title: 'A draft', text: 'Draft text' },
  });
  return data.draftTermsOfReference.version;
}

const recommendationRevision = async (number: number) =>
  (await state.read(secretariat, doc.RecommendationDocument, { number })).recommendation!.revision;
const workPlanRevision = async (number: number) =>
  (await state.read(secretariat, doc.WorkPlanDocument)).workPlan.find((item) => item.number === number)!.revision;

const agencies = [{ name: 'Police', kind: 'POLICE' }];
const focalPoint = { name: 'Focal Point', email: 'focal@example.org', phone: '+64 4 000 0000' };

/**
 * A valid call of each mutation with a limited field, every limited field present, against the
 * current state (each call builds a fresh one: the accepted case changes the state).
 */
const validCall: Record<string, () => Promise<{ caller: Identity; variables: Record<string, unknown> }>> = {
  addMember: async () => ({
    caller: secretariat,
    variables: {
      input: { country: newCountries.shift(), name: 'A new member', joinedOn: '2026-11-01', agencies, focalPoint },
    },
  }),
  updateMember: async () => ({
    caller: secretariat,
    variables: {
      input: {
        country: 'KR',
        expectedRevision: (await memberState('KR')).revision,
        name: 'Korea',
        agencies,
        focalPoint,
      },
    },
  }),
  setMemberStatus: async () => ({ caller: secretariat, variables: { input: await state.statusChange('KR') } }),
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
  updateJpa: async () => ({
    caller: secretariat,
    variables: { input: { number: 8, expectedRevision: await jpaRevision(8), title: 'JPA 8' } },
  }),
  concludeJpa: async () => ({
    caller: secretariat,
    variables: {
      input: {
        number: await state.plannedJpa(nextJpaNumberAfter()),
        expectedRevision: 1,
        conference: {
          city: 'Ha Noi',
          country: 'VN',
          startsOn: '2030-12-01',
          endsOn: '2030-12-03',
          theme: 'A theme',
          recommendations: ['A recommendation'],
        },
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
        summary: 'A summary',
        idempotencyKey: crypto.randomUUID(),
      },
    },
  }),
  updateOperation: async () => ({
    caller: au,
    variables: {
      input: {
        id: sampleOperationIds.coralTide,
        expectedRevision: await operationRevision(sampleOperationIds.coralTide),
        codeName: 'Coral Tide',
        summary: 'A summary',
      },
    },
  }),
  draftTermsOfReference: async () => ({
    caller: secretariat,
    variables: { input: { title: 'Terms of Reference', text: 'The text', changeSummary: 'What changed' } },
  }),
  addRecommendation: async () => ({
    caller: secretariat,
    variables: { input: { text: 'A recommendation', owners: ['AU'] } },
  }),
  updateRecommendation: async () => ({
    caller: secretariat,
    variables: { input: { number: 1, expectedRevision: await recommendationRevision(1), text: 'Reworded' } },
  }),
  addProgressNote: async () => ({
    caller: secretariat,
    variables: { input: { recommendationNumber: 1, text: 'A note' } },
  }),
  createWorkPlanItem: async () => ({
    caller: secretariat,
    variables: { input: { title: 'An item', description: 'What it is', owners: ['AU'], dueOn: '2027-01-01' } },
  }),
  updateWorkPlanItem: async () => ({
    caller: secretariat,
    variables: {
      input: { number: 1, expectedRevision: await workPlanRevision(1), title: 'An item', description: 'What it is' },
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
        city: 'Manila',
        agenda: [{ title: 'An item' }],
      },
    },
  }),
  updateMeeting: async () => ({
    caller: secretariat,
    variables: {
      input: {
        number: 3,
        expectedRevision: await meetingRevision(3),
        title: 'A meeting',
        city: 'Bangkok',
        agenda: [{ title: 'An item' }],
        minutes: 'The minutes',
      },
    },
  }),
  updateTermsOfReferenceDraft: async () => ({
    caller: secretariat,
    variables: {
      input: {
        version: await draftVersion(),
        expectedRevision: 1,
        title: 'Terms of Reference',
        text: 'The text',
        changeSummary: 'What changed',
      },
    },
  }),
};

function holds(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value.includes(text);
  if (Array.isArray(value)) return value.some((item) => holds(item, text));
  if (value instanceof Set) return [...value].some((item) => holds(item, text));
  if (value && typeof value === 'object') return Object.values(value).some((item) => holds(item, text));
  return false;
}

describe('the text limits table', () => {
  it('covers every String field of every input: each is limited here or listed as unlimited, and no entry is stale', () => {
    const inSchema = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === 'String') inSchema.add(`${type.name}.${field.name}`);
      }
    }
    const unlisted = [...inSchema].filter((key) => !(key in textLimits) && !(key in unlimited));
    expect(unlisted, 'String input fields with no limit in this table').toEqual([]);
    const stale = [...Object.keys(textLimits), ...Object.keys(unlimited)].filter((key) => !inSchema.has(key));
    expect(stale, 'entries naming no input field').toEqual([]);
  });

  it('has a valid input for every mutation with a limited field', () => {
    const limited = new Set(cases.filter((entry) => entry.key in textLimits).map((entry) => entry.mutation.name));
    expect([...limited].filter((mutation) => !(mutation in validCall))).toEqual([]);
    expect(limited.size).toBeGreaterThan(0);
  });
});

describe('every limited text field of every mutation input, at its edges', () => {
  const limited = cases.filter((entry) => entry.key in textLimits);
  for (const { mutation, key, path } of limited) {
    const { max, kind, quotedOnly } = textLimits[key]!;
    const where = `${mutation.name} ${path.join('.')}`;
    it(`${where} (${key}): ${max} accepted and stored in full; ${max + 1}, empty and blank are BAD_USER_INPUT and change nothing`, async () => {
      const build = validCall[mutation.name];
      if (!build) throw new Error(`no valid input for ${mutation.name}`);
      const { caller, variables } = await build();
      const field = path
        .filter((part): part is string => typeof part === 'string')
        .slice(1)
        .join('.');
      const before = await tablesDigest(api);
      for (const bad of [valueOfLength(kind, max + 1), '', '   \t ']) {
        const response = await api.call(
          caller,
          fieldDocument('mutation', mutation),
          setAt(variables, path, bad) as Record<string, unknown>,
        );
        const context = `${where} = ${[...bad].length > 20 ? `${[...bad].length} characters` : JSON.stringify(bad)}`;
        expect(codes(response), context).toEqual(['BAD_USER_INPUT']);
        expect(response.errors?.[0]?.extensions.field, context).toBe(field);
        expect(response.data?.[mutation.name] ?? null, context).toBeNull();
        expect(await tablesDigest(api), `${context} changed the tables`).toBe(before);
      }
      const atLimit = valueOfLength(kind, max);
      const accepted = await api.call(
        caller,
        fieldDocument('mutation', mutation),
        setAt(variables, path, atLimit) as Record<string, unknown>,
      );
      expect(accepted.errors, `${where} at ${max}`).toBeUndefined();
      expect(accepted.data?.[mutation.name], `${where} at ${max}`).toBeTruthy();
      const kept = quotedOnly ? atLimit.slice(0, 1_000) : atLimit;
      expect(
        holds(await tableItems(api), kept),
        `${where}: the value at the limit is stored${quotedOnly ? ' (quoted)' : ' in full'}`,
      ).toBe(true);
    });
  }

  it('found the limited fields of docs/api.md in the schema', () => {
    // names, titles, codeName, city, summary, changeSummary, reason, conference recommendations, ToR text
    expect(limited.length).toBeGreaterThanOrEqual(27);
    expect(new Set(limited.map((entry) => textLimits[entry.key]!.max))).toEqual(
      new Set([200, 2_000, 100_000, 254, 40, 128]),
    );
  });
});
