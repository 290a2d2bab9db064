import type { TextChange } from './terms.types.ts';

/**
 * The most edit steps (lines removed plus lines added) a line diff may take; past it the diff
 * gives up and answers the coarse result. The description of `changesFrom` states the number
 * (schema/terms.ts): change both together. 200 steps let a reviewer see a revision that rewrites
 * up to 100 lines exactly (at 400, 200); past that it sees the old text and the new one whole.
 *
 * What a diff costs, in wall time of `lineChanges` on texts of 100,000 characters (Node 24, the
 * 2-vCPU development machine with other work beside it; median of 31 runs, the range over three
 * rounds, in ms). Whatever the ceiling: identical texts 0.5–1; one line changed at the start
 * 4–4.7 (every line cut and given an id), in the middle 2.5; no line in common 3.4–4.2 (the
 * counts of lines give the coarse result, no diff runs). Where no count tells that the diff is
 * long, Myers' diff runs up to the ceiling, at 400 (and 200): the lines reversed 5.3–7.8 (4.1–5.4),
 * shuffled 7.2–9.7 (6.3–6.9), two halves interleaved 6.1–7.1 (4.7–5.2). The worst found, by a
 * search over texts of a short period (two lines alternating, 66,000 of them, a few hundred
 * inserted, removed or replaced, and a block reversed at the end), makes hundreds of diagonals
 * run along 100–200 equal lines each: 7 million line comparisons at 400, 4 million at 200, which
 * took 13.7–22.6 (9–16). Single runs reached 40 at either ceiling on this machine. The visits
 * grow as the square of the ceiling (80,600 at 400), the comparisons about linearly (some 19,000
 * per step on such texts). Before (`diffLines` of the `diff` package, which makes an object for
 * every path and compares line strings), at 400: no line in common 43, reversed 27, identical
 * texts 11, the periodic texts 63–115. The bound issue 12 sets for the diff, about 10 ms, holds
 * at 200 for every text found, at 400 for all but the periodic ones: hence 200.
 */
export const diffCeiling = 200;

/**
 * The line diff that turns `from` into `to`: the very runs `diffLines` of the `diff` package (v9)
 * answers with `maxEditLength: ceiling`, or past `ceiling` edit steps the coarse result instead:
 * all of `from` REMOVED, then all of `to` ADDED (an empty text gives no part).
 *
 * In order: identical texts answer at once; the lines both texts start with are set aside (the
 * package's diff takes them as they are before any edit); the rest of each text is cut into lines
 * with an id each; if the lines held more times on one side than on the other (less the lines
 * both texts end with) already make more edit steps than the ceiling, the coarse result, with no
 * diff run; otherwise Myers' diff as the package runs it (`myers`). The lines both texts end with
 * stay in the diff: the package may match them elsewhere (`b a` to `c a a` gives b REMOVED, c
 * ADDED, a UNCHANGED, a ADDED; with the last `a` set aside it would give b REMOVED, c a ADDED,
 * a UNCHANGED), so setting them aside would change some answers.
 */
export function lineChanges(from: string, to: string, ceiling: number = diffCeiling): TextChange[] {
  if (from === to) return from ? [{ kind: 'UNCHANGED', text: from, lineCount: lineCount(from) }] : [];
  const { start, lines: leading } = commonLeadingLines(from, to);
  const old = cutLines(from, start);
  const neu = cutLines(to, start);
  const ids = identify(from, old, to, neu);
  const coarse = (): TextChange[] => {
    const changes: TextChange[] = [];
    if (from) changes.push({ kind: 'REMOVED', text: from, lineCount: leading + old.count });
    if (to) changes.push({ kind: 'ADDED', text: to, lineCount: leading + neu.count });
    return changes;
  };
  // A lower bound on the edit steps: the lines both texts end with cost none, and of the others,
  // a line held more times on one side than on the other is removed or added that many times.
  let trailing = 0;
  while (
    trailing < old.count &&
    trailing < neu.count &&
    old.ids[old.count - 1 - trailing]! === neu.ids[neu.count - 1 - trailing]!
  )
    trailing += 1;
  if (unmatched(old.ids, old.count - trailing, neu.ids, neu.count - trailing, ids) > ceiling) return coarse();
  const runs = myers(old.ids, old.count, neu.ids, neu.count, ceiling);
  if (!runs) return coarse();

  const changes: TextChange[] = [];
  if (start > 0) changes.push({ kind: 'UNCHANGED', text: from.slice(0, start), lineCount: leading });
  let oldAt = 0;
  let newAt = 0;
  for (let at = 0; at < runs.length; at += 2) {
    const kind = runs[at]!;
    const count = runs[at + 1]!;
    let text: string;
    if (kind === REMOVED) {
      text = from.slice(old.starts[oldAt]!, old.starts[oldAt + count]!);
      oldAt += count;
    } else {
      text = to.slice(neu.starts[newAt]!, neu.starts[newAt + count]!);
      newAt += count;
      if (kind === UNCHANGED) oldAt += count;
    }
    // The runs alternate in kind, and after the leading lines the diff starts with an edit: nothing to merge.
    changes.push({
      kind: kind === REMOVED ? 'REMOVED' : kind === ADDED ? 'ADDED' : 'UNCHANGED',
      text,
      lineCount: count,
    });
  }
  return changes;
}

/**
 * The lines both texts start with: they end at `start`, just after a line break, at most at the
 * first character where the texts differ, and there are `lines` of them.
 */
function commonLeadingLines(from: string, to: string): { start: number; lines: number } {
  const length = Math.min(from.length, to.length);
  let at = 0;
  let lines = 0;
  while (at < length) {
    const code = from.charCodeAt(at);
    if (code !== to.charCodeAt(at)) break;
    if (code === 10) lines += 1;
    at += 1;
  }
  return { start: at === 0 ? 0 : from.lastIndexOf('\n', at - 1) + 1, lines };
}

/**
 * Lines of a text from an offset on: where each starts (and, at `count`, where the last ends), and
 * an id each, equal for equal lines, with one more place past the last line for the diff's use.
 */
interface Lines {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ids: Int32Array;
}

/**
 * The lines of `text` from `start` on, cut as diffLines cuts them: each ends just after a `\n` (so
 * a `\r\n` stays on its line), and a last line may have no line break. Until `identify` gives them
 * their ids, `ids` holds each line's hash (FNV-1a of its characters).
 */
function cutLines(text: string, start: number): Lines {
  const starts = new Int32Array(text.length - start + 1);
  const ids = new Int32Array(text.length - start + 1);
  let count = 0;
  let at = start;
  while (at < text.length) {
    starts[count] = at;
    let hash = -2128831035; // 0x811c9dc5
    let code = 0;
    do {
      code = text.charCodeAt(at);
      at += 1;
      hash = Math.imul(hash ^ code, 16777619);
    } while (code !== 10 && at < text.length);
    ids[count] = hash;
    count += 1;
  }
  starts[count] = at;
  return { count, starts, ids };
}

/**
 * Gives equal lines of both texts equal ids (0, 1, …) in place of their hashes, through a hash table
 * with open addressing that compares the texts' characters where hashes agree, and builds no string
 * per line (a `Map` from line strings to ids took about 5 times as long). Answers how many ids.
 */
function identify(from: string, old: Lines, to: string, neu: Lines): number {
  const total = old.count + neu.count;
  let size = 16;
  while (size < 2 * total) size *= 2;
  const mask = size - 1;
  /** Each slot's id plus one (0 for a free slot), and the hash it is filed under. */
  const slotIds = new Int32Array(size);
  const slotHashes = new Int32Array(size);
  /** Each id's first line: its index among the old lines, or the complement (~) of its index among the new ones. */
  const firstLines = new Int32Array(total);
  const oldStarts = old.starts;
  const newStarts = neu.starts;
  let ids = 0;
  for (let which = 0; which < 2; which += 1) {
    const text = which === 0 ? from : to;
    const { count, starts, ids: hashes } = which === 0 ? old : neu;
    for (let line = 0; line < count; line += 1) {
      // FNV-1a's low bits are poor for short lines: mix them (MurmurHash3's finaliser) before taking a slot.
      let hash = hashes[line]!;
      hash ^= hash >>> 16;
      hash = Math.imul(hash, -2048144789); // 0x85ebca6b
      hash ^= hash >>> 13;
      hash = Math.imul(hash, -1028477387); // 0xc2b2ae35
      hash ^= hash >>> 16;
      const start = starts[line]!;
      const length = starts[line + 1]! - start;
      let slot = hash & mask;
      let id = -1;
      for (let entry = slotIds[slot]!; entry !== 0; slot = (slot + 1) & mask, entry = slotIds[slot]!) {
        if (slotHashes[slot] !== hash) continue;
        const first = firstLines[entry - 1]!;
        const other = first >= 0 ? from : to;
        const otherStart = first >= 0 ? oldStarts[first]! : newStarts[~first]!;
        if ((first >= 0 ? oldStarts[first + 1]! : newStarts[~first + 1]!) - otherStart !== length) continue;
        let at = 0;
        while (at < length && text.charCodeAt(start + at) === other.charCodeAt(otherStart + at)) at += 1;
        if (at === length) {
          id = entry - 1;
          break;
        }
      }
      if (id === -1) {
        id = ids;
        ids += 1;
        slotIds[slot] = id + 1;
        slotHashes[slot] = hash;
        firstLines[id] = which === 0 ? line : ~line;
      }
      hashes[line] = id;
    }
  }
  return ids;
}

/**
 * How many of the first `oldCount` old lines and `newCount` new ones have no equal on the other
 * side, counting each line as many times as it is held more on its side: each of them is one
 * edit step (removed or added) in any diff.
 */
function unmatched(oldIds: Int32Array, oldCount: number, newIds: Int32Array, newCount: number, ids: number): number {
  const balance = new Int32Array(ids);
  for (let at = 0; at < oldCount; at += 1) balance[oldIds[at]!]! += 1;
  for (let at = 0; at < newCount; at += 1) balance[newIds[at]!]! -= 1;
  let total = 0;
  for (let id = 0; id < ids; id += 1) total += Math.abs(balance[id]!);
  return total;
}

const UNCHANGED = 0;
const ADDED = 1;
const REMOVED = 2;

/**
 * Myers' diff of two sequences of line ids, step for step as the `diff` package (v9) works it out
 * (`Diff.diffWithOptionsObj` with `maxEditLength`, its choices between adding and removing, the
 * paths it drops and the diagonals it stops considering), so it answers the very same edit
 * script; but on typed arrays, where the package builds objects for each path it extends. Answers
 * the runs as pairs (kind, line count), or undefined past `ceiling` edit steps. Writes a sentinel
 * into each sequence's place past its last line.
 */
function myers(
  oldIds: Int32Array,
  oldLen: number,
  newIds: Int32Array,
  newLen: number,
  ceiling: number,
): number[] | undefined {
  const maxEditLength = Math.min(oldLen + newLen, ceiling);
  // Paths as a tree of nodes, one per diagonal visited (at most 1 + L(L+3)/2 for L edit steps):
  // the move that made it (ADDED, REMOVED, or none for the first), the path it extends, the lines in
  // common it then ran through, and where it ended in the old text.
  let capacity = Math.min(1 + (maxEditLength * (maxEditLength + 3)) / 2, 1 << 17);
  let parents = new Int32Array(capacity);
  let moves = new Uint8Array(capacity);
  let commons = new Int32Array(capacity);
  let oldPositions = new Int32Array(capacity);
  let nodes = 0;

  // Past its lines, each sequence holds an id no line has (-1 old, -2 new): a run of common lines
  // stops there, where the package checks both lengths.
  oldIds[oldLen] = -1;
  newIds[newLen] = -2;
  let seedCommon = 0;
  while (oldIds[seedCommon] === newIds[seedCommon]) seedCommon += 1;
  parents[0] = -1;
  moves[0] = UNCHANGED;
  commons[0] = seedCommon;
  oldPositions[0] = seedCommon - 1;
  nodes = 1;
  if (seedCommon >= oldLen && seedCommon >= newLen) return runsOf(0, parents, moves, commons);

  // The best path on each diagonal (old position minus new position), offset to index the array; -1 for none.
  const offset = maxEditLength + 1;
  const bestPath = new Int32Array(2 * offset + 1).fill(-1);
  bestPath[offset] = 0;
  // The package starts these at -Infinity and Infinity; these bound nothing either, and stay small integers.
  let minDiagonalToConsider = -offset;
  let maxDiagonalToConsider = offset;
  for (let editLength = 1; editLength <= maxEditLength; editLength += 1) {
    const last = Math.min(maxDiagonalToConsider, editLength);
    for (let diagonal = Math.max(minDiagonalToConsider, -editLength); diagonal <= last; diagonal += 2) {
      const removePath = bestPath[offset + diagonal - 1]!;
      const addPath = bestPath[offset + diagonal + 1]!;
      if (removePath !== -1) bestPath[offset + diagonal - 1] = -1;
      let canAdd = false;
      if (addPath !== -1) {
        const addPathNewPos = oldPositions[addPath]! - diagonal;
        canAdd = 0 <= addPathNewPos && addPathNewPos < newLen;
      }
      const canRemove = removePath !== -1 && oldPositions[removePath]! + 1 < oldLen;
      if (!canAdd && !canRemove) {
        bestPath[offset + diagonal] = -1;
        continue;
      }
      let parent = addPath;
      let move = ADDED;
      let oldPos = 0;
      if (!canRemove || (canAdd && oldPositions[removePath]! < oldPositions[addPath]!)) {
        oldPos = oldPositions[addPath]!;
      } else {
        parent = removePath;
        move = REMOVED;
        oldPos = oldPositions[removePath]! + 1;
      }
      const from = oldPos;
      let newPos = oldPos - diagonal;
      while (oldIds[oldPos + 1] === newIds[newPos + 1]) {
        oldPos += 1;
        newPos += 1;
      }
      if (nodes === capacity) {
        capacity *= 2;
        parents = grown(parents, new Int32Array(capacity));
        moves = grown(moves, new Uint8Array(capacity));
        commons = grown(commons, new Int32Array(capacity));
        oldPositions = grown(oldPositions, new Int32Array(capacity));
      }
      const path = nodes;
      nodes += 1;
      parents[path] = parent;
      moves[path] = move;
      commons[path] = oldPos - from;
      oldPositions[path] = oldPos;
      if (oldPos + 1 >= oldLen && newPos + 1 >= newLen) return runsOf(path, parents, moves, commons);
      bestPath[offset + diagonal] = path;
      if (oldPos + 1 >= oldLen) maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonal - 1);
      if (newPos + 1 >= newLen) minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonal + 1);
    }
  }
  return undefined;
}

function grown<T extends Int32Array | Uint8Array>(array: T, into: T): T {
  into.set(array);
  return into;
}

/**
 * The moves and common runs from the start to `path`, as pairs (kind, count), adjacent ones of one
 * kind merged: the package merges a move into the run before it if of the same kind.
 */
function runsOf(path: number, parents: Int32Array, moves: Uint8Array, commons: Int32Array): number[] {
  const chain: number[] = [];
  for (let at = path; at !== -1; at = parents[at]!) chain.push(at);
  const runs: number[] = [];
  const add = (kind: number, count: number) => {
    if (count === 0) return;
    if (runs.length > 0 && runs[runs.length - 2] === kind) runs[runs.length - 1]! += count;
    else runs.push(kind, count);
  };
  for (let at = chain.length - 1; at >= 0; at -= 1) {
    const step = chain[at]!;
    if (moves[step] !== UNCHANGED) add(moves[step]!, 1);
    add(UNCHANGED, commons[step]!);
  }
  return runs;
}

/** Lines as diffLines counts them: each ends at a line break (`\n` or `\r\n`), and a last line may have none. */
function lineCount(text: string): number {
  let breaks = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks += 1;
  return text.endsWith('\n') ? breaks : breaks + 1;
}
