import { beforeAll, describe, expect, it } from 'vitest';
import { callers, createTestApi, type Identity, type TestApi } from '../support/api.ts';
import * as doc from '../support/documents.ts';

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
  state.handling === 'MEMBERS' ? !identity.groups?.includes('observer') : country !== null && state.participants.includes(country);

const page = '{ edges { node { id } } pageInfo { hasNextPage } }';
/** Every way to reach the operation: by id, and each list, unfiltered and by each country. */
const views = (id: string) => ({
  byId: `{ operation(id: "${id}") { id } }`,
  all: `{ list: operations(first: 100) ${page} }`,
  inJpa: `{ list: operations(jpaNumber: 8, first: 100) ${page} }`,
  byStatus: `{ list: operations(status: PLANNED, first: 100) ${page} }`,
  jpaOperations: `{ jpa(number: 8) { list: operations(first: 100) ${page} } }`,
  ...Object.fromEntries(countries.map((country) => [`country ${country}`, `{ list: operations(country: "${country}", jpaNumber: 8, first: 100) ${page} }`])),
});

type Answer = { operation?: { id: string } | null; list?: { edges: { node: { id: string } }[] }; jpa?: { list: { edges: { node: { id: string } }[] } } };

let api: TestApi;
let id: string;
let revision = 1;

beforeAll(async () => {
  api = await createTestApi();
  const created = await api.call<{ createOperation: { id: string } }>(th, doc.createOperationMutation, {
    input: { jpaNumber: 8, codeName: 'Moving Tide', participants: ['VN'], crimeTypes: ['TRAFFICKING_IN_PERSONS'], startsOn: '2027-03-01', handling: 'PARTICIPANTS' },
  });
  id = created.data!.createOperation.id;
});

describe('need-to-know of an operation, through changes of participants and handling', () => {
  it.each(steps.map((state, index) => [index, state] as const))('after change %i (%o), every list shows it exactly to those who may read it', async (index, state) => {
    if (index > 0) {
      const before = steps[index - 1]!;
      const input = {
        id,
        expectedRevision: revision,
        ...(state.handling !== before.handling ? { handling: state.handling } : {}),
        ...(state.participants.join() !== before.participants.join() ? { participants: state.participants.filter((country) => country !== 'TH') } : {}),
      };
      const updated = await api.call<{ updateOperation: { revision: number } }>(th, doc.updateOperationMutation, { input });
      expect(updated.errors).toBeUndefined();
      revision = updated.data!.updateOperation.revision;
    }
    for (const [name, identity, country] of readers) {
      for (const [view, query] of Object.entries(views(id))) {
        const response = await api.call<Answer>(identity, query);
        const ids =
          view === 'byId'
            ? [response.data?.operation?.id].filter(Boolean)
            : (response.data?.list ?? response.data?.jpa?.list)?.edges.map((edge) => edge.node.id) ?? [];
        const filter = view.startsWith('country ') ? view.slice('country '.length) : null;
        const expected = mayRead(state, identity, country) && (filter === null || state.participants.includes(filter));
        expect(ids.filter((found) => found === id), `${name}, ${view}`).toEqual(expected ? [id] : []);
      }
    }
  });
});
