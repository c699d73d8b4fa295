/**
 * A unified diff of two texts (null: no file), for --dry-run previews: "--- a/NAME" / "+++ b/NAME"
 * headers and hunks with three lines of context, as `diff -u` prints them. The files here are
 * shell start-up files and small configs, so a plain longest-common-subsequence table is enough.
 */
const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

export function unifiedDiff(name: string, before: string | null, after: string | null): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const header = [
    `--- ${before === null ? '/dev/null' : `a/${name}`}`,
    `+++ ${after === null ? '/dev/null' : `b/${name}`}`,
  ];
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === ' ') i++;
    if (i >= ops.length) break;
    let start = Math.max(0, i - CONTEXT);
    let end = i;
    // Extend while the next change is within 2*CONTEXT unchanged lines.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * CONTEXT) {
        end = next;
        continue;
      }
      end = Math.min(ops.length, end + CONTEXT);
      break;
    }
    const slice = ops.slice(start, end);
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    const aStart = aCount === 0 ? slice[0]!.a : slice.find((o) => o.kind !== '+')!.a + 1;
    const bStart = bCount === 0 ? slice[0]!.b : slice.find((o) => o.kind !== '-')!.b + 1;
    const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
    hunks.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`);
    for (const op of slice) hunks.push(`${op.kind}${op.line}`);
    i = end;
    start = end;
  }
  const noNewline = (text: string | null) => text !== null && text !== '' && !text.endsWith('\n');
  const lines = [...header, ...hunks];
  if (noNewline(before) || noNewline(after)) lines.push('\\ No newline at end of file');
  return `${lines.join('\n')}\n`;
}

function splitLines(text: string | null): string[] {
  if (text === null || text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]!, a: i, b: j });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ kind: '-', line: a[i]!, a: i, b: j });
      i++;
    } else {
      ops.push({ kind: '+', line: b[j]!, a: i, b: j });
      j++;
    }
  }
  return ops;
}
