import { structuredPatch } from 'diff';

/**
 * A unified diff of two texts (null: no file), for --dry-run previews, as `diff -u --label a/NAME
 * --label b/NAME` prints it: three lines of context, "\ No newline at end of file" after the line it
 * is about. jsdiff (Myers' O(ND) algorithm) keeps this linear in memory for the large start-up files
 * some users have, where a longest-common-subsequence table took gigabytes.
 */
const CONTEXT = 3;

/**
 * Myers costs lines × edits: past this many edits (a 20,000-line file rewritten throughout took 17 s)
 * the preview is one hunk that replaces everything between the common start and end instead, still a
 * diff `patch` applies, just not the shortest one.
 */
const MAX_EDITS = 2000;

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

export function unifiedDiff(name: string, before: string | null, after: string | null): string {
  if (before === after) return '';
  const hunks = structuredPatch(`a/${name}`, `b/${name}`, before ?? '', after ?? '', '', '', {
    context: CONTEXT,
    maxEditLength: MAX_EDITS,
  })?.hunks ?? [replaceMiddle(before ?? '', after ?? '')];
  if (hunks.length === 0) return '';
  // diff -u names an empty range by the line before it ("-0,0" for a file that did not exist).
  const range = (start: number, count: number) =>
    count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`;
  const lines = [
    `--- ${before === null ? '/dev/null' : `a/${name}`}`,
    `+++ ${after === null ? '/dev/null' : `b/${name}`}`,
  ];
  for (const hunk of hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    // Not push(...): a hunk of a large file has more lines than a call may have arguments.
    for (const line of hunk.lines) lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/** A text's lines with their newlines: the last one has none when the file does not end in one. */
function linesOf(text: string): string[] {
  const lines: string[] = [];
  let from = 0;
  while (from < text.length) {
    const newline = text.indexOf('\n', from);
    const to = newline < 0 ? text.length : newline + 1;
    lines.push(text.slice(from, to));
    from = to;
  }
  return lines;
}

/** One hunk: the common first and last lines kept (three of each as context), all between replaced. */
function replaceMiddle(before: string, after: string): Hunk {
  const a = linesOf(before);
  const b = linesOf(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const start = Math.max(0, prefix - CONTEXT);
  const tail = Math.min(suffix, CONTEXT);
  const lines: string[] = [];
  const add = (mark: string, line: string) => {
    lines.push(mark + (line.endsWith('\n') ? line.slice(0, -1) : line));
    if (!line.endsWith('\n')) lines.push('\\ No newline at end of file');
  };
  for (let i = start; i < prefix; i++) add(' ', a[i]!);
  for (let i = prefix; i < a.length - suffix; i++) add('-', a[i]!);
  for (let i = prefix; i < b.length - suffix; i++) add('+', b[i]!);
  for (let i = a.length - suffix; i < a.length - suffix + tail; i++) add(' ', a[i]!);
  const context = prefix - start + tail;
  return {
    oldStart: start + 1,
    oldLines: a.length - prefix - suffix + context,
    newStart: start + 1,
    newLines: b.length - prefix - suffix + context,
    lines,
  };
}
