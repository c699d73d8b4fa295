import stringWidth from 'string-width';

/**
 * Plain-text tables for human output. Columns are padded by the width a terminal gives each cell
 * (string-width: East Asian wide characters, emoji sequences and skin tones take two columns, combining
 * marks and zero-width joiners none, half-width katakana one).
 */
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

export function displayWidth(text: string): number {
  return stringWidth(text);
}
