import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/environment.ts';
import { chromiumArgs, chromiumPath, ensureChromium } from '../support/chromium.ts';

let local: LocalEnvironment;
let browser: Browser;

beforeAll(async () => {
  const [environment] = await Promise.all([
    startLocalEnvironment({
      port: 0,
      dynamoPort: 0,
      dataDir: ':memory:',
      dynamoEndpoint: inject('dynamoEndpoint'),
      tablePrefix: `ide${crypto.randomUUID().slice(0, 8)}`,
    }),
    // The first run on a new machine installs Chromium from Debian: allow it minutes, once.
    ensureChromium(),
  ]);
  local = environment;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

/** What the page does that it should not: reach another origin, throw, or log an error (CSP refusals are logged). */
function watch(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== origin) problems.push(`request to ${request.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

async function useCaller(page: Page, role: string, country: string, status: string): Promise<void> {
  await page.getByLabel('Role').selectOption(role);
  await page.getByLabel('Country').selectOption(country);
  await page.getByRole('button', { name: 'Use this caller' }).click();
  await page.getByRole('status').filter({ hasText: status }).waitFor();
}

/**
 * Pastes a query over the editor's, prettifies and runs it, and answers the response once it
 * holds `expected`. GraphiQL reads the operation's name 100 ms after the last edit and shows it
 * as the tab's title; running sooner (as no person would) sends the name of the query before.
 */
async function run(page: Page, name: string, selection: string, expected: string): Promise<string> {
  await page.locator('.graphiql-query-editor .CodeMirror').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(`query ${name} ${selection}`);
  await page.locator('.graphiql-tab-active').getByText(name, { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Prettify query (Shift-Ctrl-P)' }).click();
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
  const response = page.locator('.graphiql-response');
  await response.filter({ hasText: expected }).waitFor();
  return (await response.textContent()) ?? '';
}

/**
 * As after a restart of the server (`npm run dev` restarts on every save): the next GraphQL
 * request is refused as the old token's would be. Answers how many requests were refused.
 */
async function refuseNextToken(page: Page): Promise<() => number> {
  let refused = 0;
  await page.route('**/graphql', (route) => {
    if (refused > 0) return route.continue();
    refused += 1;
    const body = { errors: [{ message: 'a valid Bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }] };
    return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify(body) });
  });
  return () => refused;
}

/**
 * A person's session: the secretariat asks for the co-chairs and reads the docs, then becomes an
 * official of Thailand, whose token outlives a restart of the server.
 */
async function session(page: Page, problems: string[]): Promise<void> {
  await page.goto(`${local.url}/`);

  await useCaller(page, 'secretariat', '', 'Requests go as: Secretariat');
  // Which documents the server runs, with what that means on hover.
  const mode = page.getByText('documents: open', { exact: true });
  await mode.waitFor();
  expect(await mode.getAttribute('title')).toBe('DOCUMENTS=open: any document runs.');
  const coChairs = await run(
    page,
    'CoChairsAsSecretariat',
    '{ viewer { roles } coChairs { startsOn member { country name } } }',
    'Viet Nam',
  );
  for (const text of ['SECRETARIAT', '"NZ"', 'New Zealand', '"VN"', 'Viet Nam']) expect(coChairs).toContain(text);

  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.getByText('Query', { exact: true }).first().click();
  await docs.getByText('The open co-chair terms (at most two).').waitFor();
  await page.screenshot({ path: 'test-output/ide.png' });

  // The example tab: this year's annual report, a draft computed now, the year in its variables.
  await page.getByRole('tab', { name: 'DraftAnnualReport' }).getByText('DraftAnnualReport').click();
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
  const draft = page.locator('.graphiql-response').filter({ hasText: '"DRAFT"' });
  await draft.waitFor();
  expect(await draft.textContent()).toContain(`"year": ${new Date().getUTCFullYear()}`);

  await useCaller(page, 'official', 'TH', 'Requests go as: Official of a country, Thailand');
  const viewer = await run(page, 'WhoAmI', '{ viewer { roles country } }', 'OFFICIAL');
  expect(viewer).toContain('"TH"');

  const refusals = await refuseNextToken(page);
  await run(page, 'AfterRestart', '{ viewer { subject } }', 'ide-official-th');
  expect(refusals()).toBe(1);
  // The browser logs the refused request; that one is expected.
  const refusal = problems.findIndex((problem) => problem.includes('status of 401'));
  expect(refusal).toBeGreaterThanOrEqual(0);
  problems.splice(refusal, 1);
}

describe('the GraphQL IDE at GET /, in a headless Chromium', () => {
  it("gets a token for the caller picked, runs queries as that caller, shows the documentation and this year's draft report in its example tab, and outlives a restart, reaching no other origin", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Fail at the step that does not happen, well within the test's time.
    page.setDefaultTimeout(10_000);
    const problems = watch(page, local.url);
    mkdirSync('test-output', { recursive: true });
    try {
      await session(page, problems);
    } catch (error) {
      await page.screenshot({ path: 'test-output/ide-failure.png' });
      throw new Error(
        `${String(error)}\nwhat the page did: ${JSON.stringify(problems)}; see test-output/ide-failure.png`,
        { cause: error },
      );
    } finally {
      await page.close();
    }
    expect(problems).toEqual([]);
  });
});
