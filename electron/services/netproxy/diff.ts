import { structuredPatch } from 'diff';

/**
 * A unified diff of two texts (null: no file), for --dry-run previews, as `diff -u --label a/NAME
 * --label b/NAME` prints it: three lines of context, "\ No newline at end of file" after the line it
 * is about. jsdiff (Myers' O(ND) algorithm) keeps this linear in memory for the large start-up files
 * some users have, where a longest-common-subsequence table took gigabytes.
 */
const CONTEXT = 3;

export function unifiedDiff(name: string, before: string | null, after: string | null): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${name}`, `b/${name}`, before ?? '', after ?? '', '', '', {
    context: CONTEXT,
  });
  if (patch.hunks.length === 0) return '';
  // diff -u names an empty range by the line before it ("-0,0" for a file that did not exist).
  const range = (start: number, count: number) =>
    count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`;
  const lines = [
    `--- ${before === null ? '/dev/null' : `a/${name}`}`,
    `+++ ${after === null ? '/dev/null' : `b/${name}`}`,
  ];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    // Not push(...): a hunk of a large file has more lines than a call may have arguments.
    for (const line of hunk.lines) lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
