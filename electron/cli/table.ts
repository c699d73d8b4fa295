/** Plain-text tables for human output. Columns are padded by terminal width: CJK characters take two. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => rows.reduce((w, r) => Math.max(w, displayWidth(r[col] ?? '')), 0));
  return rows
    .map((r) =>
      r
        .map((cell, col) =>
          col === r.length - 1 ? cell : cell + ' '.repeat(widths[col]! - displayWidth(cell)),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}
