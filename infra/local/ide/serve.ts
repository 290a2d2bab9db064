import type { ServerResponse } from 'node:http';
import { ideAssets } from './bundle.ts';
import type { IdeConfig } from './config.ts';
import { ideContentSecurityPolicy, idePage } from './page.ts';

/** What the IDE page says about the server it runs on. */
export interface IdeSettings {
  readonly documents: IdeConfig['documents'];
}

/** The paths the IDE answers: the page, and its bundle under /ide/. */
export const isIdePath = (path: string) => path === '/' || path.startsWith('/ide/');

/** Answers `GET /` with the IDE page and `GET /ide/<file>` with its bundle. */
export async function serveIde(path: string, response: ServerResponse, settings: IdeSettings): Promise<void> {
  if (path === '/') {
    return respond(response, 200, 'text/html; charset=utf-8', idePage(settings.documents), {
      'content-security-policy': ideContentSecurityPolicy,
    });
  }
  const asset = (await ideAssets()).get(path.slice('/ide/'.length));
  if (!asset) return respond(response, 404, 'text/plain; charset=utf-8', 'Not Found');
  return respond(response, 200, asset.contentType, asset.body);
}

function respond(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
    // Rebuilt at every start: never let the browser keep a stale bundle.
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(body);
}
