import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../schema/tools/codegen.ts';

// docs/frontend.md shows code that runs elsewhere: each ```ts block under a
// `<!-- snippet: <name> (<file>) -->` line is, word for word, the code between
// `// snippet: <name>` and `// end snippet` in that file (less its indentation).

const read = (path: string) => readFileSync(join(projectRoot, path), 'utf8');
const guide = read('docs/frontend.md');

/** The marked regions of a source file, by name, dedented. */
function regions(path: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of read(path).matchAll(/^[ \t]*\/\/ snippet: ([\w-]+)\n([\s\S]*?)^[ \t]*\/\/ end snippet$/gm)) {
    const lines = (match[2] ?? '').trimEnd().split('\n');
    const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)?.[0].length ?? 0));
    found.set(match[1] ?? '', lines.map((line) => line.slice(indent)).join('\n'));
  }
  return found;
}

const shown = [...guide.matchAll(/<!-- snippet: ([\w-]+) \(([^)]+)\) -->\n+```\w*\n([\s\S]*?)\n```/g)].map((match) => ({
  name: match[1] ?? '',
  file: match[2] ?? '',
  code: match[3] ?? '',
}));

describe("docs/frontend.md's code", () => {
  it('is the code the real-client tests and the code generator run, word for word', () => {
    expect(shown.length).toBeGreaterThan(0);
    for (const snippet of shown) {
      expect(snippet.code, `${snippet.name} in ${snippet.file}`).toBe(regions(snippet.file).get(snippet.name));
    }
  });

  it('shows every marked region of the real-client tests', () => {
    const marked = [...regions('test/e2e/real-clients.test.ts').keys()];
    expect(marked.filter((name) => !shown.some((snippet) => snippet.name === name))).toEqual([]);
  });
});
