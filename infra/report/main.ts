import { existsSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../local/chromium.ts';
import { pdfFacts } from './pdf.ts';

/**
 * `npm run report -- --year 2024 [--out report.pdf|report.html] [--url <api>] [--token <jwt>]`:
 * fetches a year's annual report (`annualReport(year) { status html }`) from the local server, or
 * from a deployed API with `--url` and `--token`, and writes its page as it is (`.html`) or as a
 * PDF rendered by Chromium through playwright-core (`.pdf`, the default). Without `--token` it
 * asks the local server for a dev token of the secretariat (`POST /dev/token`, as `npm run token`
 * does). Every failure is one line on stderr and exit status 1 (2 for bad arguments).
 */
const usage =
  'usage: npm run report -- --year <2014-2100> [--out report.pdf|report.html] [--url http://127.0.0.1:4000/graphql] [--token <jwt>]';

const options = {
  year: { type: 'string' },
  out: { type: 'string' },
  url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 4000}/graphql` },
  token: { type: 'string' },
  help: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

const query = 'query AnnualReportPage($year: Int!) { annualReport(year: $year) { year status publishedOn html } }';

interface Answer {
  readonly data?: {
    annualReport: { year: number; status: string; publishedOn: string | null; html: string } | null;
  } | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

/** Stops with one line saying why. */
function fail(message: string, status = 1): never {
  process.stderr.write(`report: ${message}\n`);
  process.exit(status);
}

function readArguments() {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2);
  }
}

const values = readArguments();
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const year = Number(values.year);
if (values.year === undefined || !Number.isInteger(year)) fail(`--year takes a year such as 2024\n${usage}`, 2);
const out = resolve(values.out ?? `annual-report-${year}.pdf`);
const format = extname(out).toLowerCase();
if (format !== '.pdf' && format !== '.html') fail(`--out names a .pdf or an .html file, not ${out}\n${usage}`, 2);
let url: URL;
try {
  url = new URL(values.url);
} catch {
  fail(`--url is no URL: ${values.url}`, 2);
}

/** A request to the API that did not get there says where it went, and nothing else. */
async function send(target: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(target, { ...init, signal: AbortSignal.timeout(60_000) });
  } catch {
    return fail(`no API answers at ${target.origin} (start the local server with npm start, or pass --url)`);
  }
}

/** The local server's dev token of the secretariat; a deployed API has none to give. */
async function devToken(): Promise<string> {
  const response = await send(new URL('/dev/token', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'dev-secretariat', groups: ['secretariat'] }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string };
  if (!response.ok || !body.token) {
    fail(`${url.origin} gives no dev token (only the local server does): pass --token <jwt> for this API`);
  }
  return body.token;
}

const token = values.token ?? (await devToken());
const response = await send(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query, variables: { year } }),
});
const answer = (await response.json().catch(() => null)) as Answer | null;
const [error] = answer?.errors ?? [];
const code = error?.extensions?.code;
if (response.status === 401 || code === 'UNAUTHENTICATED') {
  fail(`${url.origin} refused the token (UNAUTHENTICATED): pass a valid --token, or a fresh one from npm run -s token`);
}
if (code === 'FORBIDDEN') fail(`the token's caller may not read annual reports (FORBIDDEN): ${error?.message}`);
if (error) fail(`the API answered ${code ?? 'an error'}: ${error.message}`);
if (!answer || !response.ok) fail(`${url.href} answered HTTP ${response.status}, not a GraphQL answer`);
const report = answer.data?.annualReport;
if (!report) fail(`no annual report of ${year} for this caller: observers read only published reports`);

if (format === '.html') {
  writeFileSync(out, report.html);
  process.stdout.write(`report: wrote ${out} (${report.status} report of ${year})\n`);
} else {
  if (!existsSync(chromiumPath)) {
    fail(
      `Chromium is not at ${chromiumPath}: install it (sudo apt-get install -y chromium), or write --out report.html`,
    );
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    // The page names nothing to load; should it ever, nothing leaves the machine.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(report.html, { waitUntil: 'load' });
    const pdf = await page.pdf({ path: out, preferCSSPageSize: true, printBackground: true });
    const { pages } = pdfFacts(pdf);
    process.stdout.write(`report: wrote ${out} (${report.status} report of ${year}, ${pages} pages)\n`);
  } finally {
    await browser.close();
  }
}
