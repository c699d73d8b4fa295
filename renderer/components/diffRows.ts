/** A unified diff read into the rows of the before → after view (DiffView.tsx). */

export type Kind = 'hunk' | 'add' | 'del' | 'ctx';
/** One row of the view: a line across both columns, or what a replaced line was and became. */
export type Row = { kind: Kind; line: string } | { kind: 'change'; del: string | null; add: string | null };

function kindOf(line: string): Kind {
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+') && !line.startsWith('+++')) return 'add';
  if (line.startsWith('-') && !line.startsWith('---')) return 'del';
  return 'ctx';
}

/**
 * A run of removed lines and the added lines after it, side by side: the first removed beside the
 * first added. A run with only one side stays a run of whole lines.
 */
export function diffRows(text: string): Row[] {
  const rows: Row[] = [];
  let dels: string[] = [];
  let adds: string[] = [];
  const flush = () => {
    // Lines only added (or only removed) have nothing to stand beside: they keep the whole width.
    if (dels.length === 0 || adds.length === 0) {
      for (const line of dels) rows.push({ kind: 'del', line });
      for (const line of adds) rows.push({ kind: 'add', line });
    } else {
      for (let i = 0; i < Math.max(dels.length, adds.length); i++) {
        rows.push({ kind: 'change', del: dels[i] ?? null, add: adds[i] ?? null });
      }
    }
    dels = [];
    adds = [];
  };
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const kind = kindOf(line);
    if (kind === 'del') {
      if (adds.length > 0) flush();
      dels.push(line);
    } else if (kind === 'add') {
      adds.push(line);
    } else {
      flush();
      rows.push({ kind, line });
    }
  }
  flush();
  return rows;
}
