import { sampleMembers } from '../sample-data/membership.ts';
import { ideConfigElementId, type IdeConfig } from './config.ts';

const countries = sampleMembers.map((member) => ({ code: member.country, name: member.name }));

/** JSON inside a script element: `<` escaped so no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

/** The IDE's HTML: its own script and stylesheet, its configuration as JSON, nothing from elsewhere. */
export const idePage = (documents: IdeConfig['documents']): string => {
  const config: IdeConfig = { countries, documents };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GraphQL IDE · Bali Process Disruption Working Group API (local)</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/ide/ide.css" />
    <script type="module" src="/ide/ide.js"></script>
  </head>
  <body>
    <div id="ide"></div>
    <script type="application/json" id="${ideConfigElementId}">${scriptJson(config)}</script>
  </body>
</html>
`;
};

/**
 * The browser may load nothing from anywhere but this server (data: URLs for GraphiQL's fonts and
 * icons aside), and the page may not be framed. Inline styles are allowed because GraphiQL's
 * dialogs (Radix) add style elements of their own.
 */
export const ideContentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
