/**
 * Masks the password of every `//user:password@` in a text, in one pass over it. A regular expression
 * here backtracked over user data (a 5 MB host name took minutes); this walks each character a bounded
 * number of times, whatever the text holds.
 */
export interface MaskOptions {
  /** Characters that end a URL's authority (besides '/' and '@'): white space, list separators, quotes. */
  stops: string;
  /** Only after `scheme:` (a letter, then letters, digits, '+', '-', '.'). */
  scheme?: boolean;
  /** Only the first URL (a single value). */
  first?: boolean;
}

const isSchemeChar = (c: string): boolean => /[A-Za-z0-9+.-]/.test(c);

export function maskPasswords(text: string, options: MaskOptions): string {
  const stop = (c: string): boolean => c === '/' || c === '@' || options.stops.includes(c);
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const slashes = text.indexOf('//', from);
    if (slashes < 0) break;
    if (options.scheme && !hasScheme(text, slashes)) {
      from = slashes + 2;
      continue;
    }
    let end = slashes + 2;
    while (end < text.length && !stop(text[end]!)) end++;
    if (text[end] === '@') {
      const colon = text.indexOf(':', slashes + 2);
      if (colon >= 0 && colon < end) {
        out += `${text.slice(copied, colon + 1)}xxxxx`;
        copied = end;
      }
      if (options.first) break;
      from = end + 1;
    } else from = end;
  }
  return out + text.slice(copied);
}

/** `scheme:` just before `//`, the scheme starting with a letter. */
function hasScheme(text: string, slashes: number): boolean {
  if (text[slashes - 1] !== ':') return false;
  let start = slashes - 1;
  while (start > 0 && isSchemeChar(text[start - 1]!)) start--;
  return start < slashes - 1 && /[A-Za-z]/.test(text[start]!);
}
