import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * `npm run token -- --group secretariat` or `-- --country VN`: prints a dev token of the running
 * local server (`POST /dev/token`) and nothing else on stdout, so `TOKEN=$(npm run -s token -- …)`
 * works. Tokens die with the server that signed them.
 */
const usage =
  'usage: npm run -s token -- [--group secretariat|observer]... [--country VN] [--sub alice] [--url http://127.0.0.1:4000]';

const options = {
  group: { type: 'string', multiple: true, default: [] as string[] },
  country: { type: 'string' },
  sub: { type: 'string' },
  url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 4000}` },
  help: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

function readArguments() {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    process.exit(2);
  }
}

const values = readArguments();
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const { group: groups, country } = values;
// A readable subject, so the audit trail shows who a request came from: dev-secretariat, dev-vn.
const sub = values.sub ?? ['dev', ...groups, country?.toLowerCase()].filter(Boolean).join('-');
const response = await fetch(new URL('/dev/token', values.url), {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ sub, ...(groups.length > 0 ? { groups } : {}), ...(country ? { country } : {}) }),
}).catch(() => {
  process.stderr.write(`no local server answers on ${values.url}: start it with npm start (or npm run dev)\n`);
  process.exit(1);
});
const body = (await response.json()) as { token?: string; message?: string };
if (!response.ok || !body.token) {
  process.stderr.write(`${values.url}/dev/token answered ${response.status}: ${body.message ?? ''}\n`);
  process.exit(1);
}
process.stdout.write(`${body.token}\n`);
