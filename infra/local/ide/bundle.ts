import { join } from 'node:path';
import { build } from 'esbuild';

export interface IdeAsset {
  readonly contentType: string;
  readonly body: Uint8Array;
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * GraphiQL 4 (CodeMirror 5: no web workers to serve), React and the caller panel, bundled by
 * esbuild in memory: nothing generated is committed, and the page needs no network. Its fonts
 * and icons are data: URLs in GraphiQL's stylesheet. Built when the page first asks for its
 * files, in about a second, so a server that never shows the IDE never pays for it.
 */
async function buildIde(): Promise<Map<string, IdeAsset>> {
  const outdir = '/ide';
  const result = await build({
    entryPoints: { ide: join(import.meta.dirname, 'browser/main.tsx') },
    tsconfig: join(import.meta.dirname, 'browser/tsconfig.json'),
    outdir,
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  return new Map(
    result.outputFiles.map((file) => {
      const name = file.path.slice(outdir.length + 1);
      const extension = name.slice(name.lastIndexOf('.'));
      return [name, { contentType: contentTypes[extension] ?? 'application/octet-stream', body: file.contents }];
    }),
  );
}

let built: Promise<Map<string, IdeAsset>> | undefined;

/** The bundle's files by name (`ide.js`, `ide.css`), built once per process; a failed build is tried again. */
export function ideAssets(): Promise<Map<string, IdeAsset>> {
  built ??= buildIde().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}
