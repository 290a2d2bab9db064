import { diffLines } from 'diff';
import type { TextChange } from './terms.types.ts';

/**
 * The most edit steps (lines removed plus lines added) a line diff may take; past it the diff
 * gives up and answers the coarse result. Myers' diff costs about D² steps for D edits, and a
 * 100,000-character text can hold 100,000 lines (empty ones) or 50,000 that are not, so two
 * drafts with nothing in common held the function for minutes: uncapped, 5,000 distinct lines
 * against 5,000 others took 6.4 s of CPU, 10,000 against 10,000 took 22.6 s, and 33,333 against
 * 33,333 was stopped after 60 s.
 *
 * Measured with a scratch script (Node 24, the 2-vCPU development machine, other work running
 * beside it): CPU time of `lineChanges` at this ceiling on texts of 100,000 characters, median of
 * 9 runs (worst run in brackets), in ms: 40,000 distinct lines against 33,333 others 39 (54); a
 * text against itself reversed 64 (76); every third line changed 59 (68); every tenth 46 (74); a
 * text interleaved with another 45 (48); repeated and alternating lines, which make long snakes
 * on many diagonals, 31–47 (at worst 106); 100,000 empty lines against sprinkled ones 65 (81).
 * 13–42 ms of each is splitting the texts into lines (the same inputs at a ceiling of 0), which
 * no ceiling removes. At 500 the worst runs reached 87–109 ms, at 700 166 ms. 400 edit steps is
 * still 200 lines rewritten, more than a revision of the Terms of Reference usually changes.
 */
export const diffCeiling = 400;

/**
 * The line diff that turns `from` into `to`; past `ceiling` edit steps, the coarse result
 * instead: all of `from` REMOVED, then all of `to` ADDED (an empty text gives no part).
 */
export function lineChanges(from: string, to: string, ceiling: number = diffCeiling): TextChange[] {
  const parts = diffLines(from, to, { maxEditLength: ceiling });
  if (!parts) return coarseChanges(from, to);
  return parts.map((part) => ({
    kind: part.added ? 'ADDED' : part.removed ? 'REMOVED' : 'UNCHANGED',
    text: part.value,
    lineCount: part.count,
  }));
}

function coarseChanges(from: string, to: string): TextChange[] {
  const changes: TextChange[] = [];
  if (from) changes.push({ kind: 'REMOVED', text: from, lineCount: lineCount(from) });
  if (to) changes.push({ kind: 'ADDED', text: to, lineCount: lineCount(to) });
  return changes;
}

/** Lines as diffLines counts them: each ends at a line break (`\n` or `\r\n`), and a last line may have none. */
function lineCount(text: string): number {
  let breaks = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks += 1;
  return text.endsWith('\n') ? breaks : breaks + 1;
}
