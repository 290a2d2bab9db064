import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reportTitle } from '../../functions/report/report.html.ts';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/environment.ts';
import { pdfFacts } from '../../infra/report/pdf.ts';
import { chromiumArgs, chromiumPath, ensureChromium } from '../support/chromium.ts';
import { freePort } from '../support/global-setup.ts';
import { otherOrigins } from '../support/html.ts';

/**
 * `npm run report` as a person runs it, against `npm start`'s server (the sample data publishes
 * the 2024 report): the PDF through Chromium, the html as it is, and a one-line refusal for each
 * way it can fail. The PDF and a picture of the report's first page are kept under test-output/.
 */
const run = promisify(execFile);
let local: LocalEnvironment;

beforeAll(async () => {
  const [environment] = await Promise.all([
    startLocalEnvironment({
      port: 0,
      dynamoPort: 0,
      dataDir: ':memory:',
      dynamoEndpoint: inject('dynamoEndpoint'),
      tablePrefix: `rep${crypto.randomUUID().slice(0, 8)}`,
    }),
    // The first run on a new machine installs Chromium from Debian: allow it minutes, once.
    ensureChromium(),
  ]);
  local = environment;
  mkdirSync('test-output', { recursive: true });
}, 600_000);

afterAll(async () => {
  await local?.stop();
});

/** The npm script's command, run with this process's Node (24, as npm scripts run it). */
function report(...args: string[]) {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...script] = (scripts.report ?? '').split(' ');
  expect(command).toBe('node');
  return run(process.execPath, [...script, ...args], { timeout: 120_000 });
}

/** How a failed run ended: its exit status and what it said. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: 0, stdout: '', stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );

describe('npm run report', () => {
  it('renders the 2024 report to a PDF with pages and the report’s title, and its first page to a picture', async () => {
    const { stdout } = await report(
      '--year',
      '2024',
      '--out',
      'test-output/annual-report-2024.pdf',
      '--url',
      `${local.url}/graphql`,
    );
    const pdf = readFileSync('test-output/annual-report-2024.pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const facts = pdfFacts(pdf);
    expect(facts.title).toBe(reportTitle(2024));
    expect(facts.pages).toBeGreaterThanOrEqual(1);
    expect(stdout).toMatch(
      new RegExp(
        `^report: wrote .*test-output/annual-report-2024\\.pdf \\(PUBLISHED report of 2024, ${facts.pages} pages\\)\\n$`,
      ),
    );

    // The page in Chromium, an A4 sheet's width and height at 96 dpi: the report's first page as a reader sees it.
    await report('--year', '2024', '--out', 'test-output/annual-report-2024.html', '--url', `${local.url}/graphql`);
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    try {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
      await page.route('**/*', (route) => route.abort());
      await page.setContent(readFileSync('test-output/annual-report-2024.html', 'utf8'));
      await page.screenshot({ path: 'test-output/annual-report-2024.png' });
      expect(await page.title()).toBe(reportTitle(2024));
    } finally {
      await browser.close();
    }
  });

  it('writes the html as the API serves it: self-contained, with its charts', async () => {
    const { stdout } = await report(
      '--year',
      '2025',
      '--out',
      'test-output/annual-report-2025.html',
      '--url',
      `${local.url}/graphql`,
    );
    expect(stdout).toMatch(/^report: wrote .*annual-report-2025\.html \(DRAFT report of 2025\)\n$/);
    const html = readFileSync('test-output/annual-report-2025.html', 'utf8');
    expect(html).toContain(`<title>${reportTitle(2025)}</title>`);
    expect(otherOrigins(html)).toEqual([]);
  });

  it('says in one line that no server answers', async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    expect(await failure(report('--year', '2024', '--out', 'test-output/none.pdf', '--url', url))).toEqual({
      code: 1,
      stdout: '',
      stderr: `report: no API answers at ${new URL(url).origin} (start the local server with npm start, or pass --url)\n`,
    });
  });

  it('says in one line that the token was refused', async () => {
    expect(
      await failure(
        report('--year', '2024', '--url', `${local.url}/graphql`, '--token', 'not.a.token', '--out', 'x.pdf'),
      ),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr: `report: ${local.url} refused the token (UNAUTHENTICATED): pass a valid --token, or a fresh one from npm run -s token\n`,
    });
  });

  it('says in one line that there is no report for the caller: an observer and a year not published', async () => {
    const observer = await local.tokens.sign({ sub: 'observer-1', groups: ['observer'] });
    const args = ['--year', '2025', '--url', `${local.url}/graphql`, '--token', observer, '--out', 'x.pdf'];
    expect(await failure(report(...args))).toEqual({
      code: 1,
      stdout: '',
      stderr: 'report: no annual report of 2025 for this caller: observers read only published reports\n',
    });
  });

  it('refuses what the API refuses, and arguments it cannot use, in one line each', async () => {
    const url = `${local.url}/graphql`;
    const early = await failure(report('--year', '2013', '--url', url, '--out', 'x.pdf'));
    expect(early).toMatchObject({
      code: 1,
      stderr: 'report: the API answered BAD_USER_INPUT: year must be from 2014 to 2100\n',
    });
    expect(await failure(report('--out', 'x.pdf'))).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^report: --year takes a year/),
    });
    expect(await failure(report('--year', '2024', '--out', 'report.docx'))).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^report: --out names a \.pdf or an \.html file/),
    });
  });
});
