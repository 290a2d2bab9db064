import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/environment.ts';

let local: LocalEnvironment;

beforeAll(async () => {
  local = await startLocalEnvironment({
    port: 0,
    dynamoPort: 0,
    dataDir: ':memory:',
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `idp${crypto.randomUUID().slice(0, 8)}`,
  });
});

afterAll(async () => {
  await local?.stop();
});

/** Every address a text names to be loaded: src/href attributes and CSS url()s that are not data: URLs. */
const loadedAddresses = (text: string) =>
  [...text.matchAll(/(?:src|href)="([^"]+)"|url\(\s*["']?([^"')]+)/g)]
    .map((match) => match[1] ?? match[2] ?? '')
    .filter((address) => !address.startsWith('data:'));

describe('the IDE page over HTTP', () => {
  it('loads only its own bundle, under a policy that lets the browser load nothing from elsewhere', async () => {
    const page = await fetch(`${local.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toMatch(/https?:/);
    const html = await page.text();
    expect(loadedAddresses(html).sort()).toEqual(['/ide/ide.css', '/ide/ide.js']);
    expect(html).toContain('"code":"NZ","name":"New Zealand"');
    // The server's DOCUMENTS mode, which the page shows (test/e2e/trusted-documents.test.ts: trusted).
    expect(html).toContain('"documents":"open"');
  });

  it('serves GraphiQL and React bundled, with fonts and icons inlined', async () => {
    const script = await fetch(`${local.url}/ide/ide.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await script.text()).length).toBeGreaterThan(500_000);
    const styles = await fetch(`${local.url}/ide/ide.css`);
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await styles.text();
    expect(css).toContain('.graphiql-container');
    expect(loadedAddresses(css)).toEqual([]);
  });

  it('answers 404 for a file the bundle does not have', async () => {
    expect((await fetch(`${local.url}/ide/nothing.js`)).status).toBe(404);
  });
});
