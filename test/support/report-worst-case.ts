import { renderReport, type ReportDetails, type ReportHeading } from '../../functions/report/report.html.ts';
import type { AnnualReport } from '../../functions/report/report.types.ts';

/*
 * The largest annual report the input limits admit: every list at the bound the report reads it
 * with, every text at its longest, made of the characters that cost most. A `"` becomes six
 * bytes in the page (&quot;); an emoji is four bytes of UTF-8 in the stored figures (a JPA's title
 * is counted in characters, so 200 of them are 800 bytes). Country codes are two letters, of
 * which there are 249.
 */

const codes = Array.from(
  { length: 249 },
  (_, index) => `${String.fromCharCode(65 + Math.floor(index / 26))}${String.fromCharCode(65 + (index % 26))}`,
);
const quotes = (length: number) => '"'.repeat(length);
const emoji = (length: number) => '😀'.repeat(length);
const big = 2_147_483_647;

export const worstHeading: ReportHeading = {
  year: 2099,
  status: 'PUBLISHED',
  publishedOn: '2100-01-01',
  computedAt: '2100-01-01T00:00:00.000Z',
  memberCount: 249,
  membersJoined: codes,
  coChairs: codes.slice(0, 100),
  jpas: Array.from({ length: 100 }, (_, index) => ({
    number: 9999 - index,
    title: emoji(200),
    status: 'CONCLUDED' as const,
    startsOn: '2099-01-01',
    endsOn: '2099-12-31',
    participants: codes,
    outcomes: {
      operations: big,
      arrests: big,
      prosecutions: big,
      victimsIdentified: big,
      networksDisrupted: big,
    },
  })),
  outcomes: { operations: big, arrests: big, prosecutions: big, victimsIdentified: big, networksDisrupted: big },
  meetings: 100_000,
  trainings: 100_000,
  recommendationsMade: 999_999,
  recommendationsImplemented: 999_999,
  recommendationsOpen: 999_999,
  termsOfReferenceAdopted: Array.from({ length: 100 }, (_, index) => 99_999 - index),
};

export const worstDetails: ReportDetails = {
  members: codes.map((country) => ({ country, name: quotes(200), status: 'ACTIVE', joinedOn: '2099-06-01' })),
  coChairTerms: Array.from({ length: 100 }, (_, index) => ({
    country: codes[index]!,
    startsOn: '2099-01-01',
    endsOn: '2099-12-31',
  })),
  meetings: Array.from({ length: 100 }, (_, index) => ({
    number: index + 1,
    title: quotes(200),
    kind: 'WORKING_GROUP' as const,
    format: 'IN_PERSON' as const,
    startsOn: '2099-01-01',
    endsOn: '2099-12-31',
    city: quotes(200),
    host: codes[index]!,
  })),
  recommendations: Array.from({ length: 500 }, (_, index) => ({
    number: index + 1,
    text: quotes(2_000),
    owners: codes.slice(0, 20),
    status: 'OPEN' as const,
    dueOn: '2099-12-31',
    addedOn: '2099-01-01',
    closedOn: null,
  })),
  recommendationsComplete: false,
  termsInForce: Array.from({ length: 100 }, (_, index) => ({
    version: index + 1,
    title: quotes(200),
    adoptedOn: '2099-01-01',
    supersededOn: '2099-12-31',
  })),
};

export const worstReport: AnnualReport = { ...worstHeading, html: renderReport(worstHeading, worstDetails) };
