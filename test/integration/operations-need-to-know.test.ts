import { beforeAll, describe, expect, it } from 'vitest';
import { callers, createTestApi, dataOf, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';

/**
 * Need-to-know through every change of participants and handling: after each change, for each
 * caller, the operation is in every list (and answers by id) exactly when the caller may read it,
 * and in a country's list exactly when that country also takes part. The listing items move with
 * the operation in its transactions; a leftover item would show it to a country taken out.
 */

type Handling = 'MEMBERS' | 'PARTICIPANTS';
interface State {
  readonly handling: Handling;
  readonly participants: readonly string[];
}

const th: Identity = { sub: 'th-official', country: 'TH' };
const readers: [string, Identity, string | null][] = [
  ['TH (the lead)', th, 'TH'],
  ['VN', { sub: 'vn-official', country: 'VN' }, 'VN'],
  ['ID', { sub: 'id-official', country: 'ID' }, 'ID'],
  ['the secretariat', callers.secretariat, null],
  ['an observer', callers.observer, null],
];
const countries = ['TH', 'VN', 'ID'];

/** The changes, in order, each from the state before it. */
const steps: State[] = [
  { handling: 'PARTICIPANTS', participants: ['TH', 'VN'] },
  { handling: 'PARTICIPANTS', participants: ['TH', 'ID'] },
  { handling: 'MEMBERS', participants: ['TH', 'ID'] },
  { handling: 'MEMBERS', participants: ['TH', 'VN'] },
  { handling: 'MEMBERS', participants: ['TH'] },
  { handling: 'PARTICIPANTS', participants: ['TH', 'VN', 'ID'] },
  { handling: 'PARTICIPANTS', participants: ['TH'] },
];

const mayRead = (state: State, identity: Identity, country: string | null) =>
  state.handling === 'MEMBERS'
    ? !identity.groups?.includes('observer')
    : country !== null && state.participants.includes(country);

const listed = (connection: { edges: { node: { id: string } }[] } | null | undefined) =>
  connection?.edges.map((edge) => edge.node.id) ?? [];
/** Every way to reach the operation: by id, and each list, unfiltered and by each country; each answers the ids it shows. */
const views: Record<string, (identity: Identity) => Promise<string[]>> = {
  byId: async (identity) =>
    [(await api.call(identity, doc.OperationDocument, { id })).data?.operation?.id ?? []].flat(),
  all: async (identity) => listed((await api.call(identity, doc.OperationsDocument, { first: 100 })).data?.operations),
  inJpa: async (identity) =>
    listed((await api.call(identity, doc.OperationsDocument, { jpaNumber: 8, first: 100 })).data?.operations),
  byStatus: async (identity) =>
    listed((await api.call(identity, doc.OperationsDocument, { status: 'PLANNED', first: 100 })).data?.operations),
  jpaOperations: async (identity) =>
    listed((await api.call(identity, doc.JpaDocument, { number: 8, first: 100 })).data?.jpa?.operations),
  ...Object.fromEntries(
    countries.map((country) => [
      `country ${country}`,
      async (identity: Identity) =>
        listed(
          (await api.call(identity, doc.OperationsDocument, { country, jpaNumber: 8, first: 100 })).data?.operations,
        ),
    ]),
  ),
};

let api: TestApi;
let id: string;
let revision = 1;

beforeAll(async () => {
  api = await createTestApi();
  const created = await api.call(th, doc.CreateOperationDocument, {
    input: {
      jpaNumber: 8,
      codeName: 'Moving Tide',
      participants: ['VN'],
      crimeTypes: ['TRAFFICKING_IN_PERSONS'],
      startsOn: '2027-03-01',
      handling: 'PARTICIPANTS',
    },
  });
  id = dataOf(created).createOperation.id;
});

describe('need-to-know of an operation, through changes of participants and handling', () => {
  it.each(steps.map((state, index) => [index, state] as const))(
    'after change %i (%o), every list shows it exactly to those who may read it',
    async (index, state) => {
      if (index > 0) {
        const before = steps[index - 1]!;
        const input = {
          id,
          expectedRevision: revision,
          ...(state.handling !== before.handling ? { handling: state.handling } : {}),
          ...(state.participants.join() !== before.participants.join()
            ? { participants: state.participants.filter((country) => country !== 'TH') }
            : {}),
        };
        revision = dataOf(await api.call(th, doc.UpdateOperationDocument, { input })).updateOperation.revision;
      }
      for (const [name, identity, country] of readers) {
        for (const [view, shown] of Object.entries(views)) {
          const ids = await shown(identity);
          const filter = view.startsWith('country ') ? view.slice('country '.length) : null;
          const expected =
            mayRead(state, identity, country) && (filter === null || state.participants.includes(filter));
          expect(
            ids.filter((found) => found === id),
            `${name}, ${view}`,
          ).toEqual(expected ? [id] : []);
        }
      }
    },
  );
});
