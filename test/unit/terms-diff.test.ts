import { describe, expect, it } from 'vitest';
import { diffCeiling, lineChanges } from '../../functions/terms/terms.diff.ts';
import { termsTypeDefs } from '../../schema/terms.ts';

/** `count` numbered lines, each ending in a line break. */
const lines = (count: number, label = 'line') => Array.from({ length: count }, (_, index) => `${label} ${index}\n`);

/** `lines` with the first `count` of every fourth line rewritten: 2 edit steps each (one removed, one added). */
const rewritten = (base: readonly string[], count: number) =>
  base.map((line, index) => (index % 4 === 0 && index / 4 < count ? `rewritten ${index}\n` : line));

const kinds = (changes: { kind: string }[]) => changes.map((change) => change.kind);

describe('lineChanges', () => {
  it('answers the exact runs of a small diff', () => {
    const from = 'Article 1\nArticle 2\nArticle 3\nArticle 4\n';
    const to = 'Article 1\nArticle 2 (revised)\nArticle 3\nArticle 4\nArticle 5\n';
    expect(lineChanges(from, to)).toEqual([
      { kind: 'UNCHANGED', text: 'Article 1\n', lineCount: 1 },
      { kind: 'REMOVED', text: 'Article 2\n', lineCount: 1 },
      { kind: 'ADDED', text: 'Article 2 (revised)\n', lineCount: 1 },
      { kind: 'UNCHANGED', text: 'Article 3\nArticle 4\n', lineCount: 2 },
      { kind: 'ADDED', text: 'Article 5\n', lineCount: 1 },
    ]);
  });

  it('answers one UNCHANGED run for identical texts, however long', () => {
    const text = lines(30_000).join('');
    expect(lineChanges(text, text)).toEqual([{ kind: 'UNCHANGED', text, lineCount: 30_000 }]);
  });

  it('answers two large divergent drafts with the whole old text REMOVED, then the new one ADDED', () => {
    // 33,000 short lines against 33,000 others with none in common: 66,000 edit steps, minutes of work uncapped.
    const from = lines(33_000, 'a').join('');
    const to = lines(33_000, 'b').join('').slice(0, -1); // the new text's last line has no line break
    expect(lineChanges(from, to)).toEqual([
      { kind: 'REMOVED', text: from, lineCount: 33_000 },
      { kind: 'ADDED', text: to, lineCount: 33_000 },
    ]);
  });

  it('works out a diff of exactly the ceiling, and answers the coarse result one edit step past it', () => {
    const base = lines(1000);
    const from = base.join('');
    const atCeiling = rewritten(base, diffCeiling / 2);
    const exact = lineChanges(from, atCeiling.join(''));
    expect(exact.filter((change) => change.kind !== 'UNCHANGED').reduce((sum, change) => sum + change.lineCount, 0)).toBe(diffCeiling);
    expect(exact.length).toBeGreaterThan(2);
    expect(exact.filter((change) => change.kind !== 'ADDED').map((change) => change.text).join('')).toBe(from);
    expect(exact.filter((change) => change.kind !== 'REMOVED').map((change) => change.text).join('')).toBe(atCeiling.join(''));

    const pastCeiling = [...atCeiling, 'one more line\n'].join('');
    expect(lineChanges(from, pastCeiling)).toEqual([
      { kind: 'REMOVED', text: from, lineCount: 1000 },
      { kind: 'ADDED', text: pastCeiling, lineCount: 1001 },
    ]);
    const underCeiling = [...rewritten(base, diffCeiling / 2 - 1), 'one more line\n'].join('');
    expect(lineChanges(from, underCeiling).length).toBeGreaterThan(2);
  });

  it('counts lines in the coarse result as the exact diff does: CRLF, a missing last break, empty lines', () => {
    for (const [from, to] of [
      ['one\r\ntwo\r\n', 'three\r\nfour'],
      ['\n\n\nx', 'y\n\n'],
      ['single', 'other\n'],
    ] as const) {
      const coarse = lineChanges(from, to, 0);
      const exact = lineChanges(from, to, Number.POSITIVE_INFINITY);
      expect(kinds(coarse)).toEqual(['REMOVED', 'ADDED']);
      // The exact diff's lines of each text: its own runs and the unchanged ones.
      const linesOf = (own: string) => exact.filter((change) => change.kind !== own).reduce((sum, change) => sum + change.lineCount, 0);
      expect(coarse.map((change) => change.lineCount)).toEqual([linesOf('ADDED'), linesOf('REMOVED')]);
    }
  });

  it('leaves an empty text out of the coarse result', () => {
    expect(lineChanges('', 'new\ntext\n', 0)).toEqual([{ kind: 'ADDED', text: 'new\ntext\n', lineCount: 2 }]);
    expect(lineChanges('old\n', '', 0)).toEqual([{ kind: 'REMOVED', text: 'old\n', lineCount: 1 }]);
  });

  it('states the ceiling in the schema description of changesFrom', () => {
    expect(termsTypeDefs).toContain(`more than ${diffCeiling} edit steps`);
  });
});
