import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as doc from '../../schema/generated/documents.ts';
import { escapeData, reportTitle } from '../../functions/report/report.html.ts';
import { ReportRepository } from '../../functions/report/report.repository.ts';
import { chainOnto, everyoneAudience } from '../../functions/shared/domain/audit-events.ts';
import { ConflictError } from '../../functions/shared/domain/errors.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';
import { ItemLoader } from '../../functions/shared/data/item-loader.ts';
import {
  callers,
  codes,
  createTestApi,
  dataOf,
  type GraphqlResponse,
  type Identity,
  type TestApi,
} from '../support/api.ts';
import { activeAttributes, elementNames, otherOrigins } from '../support/html.ts';
import { auditEvents, brokenChains } from '../support/tables.ts';
import { barrierClient, type WriteBarrier } from '../support/write-barrier.ts';
import { putWorkItems, type MeetingItem, type RecommendationItem } from '../support/work-items.ts';
import { worstReport } from '../support/report-worst-case.ts';

/**
 * The annual report (docs/api.md, "Fine print, version 2") against a year of data built here:
 * members, co-chair rotations, JPAs with operations and outcomes and Terms of Reference through
 * the API; recommendations and meetings written item for item as their domains write them
 * (test/support/work-items.ts). Every figure is checked with the days on either side of its
 * boundaries. The clock stands in mid-2026: 2025 has ended, 2026 has not.
 */

let now = '2026-06-15T09:30:00.000Z';
const clock = { now: () => now };
const th: Identity = callers.official;

async function ok<T>(response: Promise<GraphqlResponse<T>>): Promise<T> {
  return dataOf(await response);
}

/** Recommendations of the built year: each named by what it tests. */
const yearOfRecommendations: RecommendationItem[] = [
  // Added in 2024, still OPEN: open at the end of 2025, not made in it.
  {
    number: 1,
    text: 'Share watch lists between border agencies',
    owners: ['TH'],
    status: 'OPEN',
    addedOn: '2024-05-01',
  },
  // Added on 31 December 2025: made in 2025 and open at its end. Its text tries to inject markup.
  {
    number: 2,
    text: '</td><script>alert("x")</script><img src="https://evil.example/x.png" onerror="alert(1)"><a href="//evil.example">link</a>',
    owners: ['NZ', 'VN'],
    status: 'OPEN',
    addedOn: '2025-12-31',
  },
  // Added on 31 December 2025, implemented on 1 January 2026: made in 2025 and open at its end,
  // implemented in 2026, not in 2025.
  {
    number: 3,
    text: 'Enhance data management',
    owners: ['AU'],
    status: 'IMPLEMENTED',
    addedOn: '2025-12-31',
    closedOn: '2026-01-01',
  },
  // Made and implemented in 2025.
  {
    number: 4,
    text: 'Invest in capacity building',
    owners: ['ID'],
    status: 'IMPLEMENTED',
    addedOn: '2025-02-01',
    closedOn: '2025-11-15',
    dueOn: '2025-12-01',
  },
  // Added in 2024, dropped in 2025: neither made nor open.
  {
    number: 5,
    text: 'A dropped one',
    owners: ['MY'],
    status: 'DROPPED',
    addedOn: '2024-02-01',
    closedOn: '2025-04-01',
  },
  // Implemented on 31 December 2024: nothing in 2025, and left out of its page.
  {
    number: 6,
    text: 'Implemented the year before',
    owners: ['PH'],
    status: 'IMPLEMENTED',
    addedOn: '2024-03-01',
    closedOn: '2024-12-31',
  },
  // Added on 1 January 2026: nothing in 2025.
  { number: 7, text: 'Made the year after', owners: ['TH'], status: 'OPEN', addedOn: '2026-01-01' },
  // Made in 2025, IN_PROGRESS: open at its end.
  {
    number: 8,
    text: 'Promote public awareness and engagement with the private sector',
    owners: ['VN'],
    status: 'IN_PROGRESS',
    addedOn: '2025-06-01',
  },
];

const yearOfMeetings: MeetingItem[] = [
  // Starts on 1 January 2025: counted.
  {
    number: 1,
    title: 'Working group, first meeting of 2025',
    kind: 'WORKING_GROUP',
    format: 'VIRTUAL',
    startsOn: '2025-01-01',
    endsOn: '2025-01-01',
  },
  // A training starting on 31 December 2025: a meeting and a training of 2025.
  {
    number: 2,
    title: 'Financial investigation training',
    kind: 'TRAINING',
    format: 'IN_PERSON',
    startsOn: '2025-12-31',
    endsOn: '2026-01-02',
    city: 'Bangkok',
    host: 'TH',
  },
  // A training starting on 31 December 2024, running into 2025: not of 2025 (its startsOn is not in it).
  {
    number: 3,
    title: 'Training that began the year before',
    kind: 'TRAINING',
    format: 'HYBRID',
    startsOn: '2024-12-31',
    endsOn: '2025-01-02',
  },
  // A training on 1 January 2026: not of 2025.
  {
    number: 4,
    title: 'Training of the next year',
    kind: 'TRAINING',
    format: 'VIRTUAL',
    startsOn: '2026-01-01',
    endsOn: '2026-01-01',
  },
  {
    number: 5,
    title: 'Annual conference',
    kind: 'CONFERENCE',
    format: 'IN_PERSON',
    startsOn: '2025-07-23',
    endsOn: '2025-07-25',
    city: 'Ha Noi',
    host: 'VN',
  },
];

const member = (country: string, name: string, joinedOn: string) =>
  ok(api().call(callers.secretariat, doc.AddMemberDocument, { input: { country, name, joinedOn } }));
const suspend = (country: string, expectedRevision = 1) =>
  ok(
    api().call(callers.secretariat, doc.SetMemberStatusDocument, {
      input: { country, expectedRevision, status: 'SUSPENDED', reason: 'test' },
    }),
  );
const rotate = (outgoing: string[], incoming: string[], effectiveOn: string) =>
  ok(api().call(callers.secretariat, doc.RotateCoChairsDocument, { input: { outgoing, incoming, effectiveOn } }));
const jpaWithOutcomes = async (
  number: number,
  startsOn: string,
  endsOn: string,
  outcomes: doc.OutcomesInput,
): Promise<void> => {
  await ok(
    api().call(callers.secretariat, doc.CreateJpaDocument, {
      input: { number, title: `JPA ${number}`, startsOn, endsOn, participants: ['TH', 'MY'] },
    }),
  );
  const { createOperation } = await ok(
    api().call(th, doc.CreateOperationDocument, {
      input: { jpaNumber: number, codeName: `Op ${number}`, crimeTypes: ['PEOPLE_SMUGGLING'], startsOn },
    }),
  );
  await ok(
    api().call(th, doc.RecordOutcomesDocument, {
      input: { id: createOperation.id, expectedRevision: createOperation.revision, outcomes },
    }),
  );
};
const adopt = async (adoptedOn: string) => {
  const { draftTermsOfReference } = await ok(
    api().call(callers.secretariat, doc.DraftTermsOfReferenceDocument, {
      input: { title: `Terms of Reference of ${adoptedOn}`, text: 'The text.' },
    }),
  );
  await ok(
    api().call(callers.secretariat, doc.AdoptTermsOfReferenceDocument, {
      input: { version: draftTermsOfReference.version, expectedRevision: 1, adoptedOn },
    }),
  );
};

let current: TestApi;
const api = () => current;

/**
 * The year: the sample data (sixteen members joined in 2014, NZ and VN co-chairs since
 * 2022-07-01, JPA 7 to July 2024 and JPA 8 from August 2026, ToR versions 1 and 2) and on it:
 */
async function buildYear(): Promise<void> {
  // Members: joined on the last day of 2024, in 2025 (one suspended since), on its last day, and
  // on the first day of 2026; and LA, a member since 2014, suspended.
  await member('SB', 'Solomon Islands', '2024-12-31');
  await member('TL', 'Timor-Leste', '2025-06-01');
  await member('FJ', 'Fiji', '2025-03-01');
  await member('PG', 'Papua New Guinea', '2025-12-31');
  await member('WS', 'Samoa', '2026-01-01');
  await suspend('FJ');
  await suspend('LA');
  // Co-chairs: NZ's term ends on 1 January 2025, AU's runs from then to June, TH's from June to
  // 1 January 2026, VN's ends on 31 December 2025, ID's starts that day, MY's on 1 January 2026.
  await rotate(['NZ'], ['AU'], '2025-01-01');
  await rotate(['AU'], ['TH'], '2025-06-01');
  await rotate(['VN'], ['ID'], '2025-12-31');
  await rotate(['TH'], ['MY'], '2026-01-01');
  // JPAs: 9 ends on 1 January 2025, 10 starts on 31 December 2025 (each overlaps 2025 by one
  // day), 11 ends on 31 December 2024 (it does not).
  await jpaWithOutcomes(9, '2024-01-02', '2025-01-01', {
    arrests: 3,
    prosecutions: 2,
    victimsIdentified: 5,
    networksDisrupted: 1,
  });
  await jpaWithOutcomes(10, '2025-12-31', '2026-06-30', {
    arrests: 4,
    prosecutions: 1,
    victimsIdentified: 2,
    networksDisrupted: 2,
  });
  await jpaWithOutcomes(11, '2024-06-01', '2024-12-31', {
    arrests: 100,
    prosecutions: 100,
    victimsIdentified: 100,
    networksDisrupted: 100,
  });
  // Terms of Reference: version 3 adopted in 2025, version 4 on 1 January 2026.
  await adopt('2025-05-01');
  await adopt('2026-01-01');
  await putWorkItems(current, { recommendations: yearOfRecommendations, meetings: yearOfMeetings });
}

const draftOf = async (year: number, caller: Identity = callers.secretariat) =>
  (await ok(api().call(caller, doc.AnnualReportDocument, { year }))).annualReport;

describe('the figures of a year, as docs/api.md defines them', () => {
  let report: NonNullable<doc.AnnualReportQuery['annualReport']>;
  let next: NonNullable<doc.AnnualReportQuery['annualReport']>;
  beforeAll(async () => {
    now = '2026-06-15T09:30:00.000Z';
    current = await createTestApi({ clock });
    await buildYear();
    report = (await draftOf(2025))!;
    next = (await draftOf(2026))!;
  });

  it('is a DRAFT of the year, computed at the time of asking, with its global id', () => {
    expect(report).toMatchObject({
      id: 'report/2025',
      year: 2025,
      status: 'DRAFT',
      publishedOn: null,
      computedAt: now,
    });
  });

  it('memberCount: members ACTIVE now that joined by 31 December, one that joined that day included; one suspended since, one suspended member of 2014 and one that joined on 1 January after left out', () => {
    // Fifteen of the sixteen sample members (LA suspended), SB, TL and PG.
    expect(report.memberCount).toBe(18);
    expect(next.memberCount).toBe(19);
  });

  it('membersJoined: members of any status that joined during the year, by country code', () => {
    expect(report.membersJoined).toEqual(['FJ', 'PG', 'TL']);
    expect(next.membersJoined).toEqual(['WS']);
  });

  it('coChairs: countries whose term [startsOn, endsOn) overlaps the year; a term ending on 1 January does not, one starting on 31 December does', () => {
    expect(report.coChairs).toEqual(['AU', 'ID', 'TH', 'VN']);
    // TH's term ended on 1 January 2026 and VN's on 31 December 2025; ID and MY hold open terms.
    expect(next.coChairs).toEqual(['ID', 'MY']);
  });

  it('jpas: JPAs whose days overlap the year by as little as one day, whatever their status, by number, with their totals', () => {
    expect(report.jpas).toEqual([
      {
        __typename: 'ReportJpa',
        number: 9,
        title: 'JPA 9',
        status: 'PLANNED',
        startsOn: '2024-01-02',
        endsOn: '2025-01-01',
        participants: ['TH', 'MY'],
        outcomes: {
          __typename: 'OutcomeTotals',
          operations: 1,
          arrests: 3,
          prosecutions: 2,
          victimsIdentified: 5,
          networksDisrupted: 1,
        },
      },
      expect.objectContaining({ number: 10, startsOn: '2025-12-31', endsOn: '2026-06-30' }),
    ]);
    expect(next.jpas.map((jpa) => jpa.number)).toEqual([8, 10]);
  });

  it('outcomes: the sum over those JPAs', () => {
    expect(report.outcomes).toEqual({
      __typename: 'OutcomeTotals',
      operations: 2,
      arrests: 7,
      prosecutions: 3,
      victimsIdentified: 7,
      networksDisrupted: 3,
    });
  });

  it('meetings and trainings: those whose startsOn is in the year, from 1 January to 31 December', () => {
    expect([report.meetings, report.trainings]).toEqual([3, 1]);
    expect([next.meetings, next.trainings]).toEqual([1, 1]);
  });

  it('recommendationsMade: added during the year, one added on 31 December included', () => {
    expect(report.recommendationsMade).toBe(4);
    expect(next.recommendationsMade).toBe(1);
  });

  it('recommendationsImplemented: set IMPLEMENTED during the year; one implemented on 1 January counts for the next', () => {
    expect(report.recommendationsImplemented).toBe(1);
    expect(next.recommendationsImplemented).toBe(1);
  });

  it('recommendationsOpen: added by 31 December and OPEN or IN_PROGRESS then, one implemented on 1 January after included', () => {
    // 1 (OPEN since 2024), 2 (added 31 December), 3 (implemented 1 January 2026), 8 (IN_PROGRESS).
    expect(report.recommendationsOpen).toBe(4);
    // 1, 2, 7 and 8: 3 was implemented on the first day of 2026.
    expect(next.recommendationsOpen).toBe(4);
  });

  it('termsOfReferenceAdopted: versions adopted during the year, whatever their status since', () => {
    expect(report.termsOfReferenceAdopted).toEqual([3]);
    expect(next.termsOfReferenceAdopted).toEqual([4]);
  });

  it('html: one page titled for the year, with its figures, its SVG charts and the recommendations of the year', () => {
    const html = report.html;
    expect(html).toContain(`<title>${reportTitle(2025)}</title>`);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('Solomon Islands');
    expect(html).toContain('Financial investigation training');
    expect(html).toContain('Invest in capacity building');
    // Implemented before 2025 began, and made after it ended: not on its page.
    expect(html).not.toContain('Implemented the year before');
    expect(html).not.toContain('Made the year after');
    expect(html).toContain('DRAFT');
  });

  it('html: the markup a recommendation text carries is shown as text, never run', () => {
    const html = report.html;
    expect(elementNames(html).filter((name) => ['script', 'img', 'a', 'iframe', 'link'].includes(name))).toEqual([]);
    expect(activeAttributes(html)).toEqual([]);
    expect(html).toContain(escapeData(yearOfRecommendations[1]!.text));
    expect(html).not.toMatch(/src=|href=|https?:|\/\/|url\(/);
  });

  it('html: names no other origin at all (no src, href or url() to http:, https: or //)', () => {
    // The recommendation's text names two, escaped as text: the page's own tags name none.
    expect(otherOrigins(report.html)).toEqual([]);
    expect(activeAttributes(report.html)).toEqual([]);
  });
});

describe('publishing a year', () => {
  beforeEach(async () => {
    now = '2026-06-15T09:30:00.000Z';
    current = await createTestApi({ clock });
  });

  const publish = (year: number, caller: Identity = callers.secretariat) =>
    api().call(caller, doc.PublishAnnualReportDocument, { input: { year } });
  const published = async () =>
    (await ok(api().call(callers.observer, doc.AnnualReportsDocument))).annualReports.map((report) => report.year);
  const events = async () =>
    (await auditEvents(api().endpoint, api().tableNames)).map((event) => [event.action, event.entity]);

  it('freezes every figure and the html, with its audit event, and answers the same report ever after', async () => {
    await putWorkItems(current, { recommendations: yearOfRecommendations, meetings: yearOfMeetings });
    const answer = (await ok(publish(2025))).publishAnnualReport;
    expect(answer).toMatchObject({
      id: 'report/2025',
      status: 'PUBLISHED',
      publishedOn: '2026-06-15',
      computedAt: now,
    });
    expect(await events()).toEqual([['publishAnnualReport', 'report/2025']]);
    const frozen = await draftOf(2025);
    expect(frozen).toMatchObject({ ...answer, status: 'PUBLISHED' });
    expect(frozen?.html).toContain('Published on 15 June 2026');
    expect(frozen?.html).not.toContain('DRAFT');

    // The data under it changes: members, co-chairs, JPAs and outcomes, ToR, recommendations, meetings.
    now = '2026-07-01T10:00:00.000Z';
    await member('FJ', 'Fiji', '2025-03-01');
    await suspend('LA');
    await rotate(['NZ'], ['AU'], '2025-03-01');
    await jpaWithOutcomes(9, '2025-02-01', '2025-03-01', {
      arrests: 9,
      prosecutions: 9,
      victimsIdentified: 9,
      networksDisrupted: 9,
    });
    await adopt('2025-09-09');
    await putWorkItems(current, {
      recommendations: [{ number: 9, text: 'Late', owners: ['TH'], status: 'OPEN', addedOn: '2025-10-10' }],
      meetings: [
        { number: 6, title: 'Late', kind: 'TRAINING', format: 'VIRTUAL', startsOn: '2025-10-10', endsOn: '2025-10-10' },
      ],
    });
    // A draft of it now would differ in every figure that changed...
    const year2025 = await ok(
      api().call(callers.secretariat, '{ node(id: "report/2025") { id ... on AnnualReport { status } } }'),
    );
    expect(year2025).toEqual({ node: { id: 'report/2025', status: 'PUBLISHED' } });
    // ...but the published one is the same, html included, for every reader and through node.
    for (const caller of [callers.secretariat, callers.coChair, callers.official, callers.observer]) {
      expect(await draftOf(2025, caller)).toEqual(frozen);
    }
    const byNode = await ok(
      api().call(
        callers.observer,
        '{ node(id: "report/2025") { ... on AnnualReport { year memberCount coChairs meetings trainings recommendationsMade termsOfReferenceAdopted html computedAt } } }',
      ),
    );
    expect(byNode).toEqual({
      node: {
        year: 2025,
        memberCount: frozen?.memberCount,
        coChairs: frozen?.coChairs,
        meetings: frozen?.meetings,
        trainings: frozen?.trainings,
        recommendationsMade: frozen?.recommendationsMade,
        termsOfReferenceAdopted: frozen?.termsOfReferenceAdopted,
        html: frozen?.html,
        computedAt: frozen?.computedAt,
      },
    });
  });

  it('computes a draft from the data at the time of asking: a change shows in the next draft', async () => {
    const before = await draftOf(2025);
    now = '2026-06-16T08:00:00.000Z';
    await suspend('LA');
    const after = await draftOf(2025);
    expect([before?.memberCount, after?.memberCount]).toEqual([16, 15]);
    expect([before?.computedAt, after?.computedAt]).toEqual(['2026-06-15T09:30:00.000Z', now]);
  });

  it('publishes only a year that has ended: BAD_USER_INPUT until its 31 December is over, nothing written', async () => {
    now = '2026-12-31T23:59:59.999Z';
    const early = await publish(2026);
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors?.[0]?.extensions.field).toBe('year');
    expect(await events()).toEqual([]);
    now = '2027-01-01T00:00:00.000Z';
    expect((await ok(publish(2026))).publishAnnualReport).toMatchObject({ year: 2026, publishedOn: '2027-01-01' });
  });

  it('publishes a year once: CONFLICT the second time, the first report kept', async () => {
    const first = (await ok(publish(2025))).publishAnnualReport;
    now = '2026-06-20T00:00:00.000Z';
    await suspend('LA');
    const second = await publish(2025, callers.coChair);
    expect(codes(second)).toEqual(['CONFLICT']);
    expect(second.data).toBeNull();
    expect(await draftOf(2025)).toMatchObject(first);
    expect((await events()).filter(([action]) => action === 'publishAnnualReport')).toHaveLength(1);
  });

  it('takes years from 2014 to 2100: any other is BAD_USER_INPUT, for the query and the mutation', async () => {
    for (const year of [2013, 2101, -1]) {
      const asked = await api().call(callers.secretariat, doc.AnnualReportDocument, { year });
      expect([year, codes(asked), asked.errors?.[0]?.extensions.field]).toEqual([year, ['BAD_USER_INPUT'], 'year']);
      expect(codes(await api().call(callers.observer, doc.AnnualReportDocument, { year }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await publish(year))).toEqual(['BAD_USER_INPUT']);
    }
    now = '2101-01-01T00:00:00.000Z';
    expect((await draftOf(2014))?.year).toBe(2014);
    expect((await ok(publish(2100))).publishAnnualReport.year).toBe(2100);
    expect(await events()).toEqual([['publishAnnualReport', 'report/2100']]);
  });

  it('shows observers only published reports: null for a draft, the report once published', async () => {
    expect(await draftOf(2025, callers.observer)).toBeNull();
    expect(await ok(api().call(callers.observer, '{ node(id: "report/2025") { id } }'))).toEqual({ node: null });
    expect((await draftOf(2025, callers.official))?.status).toBe('DRAFT');
    await ok(publish(2025, callers.coChair));
    expect((await draftOf(2025, callers.observer))?.status).toBe('PUBLISHED');
    expect(await ok(api().call(callers.observer, '{ node(id: "report/2025") { id } }'))).toEqual({
      node: { id: 'report/2025' },
    });
  });

  it('lists the published reports newest first: the sample data publishes 2024', async () => {
    expect(await published()).toEqual([2024]);
    await ok(publish(2025));
    await ok(publish(2019));
    expect(await published()).toEqual([2025, 2024, 2019]);
    const stranger = await api().call(callers.stranger, doc.AnnualReportsDocument);
    expect(codes(stranger)).toEqual(['FORBIDDEN']);
  });

  it('computes one draft a request at most: two are over the estimated cost, refused before anything runs', async () => {
    const two = await api().call(
      callers.secretariat,
      '{ a: annualReport(year: 2025) { year } b: annualReport(year: 2026) { year } }',
    );
    expect(codes(two)).toEqual(['MAX_COST_EXCEEDED']);
    expect(two.data ?? null).toBeNull();
  });

  it('refuses callers who may not publish, FORBIDDEN before the input is read', async () => {
    for (const caller of [callers.official, callers.observer, callers.stranger]) {
      expect(codes(await publish(1900, caller))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await api().call(callers.stranger, doc.AnnualReportDocument, { year: 1900 }))).toEqual(['FORBIDDEN']);
    expect(await events()).toEqual([]);
  });
});

describe('publishing races', () => {
  let barrier: WriteBarrier;
  beforeEach(async () => {
    now = '2026-06-15T09:30:00.000Z';
    current = await createTestApi((_, endpoint) => {
      const held = barrierClient(endpoint);
      barrier = held.barrier;
      return { client: held.client, clock };
    });
  });

  it('of parallel publications of a year, exactly one wins; the others answer CONFLICT and write nothing', async () => {
    const publishers = [callers.secretariat, callers.coChair, callers.secretariat, { sub: 'vn', country: 'VN' }];
    const responses = await barrier.race(
      publishers.map((caller) => () => api().call(caller, doc.PublishAnnualReportDocument, { input: { year: 2025 } })),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.flatMap(codes)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const events = await auditEvents(api().endpoint, api().tableNames);
    expect(events.map((event) => event.action)).toEqual(['publishAnnualReport']);
    expect(await brokenChains(api().endpoint, api().tableNames)).toEqual([]);
  });

  it('stores a year once whatever the audit event beside it: the second write of the year is refused and the first kept', async () => {
    const client = createDocumentClient({ endpoint: api().endpoint });
    const repository = new ReportRepository(client, api().tableNames);
    const stored = (await repository.published(new ItemLoader(client), 2024))!;
    // Events of two unrelated entities, each the first of its chain: only the report's own condition can refuse.
    const event = (entity: string) => ({
      event: chainOnto(
        { id: crypto.randomUUID(), at: now, actor: 'test', actorCountry: null, action: 'test', entity, summary: 'x' },
        null,
      ),
      audience: everyoneAudience,
      head: null,
    });
    const again = { ...stored, memberCount: 0, html: '<p>other</p>' };
    await expect(repository.publish(again, [], event('test/1'))).rejects.toBeInstanceOf(ConflictError);
    expect(await repository.published(new ItemLoader(client), 2024)).toEqual(stored);
  });
});

describe('the published item', () => {
  it('holds the largest report the input limits admit: every figure and a page at its byte limit fit one DynamoDB item', async () => {
    current = await createTestApi();
    const client = createDocumentClient({ endpoint: api().endpoint });
    const repository = new ReportRepository(client, api().tableNames);
    const event = {
      event: chainOnto(
        {
          id: crypto.randomUUID(),
          at: now,
          actor: 'test',
          actorCountry: null,
          action: 'publishAnnualReport',
          entity: 'report/2099',
          summary: 'x',
        },
        null,
      ),
      audience: everyoneAudience,
      head: null,
    };
    await repository.publish(worstReport, [], event);
    expect(await repository.published(new ItemLoader(client), 2099)).toEqual(worstReport);
  });
});
