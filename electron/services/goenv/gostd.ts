/**
 * The pieces of Go's library that `go env -w` uses to judge a path, ported so that our answers are go's
 * own: path/filepath IsAbs and Base (for the GOOS go runs on), and cmd/internal/quoted.Split (CC, CXX).
 * strconv.Quote, for the %q in its messages, is shared/go/gostrings.ts's.
 */

export type PathStyle = 'posix' | 'windows';

const isSlash = (style: PathStyle, c: string | undefined): boolean =>
  c === '/' || (style === 'windows' && c === '\\');

const RESERVED_WINDOWS_NAMES = new Set([
  'CON',
  'PRN',
  'AUX',
  'NUL',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`COM${n}`, `LPT${n}`]),
]);

/** filepath.volumeNameLen (Windows): "C:" or a UNC "\\host\share" prefix. */
function volumeNameLength(path: string): number {
  if (path.length < 2) return 0;
  const c = path[0]!;
  if (path[1] === ':' && /^[A-Za-z]$/.test(c)) return 2;
  const l = path.length;
  if (l >= 5 && isSlash('windows', path[0]) && isSlash('windows', path[1])) {
    if (isSlash('windows', path[2]) || path[2] === '.') return 0;
    for (let n = 3; n < l - 1; n++) {
      if (!isSlash('windows', path[n])) continue;
      n++;
      if (isSlash('windows', path[n]) || path[n] === '.') return 0;
      for (; n < l; n++) if (isSlash('windows', path[n])) break;
      return n;
    }
  }
  return 0;
}

/** filepath.IsAbs for the GOOS go runs on. */
export function goIsAbs(style: PathStyle, path: string): boolean {
  if (style === 'posix') return path.startsWith('/');
  if (path !== '' && RESERVED_WINDOWS_NAMES.has(path.toUpperCase())) return true;
  const l = volumeNameLength(path);
  if (l === 0) return false;
  if (isSlash(style, path[0]) && isSlash(style, path[1])) return true;
  return isSlash(style, path[l]);
}

/** filepath.Base for the GOOS go runs on. */
export function goBase(style: PathStyle, path: string): string {
  if (path === '') return '.';
  while (path.length > 0 && isSlash(style, path[path.length - 1])) path = path.slice(0, -1);
  if (style === 'windows') path = path.slice(volumeNameLength(path));
  let i = path.length - 1;
  while (i >= 0 && !isSlash(style, path[i])) i--;
  if (i >= 0) path = path.slice(i + 1);
  if (path === '') return style === 'windows' ? '\\' : '/';
  return path;
}

const isSpaceByte = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** cmd/internal/quoted.Split: fields separated by spaces, '' or "" around a field, no unescaping. */
export function goQuotedSplit(s: string): { ok: true; fields: string[] } | { ok: false; error: string } {
  const fields: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isSpaceByte(s[i])) i++;
    if (i >= s.length) break;
    const c = s[i]!;
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return { ok: false, error: `unterminated ${c} string` };
      fields.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < s.length && !isSpaceByte(s[i])) i++;
    fields.push(s.slice(start, i));
  }
  return { ok: true, fields };
}
