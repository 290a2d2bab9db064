/**
 * The annual report as one self-contained HTML page, a pure function of the report's figures and
 * the details listed in `ReportDetails`: a secretariat can send it to the Ad Hoc Group as it is,
 * or print it (A4). It names no other origin at all (no src, href or url()), its charts are inline
 * SVG, every piece of data is escaped, and a Content-Security-Policy of its own forbids loading
 * anything should a mail client or browser be tempted.
 *
 * It holds only what every role may read (docs/api.md, "Who may do what"), since observers read a
 * published report: members' names and joining days, co-chair terms, JPAs with their outcome
 * totals, meetings without attendance or minutes, recommendations without progress notes, and
 * adopted Terms of Reference.
 *
 * Its size is bounded whatever the data: a published report is one DynamoDB item (400 KB at most)
 * with its figures. Each section that lists data has a budget of bytes; rows past it are left out
 * and counted in a last row that says so, and a recommendation's text is shown up to 1,000
 * characters. So the page is at most `htmlByteLimit` bytes (test/unit/report-html.test.ts builds
 * the worst case the input limits admit); an ordinary year is a few tens of kilobytes.
 */

import type { OutcomeTotals } from '../jpa/jpa.types.ts';
import type { AnnualReport, ReportJpa, ReportMeeting, ReportRecommendation } from './report.types.ts';

/** The most bytes (UTF-8) the page can take. */
export const htmlByteLimit = 200_000;

/** Bytes each listing section may take before it leaves rows out. */
export const sectionBudgets = {
  membership: 26_000,
  coChairs: 8_000,
  jpas: 28_000,
  meetings: 28_000,
  recommendations: 64_000,
  termsOfReference: 6_000,
} as const;

/** The JPAs the outcomes chart draws at most (a year has one or two). */
export const chartJpaLimit = 12;
/** Characters of a recommendation's text the page shows. */
export const recommendationTextLimit = 1_000;

export const groupName =
  'Bali Process Working Group on Disruption of Criminal Networks Involved in People Smuggling and Trafficking in Persons';

/** The report's title, in the page's <title> and its heading. */
export const reportTitle = (year: number): string => `${groupName} — Annual report ${year}`;

/** What the page lists besides the figures, all of it readable by every role. */
export interface ReportDetails {
  /** Every member read (names by country code; who counts and who joined). */
  readonly members: readonly {
    readonly country: string;
    readonly name: string;
    readonly status: string;
    readonly joinedOn: string;
  }[];
  /** The co-chair terms that overlap the year. */
  readonly coChairTerms: readonly {
    readonly country: string;
    readonly startsOn: string;
    readonly endsOn: string | null;
  }[];
  /** The year's meetings, the first ones should there be more than were read. */
  readonly meetings: readonly ReportMeeting[];
  /** The recommendations the year worked on (report.figures.ts, recommendationsOfYear). */
  readonly recommendations: readonly ReportRecommendation[];
  /** False when the read of recommendations stopped at its bound: there may be others. */
  readonly recommendationsComplete: boolean;
  /** Terms of Reference versions in force on some day of the year. */
  readonly termsInForce: readonly {
    readonly version: number;
    readonly title: string;
    readonly adoptedOn: string | null;
    readonly supersededOn: string | null;
  }[];
}

export type ReportHeading = Omit<AnnualReport, 'html'>;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
  '(': '&#40;',
  ')': '&#41;',
  ':': '&#58;',
  '/': '&#47;',
};

const markup = /[&<>"']/g;
const references = /[&<>"'`=():/]/g;

/** Text as HTML: every character that could open markup, an entity or an attribute, escaped. For the page's own words. */
export function escapeHtml(text: string): string {
  return text.replace(markup, (character) => entities[character]!);
}

/**
 * A piece of data as HTML: escaped as `escapeHtml` does, and so are the characters that spell a
 * reference to elsewhere (`src=`, `url(`, `https:`, `//`), so that no text from the data reads as
 * one even to a scanner that does not parse the page. A character costs at most six bytes (`&quot;`).
 */
export function escapeData(text: string): string {
  return text.replace(references, (character) => entities[character]!);
}

const utf8 = new TextEncoder();
export const byteLength = (text: string): number => utf8.encode(text).length;

/** At most `max` characters (code points), with an ellipsis where cut. */
function clip(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2024-07-23 → 23 July 2024 (escaped: a day comes from the data). */
function day(date: string): string {
  const [year = '', month, dayOfMonth] = date.split('-');
  return `${Number(dayOfMonth)} ${months[Number(month) - 1] ?? ''} ${escapeData(year)}`;
}

function days(from: string, to: string | null): string {
  if (to === null) return `from ${day(from)}`;
  return from === to ? day(from) : `${day(from)} – ${day(to)}`;
}

/** 12345 → 12,345. */
const figure = (value: number): string => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const plural = (count: number, one: string, many: string) => `${figure(count)} ${count === 1 ? one : many}`;

/**
 * The rows that fit in `budget` bytes, in order, then one row saying how many were left out:
 * those past the budget and `unlisted` more that were never read. Every row given is escaped already.
 */
function boundedRows(rows: readonly string[], budget: number, more: (left: number) => string, unlisted = 0): string {
  const kept: string[] = [];
  let used = 0;
  for (const row of rows) {
    const size = byteLength(row);
    if (used + size > budget) break;
    kept.push(row);
    used += size;
  }
  const left = rows.length - kept.length + unlisted;
  return [...kept, left > 0 ? more(left) : ''].join('');
}

const cell = (text: string, className?: string) => `<td${className ? ` class="${className}"` : ''}>${text}</td>`;
const numberCell = (value: number) => cell(figure(value), 'num');
/** The last row of a table whose rows did not all fit: `one` and `many` name what was left out. */
const leftOut = (columns: number, one: string, many: string) => (left: number) =>
  `<tr class="more"><td colspan="${columns}">${left === 1 ? `1 further ${one} is` : `${figure(left)} further ${many} are`} not shown here, to keep this page small; the API lists them all.</td></tr>`;

const statusLabels: Record<string, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  IMPLEMENTED: 'Implemented',
  DROPPED: 'Dropped',
  PLANNED: 'Planned',
  ACTIVE: 'Active',
  CONCLUDED: 'Concluded',
  SUSPENDED: 'Suspended',
  WITHDRAWN: 'Withdrawn',
};
const kindLabels: Record<string, string> = {
  WORKING_GROUP: 'Working group meeting',
  CONFERENCE: 'Conference',
  WORKSHOP: 'Workshop',
  TRAINING: 'Training',
};
const formatLabels: Record<string, string> = { IN_PERSON: 'In person', VIRTUAL: 'Virtual', HYBRID: 'Hybrid' };
const label = (labels: Record<string, string>, value: string) => escapeData(labels[value] ?? value);

const styles = `
@page { size: A4; margin: 18mm 16mm 20mm; }
:root { color-scheme: light; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; background: #fff; }
body { max-width: 178mm; margin: 0 auto; padding: 10mm 4mm; }
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 3mm; }
h1 .group { display: block; font-size: 11pt; font-weight: 600; margin-bottom: 2mm; }
h2 { font-size: 13.5pt; margin: 8mm 0 2.5mm; padding-bottom: 1mm; border-bottom: 0.75pt solid #333; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
.standing { font-weight: 600; border: 0.75pt solid #333; padding: 2mm 3mm; margin: 0 0 5mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 4mm; font-size: 9.5pt; }
thead { display: table-header-group; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 0.5pt solid #888; }
th { font-weight: 600; border-bottom: 1pt solid #222; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap { white-space: nowrap; }
tr, figure, .keep { break-inside: avoid; page-break-inside: avoid; }
tr.total td { font-weight: 600; border-top: 1pt solid #222; }
tr.more td { font-style: italic; }
.summary th { width: 62%; font-weight: 400; border-bottom: 0.5pt solid #888; }
.summary td { font-weight: 600; }
figure { margin: 2mm 0 5mm; }
figcaption { font-size: 9pt; margin-top: 1mm; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 11px; fill: #111; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
footer { margin-top: 8mm; font-size: 8.5pt; border-top: 0.5pt solid #888; padding-top: 2mm; }
.watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 110pt; font-weight: 700; letter-spacing: 8mm; color: #000; opacity: 0.07; transform: rotate(-30deg); pointer-events: none; }
@media print { body { max-width: none; padding: 0; } h2 { margin-top: 6mm; } * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

/** The whole page. */
export function renderReport(report: ReportHeading, details: ReportDetails): string {
  const names = new Map(details.members.map((member) => [member.country, member.name]));
  const country = (code: string) => escapeData(names.get(code) ?? code);
  const title = escapeHtml(reportTitle(report.year));
  const draft = report.status === 'DRAFT';
  const standing = draft
    ? `DRAFT, computed on ${day(report.computedAt.slice(0, 10))} at ${report.computedAt.slice(11, 16)} UTC from the data as it stood then. Its figures change with the data until the report is published.`
    : `Published on ${day(report.publishedOn ?? report.computedAt.slice(0, 10))}: its figures are those of ${day(report.computedAt.slice(0, 10))} and no longer change.`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body>',
    draft ? '<div class="watermark" aria-hidden="true">DRAFT</div>' : '',
    '<header>',
    `<h1><span class="group">${escapeHtml(groupName)} —</span> Annual report ${report.year}</h1>`,
    `<p class="standing">${escapeHtml(standing)}</p>`,
    `<p>The working group reports annually to the Bali Process Ad Hoc Group. This report covers 1 January to 31 December ${report.year}.</p>`,
    '</header>',
    summary(report),
    membership(report, details, country),
    coChairs(report, details, country),
    jpas(report),
    meetings(report, details, country),
    recommendations(report, details, country),
    termsOfReference(report, details),
    `<footer>${escapeHtml(reportTitle(report.year))}. ${escapeHtml(draft ? 'Draft' : 'Published report')} · report/${report.year}. Figures as the API defines them: members active when the report was computed that had joined by the end of the year; co-chair terms, JPAs and Terms of Reference versions that overlap the year; meetings that began in it; recommendations added, implemented, and open at its end.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summary(report: ReportHeading): string {
  const rows: [string, string][] = [
    ['Member countries (active, joined by the end of the year)', figure(report.memberCount)],
    ['Member countries that joined during the year', figure(report.membersJoined.length)],
    ['Countries that co-chaired during the year', figure(report.coChairs.length)],
    ['Joint Periods of Action running during the year', figure(report.jpas.length)],
    ['Operations in those JPAs', figure(report.outcomes.operations)],
    ['Arrests', figure(report.outcomes.arrests)],
    ['Prosecutions', figure(report.outcomes.prosecutions)],
    ['Victims identified', figure(report.outcomes.victimsIdentified)],
    ['Criminal networks disrupted', figure(report.outcomes.networksDisrupted)],
    ['Meetings held (trainings included)', figure(report.meetings)],
    ['Trainings', figure(report.trainings)],
    ['Recommendations made', figure(report.recommendationsMade)],
    ['Recommendations implemented', figure(report.recommendationsImplemented)],
    ['Recommendations open or in progress at the end of the year', figure(report.recommendationsOpen)],
    ['Terms of Reference versions adopted', figure(report.termsOfReferenceAdopted.length)],
  ];
  return [
    '<section class="keep">',
    '<h2>The year in figures</h2>',
    '<table class="summary"><tbody>',
    ...rows.map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td class="num">${value}</td></tr>`),
    '</tbody></table>',
    '</section>',
  ].join('\n');
}

type CountryName = (code: string) => string;

function membership(report: ReportHeading, details: ReportDetails, country: CountryName): string {
  const joined = new Set(report.membersJoined);
  const counted = details.members.filter(
    (member) => member.status === 'ACTIVE' && member.joinedOn <= `${report.year}-12-31`,
  );
  const joinedRows = details.members
    .filter((member) => joined.has(member.country))
    .map(
      (member) =>
        `<tr>${cell(country(member.country))}${cell(escapeData(member.country))}${cell(day(member.joinedOn))}${cell(label(statusLabels, member.status))}</tr>`,
    );
  const countedRows = counted.map(
    (member) =>
      `<tr>${cell(country(member.country))}${cell(escapeData(member.country))}${cell(day(member.joinedOn))}</tr>`,
  );
  const budget = sectionBudgets.membership / 2;
  return [
    '<section>',
    '<h2>Membership</h2>',
    `<p>${plural(report.memberCount, 'member country was', 'member countries were')} active when this report was computed and had joined by 31 December ${report.year}. ${report.membersJoined.length === 0 ? 'No country' : plural(report.membersJoined.length, 'country', 'countries')} joined during the year.</p>`,
    joinedRows.length === 0
      ? ''
      : [
          '<table><caption class="keep">Joined during the year</caption>',
          '<thead><tr><th>Country</th><th>Code</th><th>Joined</th><th>Status now</th></tr></thead><tbody>',
          boundedRows(joinedRows, budget, leftOut(4, 'country', 'countries')),
          '</tbody></table>',
        ].join('\n'),
    countedRows.length === 0
      ? ''
      : [
          '<table><caption class="keep">The member countries counted</caption>',
          '<thead><tr><th>Country</th><th>Code</th><th>Joined</th></tr></thead><tbody>',
          boundedRows(countedRows, budget, leftOut(3, 'country', 'countries')),
          '</tbody></table>',
        ].join('\n'),
    '</section>',
  ].join('\n');
}

function coChairs(report: ReportHeading, details: ReportDetails, country: CountryName): string {
  const rows = details.coChairTerms.map(
    (term) =>
      `<tr>${cell(country(term.country))}${cell(day(term.startsOn))}${cell(term.endsOn === null ? 'continuing' : `until ${day(term.endsOn)}`)}</tr>`,
  );
  return [
    '<section>',
    '<h2>Co-chairs</h2>',
    rows.length === 0
      ? `<p>No country held a co-chair term in ${report.year}.</p>`
      : [
          `<p>${plural(report.coChairs.length, 'country', 'countries')} co-chaired the working group during ${report.year}.</p>`,
          '<table><thead><tr><th>Country</th><th>Term began</th><th>Term ended</th></tr></thead><tbody>',
          boundedRows(rows, sectionBudgets.coChairs, leftOut(3, 'term', 'terms')),
          '</tbody></table>',
        ].join('\n'),
    '</section>',
  ].join('\n');
}

const measures: readonly { key: keyof OutcomeTotals; name: string; fill: string }[] = [
  { key: 'arrests', name: 'Arrests', fill: '#1f4e79' },
  { key: 'prosecutions', name: 'Prosecutions', fill: '#4f81bd' },
  { key: 'victimsIdentified', name: 'Victims identified', fill: '#9c4a12' },
  { key: 'networksDisrupted', name: 'Networks disrupted', fill: '#4a6b2a' },
];

function jpas(report: ReportHeading): string {
  if (report.jpas.length === 0) {
    return `<section><h2>Joint Periods of Action and their outcomes</h2><p>No JPA ran during ${report.year}.</p></section>`;
  }
  const rows = report.jpas.map(
    (jpa) =>
      `<tr>${cell(`JPA ${jpa.number}`, 'nowrap')}${cell(escapeData(jpa.title))}${cell(days(jpa.startsOn, jpa.endsOn))}${cell(label(statusLabels, jpa.status))}${cell(escapeData(jpa.participants.join(', ')))}</tr>`,
  );
  const outcomeRow = (name: string, outcomes: OutcomeTotals, className = '') =>
    `<tr${className}>${cell(name, 'nowrap')}${numberCell(outcomes.operations)}${measures.map((measure) => numberCell(outcomes[measure.key])).join('')}</tr>`;
  const outcomeRows = report.jpas.map((jpa) => outcomeRow(`JPA ${jpa.number}`, jpa.outcomes));
  return [
    '<section>',
    '<h2>Joint Periods of Action and their outcomes</h2>',
    `<p>${plural(report.jpas.length, 'JPA', 'JPAs')} ran on some day of ${report.year}. Outcomes are each JPA's totals over all its operations, as they stood when this report was computed.</p>`,
    '<table><thead><tr><th>JPA</th><th>Title</th><th>Dates</th><th>Status</th><th>Participants</th></tr></thead><tbody>',
    boundedRows(rows, sectionBudgets.jpas / 2, leftOut(5, 'JPA', 'JPAs')),
    '</tbody></table>',
    outcomesChart(report.jpas),
    '<table><caption class="keep">Outcomes</caption><thead><tr><th>JPA</th><th class="num">Operations</th>',
    `${measures.map((measure) => `<th class="num">${escapeHtml(measure.name)}</th>`).join('')}</tr></thead><tbody>`,
    boundedRows(outcomeRows, sectionBudgets.jpas / 2, leftOut(6, 'JPA', 'JPAs')),
    outcomeRow('Total', report.outcomes, ' class="total"'),
    '</tbody></table>',
    '</section>',
  ].join('\n');
}

interface Bar {
  readonly label: string;
  readonly value: number;
  readonly fill: string;
}

/**
 * A horizontal bar chart in SVG: groups of labelled bars, each with its value written beside it,
 * so that nothing depends on telling colours apart or on a background being printed.
 */
function barChart(id: string, caption: string, groups: readonly { heading: string | null; bars: readonly Bar[] }[]) {
  const width = 640;
  const labelWidth = 150;
  const barSpace = 400;
  const barHeight = 13;
  const rowHeight = 18;
  const headingHeight = 20;
  const largest = Math.max(1, ...groups.flatMap((group) => group.bars.map((bar) => bar.value)));
  const parts: string[] = [];
  let y = 4;
  for (const group of groups) {
    if (group.heading !== null) {
      parts.push(`<text x="0" y="${y + 14}" font-weight="600">${escapeHtml(group.heading)}</text>`);
      y += headingHeight;
    }
    for (const bar of group.bars) {
      const length = Math.round((bar.value / largest) * barSpace);
      const middle = y + barHeight - 3;
      parts.push(
        `<text x="${labelWidth - 8}" y="${middle}" text-anchor="end">${escapeHtml(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${length}" height="${barHeight}" fill="${bar.fill}"/>`,
        `<text x="${labelWidth + length + 6}" y="${middle}">${figure(bar.value)}</text>`,
      );
      y += rowHeight;
    }
    y += 6;
  }
  const height = y;
  return [
    '<figure>',
    `<svg role="img" aria-labelledby="${id}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    `<title id="${id}">${escapeHtml(caption)}</title>`,
    `<line x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}" stroke="#222" stroke-width="1"/>`,
    ...parts,
    '</svg>',
    `<figcaption>${escapeHtml(caption)}</figcaption>`,
    '</figure>',
  ].join('\n');
}

function outcomesChart(list: readonly ReportJpa[]): string {
  const drawn = list.slice(0, chartJpaLimit);
  const caption =
    drawn.length < list.length
      ? `Outcomes per JPA: the first ${drawn.length} of ${list.length} JPAs, by number.`
      : 'Outcomes per JPA.';
  return barChart(
    'outcomes-chart',
    caption,
    drawn.map((jpa) => ({
      heading: `JPA ${jpa.number} (${figure(jpa.outcomes.operations)} ${jpa.outcomes.operations === 1 ? 'operation' : 'operations'})`,
      bars: measures.map((measure) => ({ label: measure.name, value: jpa.outcomes[measure.key], fill: measure.fill })),
    })),
  );
}

function meetings(report: ReportHeading, details: ReportDetails, country: CountryName): string {
  const rows = details.meetings.map(
    (meeting) =>
      `<tr>${cell(days(meeting.startsOn, meeting.endsOn))}${cell(escapeData(meeting.title))}${cell(label(kindLabels, meeting.kind))}${cell(label(formatLabels, meeting.format))}${cell([meeting.city === null ? '' : escapeData(meeting.city), meeting.host === null ? '' : `hosted by ${country(meeting.host)}`].filter(Boolean).join(', '))}</tr>`,
  );
  const unread = report.meetings - details.meetings.length;
  return [
    '<section>',
    '<h2>Meetings and trainings</h2>',
    `<p>The working group held ${plural(report.meetings, 'meeting', 'meetings')} that began in ${report.year}, ${plural(report.trainings, 'training', 'trainings')} among them.</p>`,
    rows.length === 0
      ? ''
      : [
          '<table><thead><tr><th>Dates</th><th>Title</th><th>Kind</th><th>Format</th><th>Place</th></tr></thead><tbody>',
          boundedRows(rows, sectionBudgets.meetings, leftOut(5, 'meeting', 'meetings'), unread),
          '</tbody></table>',
        ].join('\n'),
    '</section>',
  ].join('\n');
}

const statusBars: readonly { status: string; fill: string }[] = [
  { status: 'OPEN', fill: '#7f7f7f' },
  { status: 'IN_PROGRESS', fill: '#4f81bd' },
  { status: 'IMPLEMENTED', fill: '#4a6b2a' },
  { status: 'DROPPED', fill: '#9c4a12' },
];

function recommendations(report: ReportHeading, details: ReportDetails, country: CountryName): string {
  const list = details.recommendations;
  const computedOn = day(report.computedAt.slice(0, 10));
  const rows = list.map(
    (item) =>
      `<tr>${numberCell(item.number)}${cell(escapeData(clip(item.text, recommendationTextLimit)), 'text')}${cell(item.owners.map(country).join(', '))}${cell(label(statusLabels, item.status))}${cell(item.dueOn === null ? '' : day(item.dueOn))}${cell(item.closedOn === null ? '' : day(item.closedOn))}</tr>`,
  );
  const chart =
    list.length === 0
      ? ''
      : barChart('status-chart', `Recommendations worked on in ${report.year}, by their status on ${computedOn}.`, [
          {
            heading: null,
            bars: statusBars.map(({ status, fill }) => ({
              label: statusLabels[status]!,
              value: list.filter((item) => item.status === status).length,
              fill,
            })),
          },
        ]);
  return [
    '<section>',
    '<h2>Recommendations and their progress</h2>',
    `<p>${plural(report.recommendationsMade, 'recommendation was', 'recommendations were')} made in ${report.year} and ${plural(report.recommendationsImplemented, 'was', 'were')} implemented; at the end of the year ${plural(report.recommendationsOpen, 'recommendation was', 'recommendations were')} open or in progress.${list.length === 0 ? '' : ` Below: every recommendation made by the end of ${report.year} and not closed before it began, with its status on ${computedOn}.`}</p>`,
    chart,
    rows.length === 0
      ? ''
      : [
          '<table><thead><tr><th class="num">No.</th><th>Recommendation</th><th>Carried out by</th><th>Status</th><th>Due</th><th>Closed</th></tr></thead><tbody>',
          boundedRows(rows, sectionBudgets.recommendations, leftOut(6, 'recommendation', 'recommendations')),
          details.recommendationsComplete
            ? ''
            : '<tr class="more"><td colspan="6">Only the first recommendations by number were read for this page; the API lists them all.</td></tr>',
          '</tbody></table>',
        ].join('\n'),
    '</section>',
  ].join('\n');
}

function termsOfReference(report: ReportHeading, details: ReportDetails): string {
  const adopted = new Set(report.termsOfReferenceAdopted);
  const rows = details.termsInForce.map(
    (version) =>
      `<tr>${numberCell(version.version)}${cell(escapeData(version.title))}${cell(version.adoptedOn === null ? '' : day(version.adoptedOn))}${cell(version.supersededOn === null ? 'in force' : `superseded on ${day(version.supersededOn)}`)}${cell(adopted.has(version.version) ? 'adopted this year' : '')}</tr>`,
  );
  const adoptedText =
    report.termsOfReferenceAdopted.length === 0
      ? `No new version of the Terms of Reference was adopted in ${report.year}.`
      : `Adopted in ${report.year}: ${report.termsOfReferenceAdopted.map((version) => `version ${version}`).join(', ')}.`;
  return [
    '<section>',
    '<h2>Terms of Reference</h2>',
    `<p>${escapeHtml(adoptedText)}</p>`,
    rows.length === 0
      ? ''
      : [
          '<table><caption class="keep">Versions in force during the year</caption>',
          '<thead><tr><th class="num">Version</th><th>Title</th><th>Adopted</th><th>Until</th><th></th></tr></thead><tbody>',
          boundedRows(rows, sectionBudgets.termsOfReference, leftOut(5, 'version', 'versions')),
          '</tbody></table>',
        ].join('\n'),
    '</section>',
  ].join('\n');
}
