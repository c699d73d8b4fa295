/**
 * Go's view of text, for the ports in this folder. A Go string is a sequence of bytes, and Go's
 * parsers index, escape and compare bytes, so the ports work on "byte strings": JS strings whose
 * code units are all 0..255, one per UTF-8 byte. `toBytes`/`fromBytes` convert at the API boundary.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBytes(s: string): string {
  // ASCII is its own UTF-8: the common case, and the hot one (patterns matched against many paths).
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (const b of encoder.encode(s)) out += String.fromCharCode(b);
  return out;
}

export function fromBytes(b: string): string {
  const bytes = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);
  return decoder.decode(bytes);
}

export const RUNE_ERROR = 0xfffd;

/** utf8.DecodeRuneInString: the rune at byte i and its width; (RuneError, 1) for an invalid encoding. */
export function decodeRune(b: string, i: number): [rune: number, width: number] {
  const b0 = b.charCodeAt(i);
  if (b0 < 0x80) return [b0, 1];
  const cont = (j: number, lo = 0x80, hi = 0xbf) => {
    const c = b.charCodeAt(i + j);
    return c >= lo && c <= hi ? c & 0x3f : -1;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const c1 = cont(1);
    if (c1 >= 0) return [((b0 & 0x1f) << 6) | c1, 2];
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    // E0 excludes overlong forms, ED excludes the surrogates.
    const c1 = cont(1, b0 === 0xe0 ? 0xa0 : 0x80, b0 === 0xed ? 0x9f : 0xbf);
    const c2 = c1 >= 0 ? cont(2) : -1;
    if (c2 >= 0) return [((b0 & 0x0f) << 12) | (c1 << 6) | c2, 3];
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    const c1 = cont(1, b0 === 0xf0 ? 0x90 : 0x80, b0 === 0xf4 ? 0x8f : 0xbf);
    const c2 = c1 >= 0 ? cont(2) : -1;
    const c3 = c2 >= 0 ? cont(3) : -1;
    if (c3 >= 0) return [((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4];
  }
  return [RUNE_ERROR, 1];
}

/** The runes of a byte string, as Go's `for _, r := range s` yields them. */
export function* runes(b: string): Generator<[rune: number, index: number, width: number]> {
  for (let i = 0; i < b.length;) {
    const [r, w] = decodeRune(b, i);
    yield [r, i, w];
    i += w;
  }
}

export function validUtf8(b: string): boolean {
  for (const [r, , w] of runes(b)) if (r === RUNE_ERROR && w === 1) return false;
  return true;
}

/** unicode.IsSpace. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return (
    r === 0x1680 ||
    (r >= 0x2000 && r <= 0x200a) ||
    r === 0x2028 ||
    r === 0x2029 ||
    r === 0x202f ||
    r === 0x205f ||
    r === 0x3000
  );
}

/** unicode.IsLetter. */
export function isLetter(r: number): boolean {
  return /\p{L}/u.test(String.fromCodePoint(r));
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(r));
}

/** strings.TrimSpace (Unicode white space at both ends). */
export function trimSpace(b: string): string {
  let start = 0;
  let end = b.length;
  while (start < end) {
    const [r, w] = decodeRune(b, start);
    if (!isSpace(r)) break;
    start += w;
  }
  while (end > start) {
    const [r, w] = lastRune(b.slice(start, end));
    if (!isSpace(r)) break;
    end -= w;
  }
  return b.slice(start, end);
}

function lastRune(b: string): [number, number] {
  // A rune is at most 4 bytes; the last one starts at the last byte that is not a continuation byte.
  for (let w = 1; w <= Math.min(4, b.length); w++) {
    const c = b.charCodeAt(b.length - w);
    if ((c & 0xc0) !== 0x80) {
      const [r, width] = decodeRune(b, b.length - w);
      return width === w ? [r, w] : [RUNE_ERROR, 1];
    }
  }
  return [RUNE_ERROR, 1];
}

/** strings.Fields: the runs of non-space runes. */
export function fields(b: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (const [r, i] of runes(b)) {
    if (isSpace(r)) {
      if (start >= 0) out.push(b.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) out.push(b.slice(start));
  return out;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

function escapedRune(r: number, quote: number): string {
  if (r === quote || r === 0x5c) return '\\' + String.fromCharCode(r);
  if (isPrint(r)) return toBytes(String.fromCodePoint(r));
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex(r, 2);
  if (r < 0x10000) return '\\u' + hex(r, 4);
  return '\\U' + hex(r, 8);
}

/** strconv.Quote (what %q prints for a string), on a byte string; the result is a byte string. */
export function quote(b: string): string {
  let out = '"';
  for (const [r, i, w] of runes(b)) {
    out += r === RUNE_ERROR && w === 1 ? '\\x' + hex(b.charCodeAt(i), 2) : escapedRune(r, 0x22);
  }
  return out + '"';
}

/** strconv.QuoteRune (what %q prints for a rune); the result is a byte string. */
export function quoteRune(r: number): string {
  return "'" + escapedRune(r, 0x27) + "'";
}
