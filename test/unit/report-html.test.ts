import { describe, expect, it } from 'vitest';
import {
  byteLength,
  chartJpaLimit,
  escapeData,
  escapeHtml,
  htmlByteLimit,
  recommendationTextLimit,
  renderReport,
  reportTitle,
  type ReportDetails,
  type ReportHeading,
} from '../../functions/report/report.html.ts';
import { activeAttributes, elementNames, otherOrigins } from '../support/html.ts';
import { worstReport } from '../support/report-worst-case.ts';

const zero = { operations: 0, arrests: 0, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 };

const heading: ReportHeading = {
  year: 2024,
  status: 'DRAFT',
  publishedOn: null,
  computedAt: '2025-01-15T10:20:30.000Z',
  memberCount: 2,
  membersJoined: ['FJ'],
  coChairs: ['NZ'],
  jpas: [
    {
      number: 7,
      title: 'Joint Period of Action 7',
      status: 'CONCLUDED',
      startsOn: '2023-07-27',
      endsOn: '2024-07-26',
      participants: ['NZ', 'FJ'],
      outcomes: { operations: 2, arrests: 1234, prosecutions: 5, victimsIdentified: 6, networksDisrupted: 7 },
    },
  ],
  outcomes: { operations: 2, arrests: 1234, prosecutions: 5, victimsIdentified: 6, networksDisrupted: 7 },
  meetings: 1,
  trainings: 0,
  recommendationsMade: 1,
  recommendationsImplemented: 0,
  recommendationsOpen: 1,
  termsOfReferenceAdopted: [],
};

const details: ReportDetails = {
  members: [
    { country: 'FJ', name: 'Fiji', status: 'ACTIVE', joinedOn: '2024-03-01' },
    { country: 'NZ', name: 'New Zealand', status: 'ACTIVE', joinedOn: '2014-01-01' },
  ],
  coChairTerms: [{ country: 'NZ', startsOn: '2022-07-01', endsOn: null }],
  meetings: [
    {
      number: 1,
      title: 'Conference',
      kind: 'CONFERENCE',
      format: 'IN_PERSON',
      startsOn: '2024-07-23',
      endsOn: '2024-07-25',
      city: 'Ha Noi',
      host: 'NZ',
    },
  ],
  recommendations: [
    {
      number: 1,
      text: 'Strengthen international cooperation',
      owners: ['NZ', 'FJ'],
      status: 'IN_PROGRESS',
      dueOn: null,
      addedOn: '2024-07-25',
      closedOn: null,
    },
  ],
  recommendationsComplete: true,
  termsInForce: [{ version: 2, title: 'Terms of Reference', adoptedOn: '2021-04-01', supersededOn: null }],
};

/** The elements the page is made of: anything else would come from the data. */
const ownElements = [
  'body',
  'caption',
  'div',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'head',
  'header',
  'html',
  'line',
  'meta',
  'p',
  'rect',
  'section',
  'span',
  'style',
  'svg',
  'table',
  'tbody',
  'td',
  'text',
  'th',
  'thead',
  'title',
  'tr',
];

describe('the annual report page', () => {
  it('is titled "<the group’s name> — Annual report <year>", in its <title> and its heading', () => {
    expect(reportTitle(2024)).toBe(
      'Bali Process Working Group on Disruption of Criminal Networks Involved in People Smuggling and Trafficking in Persons — Annual report 2024',
    );
    const html = renderReport(heading, details);
    expect(html).toContain(`<title>${reportTitle(2024)}</title>`);
    expect(html).toContain(
      '<h1><span class="group">Bali Process Working Group on Disruption of Criminal Networks Involved in People Smuggling and Trafficking in Persons —</span> Annual report 2024</h1>',
    );
  });

  it('has a section for membership, co-chairs, JPAs and outcomes, meetings and trainings, recommendations, Terms of Reference', () => {
    const sections = [...renderReport(heading, details).matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1]);
    expect(sections).toEqual([
      'The year in figures',
      'Membership',
      'Co-chairs',
      'Joint Periods of Action and their outcomes',
      'Meetings and trainings',
      'Recommendations and their progress',
      'Terms of Reference',
    ]);
  });

  it('draws the outcomes per JPA and the recommendations by status as inline SVG bar charts, each value written out', () => {
    const html = renderReport(heading, details);
    const charts = [...html.matchAll(/<svg [^>]*aria-labelledby="([^"]+)"[^>]*>([\s\S]*?)<\/svg>/g)];
    expect(charts.map((chart) => chart[1])).toEqual(['outcomes-chart', 'status-chart']);
    const [outcomes, statuses] = charts.map((chart) => chart[2]!);
    for (const label of [
      'JPA 7 (2 operations)',
      'Arrests',
      '1,234',
      'Prosecutions',
      'Victims identified',
      'Networks disrupted',
    ])
      expect(outcomes).toContain(`>${label}<`);
    // The largest bar takes the whole width, the others their share of it.
    expect(outcomes).toContain('width="400" height="13"');
    expect(outcomes).toContain(`width="${Math.round((5 / 1234) * 400)}" height="13"`);
    for (const [label, value] of [
      ['Open', 0],
      ['In progress', 1],
      ['Implemented', 0],
      ['Dropped', 0],
    ])
      expect(statuses).toMatch(new RegExp(`>${label}</text>[\\s\\S]*?>${value}</text>`));
  });

  it('says so instead of drawing a chart when there is nothing to draw', () => {
    const empty = renderReport(
      { ...heading, jpas: [], outcomes: zero },
      { ...details, recommendations: [], meetings: [] },
    );
    expect(empty).not.toContain('<svg');
    expect(empty).toContain('No JPA ran during 2024.');
  });

  it('draws at most the first JPAs in the chart, and says how many of how many', () => {
    const many = Array.from({ length: chartJpaLimit + 3 }, (_, index) => ({ ...heading.jpas[0]!, number: index + 1 }));
    const html = renderReport({ ...heading, jpas: many }, details);
    expect(html).toContain(`Outcomes per JPA: the first ${chartJpaLimit} of ${chartJpaLimit + 3} JPAs, by number.`);
    expect(html.match(/font-weight="600">JPA \d+/g)).toHaveLength(chartJpaLimit);
  });

  it('marks a DRAFT with its time of computing and a watermark, and a published report with its day', () => {
    const draft = renderReport(heading, details);
    expect(draft).toContain('<div class="watermark" aria-hidden="true">DRAFT</div>');
    expect(draft).toContain('DRAFT, computed on 15 January 2025 at 10:20 UTC');
    const published = renderReport({ ...heading, status: 'PUBLISHED', publishedOn: '2025-02-03' }, details);
    expect(published).not.toContain('watermark"');
    expect(published).toContain('Published on 3 February 2025');
  });

  it('prints on A4 with its own margins, keeps rows and charts whole across pages, in the system font stack', () => {
    const html = renderReport(heading, details);
    expect(html).toContain('@page { size: A4; margin: 18mm 16mm 20mm; }');
    expect(html).toContain('tr, figure, .keep { break-inside: avoid; page-break-inside: avoid; }');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toContain('font-family: system-ui, -apple-system, "Segoe UI", Roboto');
    expect(html).toContain('@media print');
  });

  it('escapes every character that could start markup, an entity or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    // Data also loses what spells a reference elsewhere: none of it reads as src=, url( or https://.
    expect(escapeData(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      '&lt;a href&#61;&quot;x&quot; onclick&#61;&#39;y&#39;&gt;&amp;amp;&lt;&#47;a&gt;',
    );
    expect(escapeData('url(https://x) `y`')).toBe('url&#40;https&#58;&#47;&#47;x&#41; &#96;y&#96;');
    expect(escapeData('plain text, 12 words; ok?')).toBe('plain text, 12 words; ok?');
  });

  it('shows markup in any piece of data as text: the page keeps only its own elements, and names nothing', () => {
    const attack =
      '"><script>alert(1)</script><img src=//evil.example/x onerror=alert(2)><a href="https://evil.example">x</a>';
    const hostile = renderReport(
      { ...heading, jpas: [{ ...heading.jpas[0]!, title: attack, participants: [attack] }], membersJoined: [attack] },
      {
        members: [
          { country: 'FJ', name: attack, status: attack, joinedOn: '2024-03-01' },
          { country: 'NZ', name: 'New Zealand', status: 'ACTIVE', joinedOn: attack },
        ],
        coChairTerms: [{ country: attack, startsOn: '2022-07-01', endsOn: null }],
        meetings: [{ ...details.meetings[0]!, title: attack, city: attack, host: attack }],
        recommendations: [{ ...details.recommendations[0]!, text: attack, owners: [attack, 'FJ'] }],
        recommendationsComplete: true,
        termsInForce: [{ ...details.termsInForce[0]!, title: attack }],
      },
    );
    expect(elementNames(hostile)).toEqual(ownElements);
    expect(activeAttributes(hostile)).toEqual([]);
    expect(otherOrigins(hostile)).toEqual([]);
    expect(hostile).toContain(escapeData(attack));
    expect(hostile).not.toMatch(/src=|href=|https?:|\/\/|url\(/);
  });

  it('names no other origin, and forbids itself from loading anything', () => {
    const html = renderReport(heading, details);
    expect(otherOrigins(html)).toEqual([]);
    expect(activeAttributes(html)).toEqual([]);
    expect(html).not.toMatch(/https?:|\/\//);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
  });

  it(`is at most ${htmlByteLimit} bytes whatever the data: the worst case the input limits admit fits, every long section saying what it leaves out`, () => {
    expect(byteLength(worstReport.html)).toBeLessThanOrEqual(htmlByteLimit);
    expect(elementNames(worstReport.html)).toEqual(ownElements.filter((name) => name !== 'div'));
    const leftOut = new Map(
      [...worstReport.html.matchAll(/>(\d[\d,]*) further (\w+) are not shown here/g)].map(
        (match) => [match[2]!, Number(match[1]!.replaceAll(',', ''))] as const,
      ),
    );
    const shown = (what: string, total: number) => total - (leftOut.get(what) ?? 0);
    expect([...leftOut.keys()]).toEqual(
      expect.arrayContaining(['countries', 'JPAs', 'meetings', 'recommendations', 'versions']),
    );
    // What is shown plus what is counted as left out is every row given, and each kind shows some.
    expect(shown('recommendations', 500)).toBeGreaterThan(0);
    expect(worstReport.html.match(/<tr><td class="num">\d+<\/td><td class="text">/g)).toHaveLength(
      shown('recommendations', 500),
    );
    expect(worstReport.html).toContain('Only the first recommendations by number were read for this page');
  });

  it(`shows a recommendation's text up to ${recommendationTextLimit} characters`, () => {
    const long = 'x'.repeat(recommendationTextLimit + 1);
    const html = renderReport(heading, {
      ...details,
      recommendations: [{ ...details.recommendations[0]!, text: long }],
    });
    expect(html).toContain(`>${'x'.repeat(recommendationTextLimit - 1)}…<`);
    const exact = renderReport(heading, {
      ...details,
      recommendations: [{ ...details.recommendations[0]!, text: long.slice(1) }],
    });
    expect(exact).toContain(`>${long.slice(1)}<`);
  });
});
