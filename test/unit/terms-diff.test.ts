import { diffLines } from 'diff';
import { describe, expect, it } from 'vitest';
import { diffCeiling, lineChanges } from '../../functions/terms/terms.diff.ts';
import { termsTypeDefs } from '../../schema/terms.ts';

/** `count` numbered lines, each ending in a line break. */
const lines = (count: number, label = 'line') => Array.from({ length: count }, (_, index) => `${label} ${index}\n`);

/** `lines` with the first `count` of every fourth line rewritten: 2 edit steps each (one removed, one added). */
const rewritten = (base: readonly string[], count: number) =>
  base.map((line, index) => (index % 4 === 0 && index / 4 < count ? `rewritten ${index}\n` : line));

/** `lines` with the first `count` of every fourth pair of lines swapped: 2 edit steps each, and no line missing on either side. */
const swapped = (base: readonly string[], count: number) => {
  const result = [...base];
  for (let pair = 0; pair < count; pair += 1)
    [result[4 * pair], result[4 * pair + 1]] = [base[4 * pair + 1]!, base[4 * pair]!];
  return result;
};

const kinds = (changes: { kind: string }[]) => changes.map((change) => change.kind);

/** diffLines' answer in lineChanges' terms; undefined past `maxEditLength`. */
const reference = (from: string, to: string, maxEditLength?: number) => {
  const parts = maxEditLength === undefined ? diffLines(from, to) : diffLines(from, to, { maxEditLength });
  return parts?.map((part) => ({
    kind: part.added ? 'ADDED' : part.removed ? 'REMOVED' : 'UNCHANGED',
    text: part.value,
    lineCount: part.count,
  }));
};

/** The coarse result, its line counts worked out apart from lineChanges. */
const coarse = (from: string, to: string) => [
  ...(from ? [{ kind: 'REMOVED', text: from, lineCount: from.split(/(?<=\n)/).length }] : []),
  ...(to ? [{ kind: 'ADDED', text: to, lineCount: to.split(/(?<=\n)/).length }] : []),
];

/** A small seeded generator (xorshift32), so that a failing case can be found again. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return { below: (count: number) => Math.floor(next() * count), chance: (odds: number) => next() < odds };
}

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

  it('answers what diffLines answers, on many small texts with lines in common at either end, CRLF, a missing last break, empty texts', () => {
    const random = generator(20_240_611);
    const line = () => ['a', 'b', 'c', '', 'a\r', 'b b'][random.below(6)]! + (random.chance(0.25) ? '\r\n' : '\n');
    const text = (most: number) => {
      let result = Array.from({ length: random.below(most + 1) }, line).join('');
      if (random.chance(0.3)) result = result.replace(/\r?\n$/, '');
      if (random.chance(0.1)) result += ['x', 'a', '\r'][random.below(3)]!;
      return result;
    };
    let exact = 0;
    let coarseOnes = 0;
    for (let round = 0; round < 4000; round += 1) {
      const head = random.chance(0.6) ? text(4) : '';
      const tail = random.chance(0.6) ? text(4) : '';
      const body = text(8);
      const other = random.chance(0.1) ? body : text(8);
      // The shared head ends in a line break, or runs into the first line of each body; the shared tail follows both bodies as is.
      const [from, to] = [head + body + tail, head + other + tail];
      const ceiling = random.chance(0.5) ? Number.POSITIVE_INFINITY : random.below(10);
      const expected = reference(from, to, Number.isFinite(ceiling) ? ceiling : undefined);
      if (expected) exact += 1;
      else coarseOnes += 1;
      expect(lineChanges(from, to, ceiling), JSON.stringify({ from, to, ceiling })).toEqual(
        expected ?? coarse(from, to),
      );
    }
    // Both kinds of answer were tried often.
    expect(Math.min(exact, coarseOnes)).toBeGreaterThan(500);
  });

  it('tells apart lines whose hashes agree', () => {
    // These two lines have the same 32-bit FNV-1a hash (the one lineChanges files lines under) and the same length.
    const [one, other] = ['HbKWrmcM\n', 'paiItwPs\n'];
    expect(lineChanges(`x\n${one}y\n`, `x\n${other}y\n`)).toEqual([
      { kind: 'UNCHANGED', text: 'x\n', lineCount: 1 },
      { kind: 'REMOVED', text: one, lineCount: 1 },
      { kind: 'ADDED', text: other, lineCount: 1 },
      { kind: 'UNCHANGED', text: 'y\n', lineCount: 1 },
    ]);
    expect(lineChanges(`${one}${other}${one}`, `${other}${one}${one}`)).toEqual(
      reference(`${one}${other}${one}`, `${other}${one}${one}`),
    );
  });

  it('answers one UNCHANGED run for identical texts, however long, and nothing for two empty ones', () => {
    const text = lines(30_000).join('');
    expect(lineChanges(text, text)).toEqual([{ kind: 'UNCHANGED', text, lineCount: 30_000 }]);
    expect(lineChanges(text, [...text].join(''))).toEqual([{ kind: 'UNCHANGED', text, lineCount: 30_000 }]);
    expect(lineChanges('', '')).toEqual([]);
  });

  it('answers the exact diff of large texts edited at the start, in the middle or at the end', () => {
    const base = lines(9_000);
    const from = base.join('');
    for (const to of [
      ['changed first line\n', ...base.slice(1)].join(''),
      [...base.slice(0, 4_500), 'inserted\n', ...base.slice(4_501), 'appended\n'].join(''),
      [...base.slice(0, -1), 'changed last line, no break'].join(''),
      base.slice(200).join(''),
      [...base, ...lines(50, 'more')].join(''),
    ]) {
      const changes = lineChanges(from, to);
      expect(changes.length).toBeGreaterThan(1);
      expect(changes).toEqual(reference(from, to));
    }
  });

  it('answers two large divergent drafts with the whole old text REMOVED, then the new one ADDED', () => {
    // 33,000 short lines against 33,000 others with none in common: 66,000 edit steps, minutes of work uncapped.
    const from = lines(33_000, 'a').join('');
    const to = lines(33_000, 'b').join('').slice(0, -1); // the new text's last line has no line break
    expect(lineChanges(from, to)).toEqual([
      { kind: 'REMOVED', text: from, lineCount: 33_000 },
      { kind: 'ADDED', text: to, lineCount: 33_000 },
    ]);
    // The same with their first and last lines in common.
    const [fromFramed, toFramed] = [`head\n${from}tail\n`, `head\n${to}\ntail\n`];
    expect(lineChanges(fromFramed, toFramed)).toEqual([
      { kind: 'REMOVED', text: fromFramed, lineCount: 33_002 },
      { kind: 'ADDED', text: toFramed, lineCount: 33_002 },
    ]);
  });

  it('answers the coarse result for the same lines in another order past the ceiling', () => {
    // Every line is on both sides, so no count tells the diff is long: Myers' diff runs up to the ceiling and gives up.
    const base = lines(33_000);
    const from = base.join('');
    for (const to of [[...base].reverse().join(''), swapped(base, diffCeiling).join('')]) {
      expect(lineChanges(from, to)).toEqual([
        { kind: 'REMOVED', text: from, lineCount: 33_000 },
        { kind: 'ADDED', text: to, lineCount: 33_000 },
      ]);
    }
  });

  it('works out a diff of exactly the ceiling, and answers the coarse result one edit step past it', () => {
    const base = lines(1000);
    const from = base.join('');
    const atCeiling = rewritten(base, diffCeiling / 2);
    const exact = lineChanges(from, atCeiling.join(''));
    expect(
      exact.filter((change) => change.kind !== 'UNCHANGED').reduce((sum, change) => sum + change.lineCount, 0),
    ).toBe(diffCeiling);
    expect(exact.length).toBeGreaterThan(2);
    expect(
      exact
        .filter((change) => change.kind !== 'ADDED')
        .map((change) => change.text)
        .join(''),
    ).toBe(from);
    expect(
      exact
        .filter((change) => change.kind !== 'REMOVED')
        .map((change) => change.text)
        .join(''),
    ).toBe(atCeiling.join(''));

    const pastCeiling = [...atCeiling, 'one more line\n'].join('');
    expect(lineChanges(from, pastCeiling)).toEqual([
      { kind: 'REMOVED', text: from, lineCount: 1000 },
      { kind: 'ADDED', text: pastCeiling, lineCount: 1001 },
    ]);
    const underCeiling = [...rewritten(base, diffCeiling / 2 - 1), 'one more line\n'].join('');
    expect(lineChanges(from, underCeiling).length).toBeGreaterThan(2);
  });

  it('works out a diff of exactly the ceiling of lines moved, and answers the coarse result one edit step past it', () => {
    // Lines swapped are on both sides: the count of lines missing on one side is 0 or 1 here, and Myers' diff finds the edit steps.
    const base = lines(1000);
    const from = base.join('');
    const atCeiling = swapped(base, diffCeiling / 2).join('');
    const exact = lineChanges(from, atCeiling);
    expect(
      exact.filter((change) => change.kind !== 'UNCHANGED').reduce((sum, change) => sum + change.lineCount, 0),
    ).toBe(diffCeiling);
    expect(exact).toEqual(reference(from, atCeiling, diffCeiling));

    const pastCeiling = `${atCeiling}one more line\n`;
    expect(reference(from, pastCeiling, diffCeiling)).toBeUndefined();
    expect(lineChanges(from, pastCeiling)).toEqual([
      { kind: 'REMOVED', text: from, lineCount: 1000 },
      { kind: 'ADDED', text: pastCeiling, lineCount: 1001 },
    ]);
    const underCeiling = `${swapped(base, diffCeiling / 2 - 1).join('')}one more line\n`;
    expect(lineChanges(from, underCeiling)).toEqual(reference(from, underCeiling, diffCeiling));
  });

  it('counts lines in the coarse result as the exact diff does: CRLF, a missing last break, empty lines', () => {
    for (const [from, to] of [
      ['one\r\ntwo\r\n', 'three\r\nfour'],
      ['\n\n\nx', 'y\n\n'],
      ['single', 'other\n'],
      ['same\nfrom\n', 'same\nto'],
    ] as const) {
      const coarseChanges = lineChanges(from, to, 0);
      const exact = lineChanges(from, to, Number.POSITIVE_INFINITY);
      expect(kinds(coarseChanges)).toEqual(['REMOVED', 'ADDED']);
      // The exact diff's lines of each text: its own runs and the unchanged ones.
      const linesOf = (own: string) =>
        exact.filter((change) => change.kind !== own).reduce((sum, change) => sum + change.lineCount, 0);
      expect(coarseChanges.map((change) => change.lineCount)).toEqual([linesOf('ADDED'), linesOf('REMOVED')]);
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
