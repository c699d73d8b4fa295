/**
 * Text from the user's files or the network as it may be shown: control characters and the invisible
 * characters that reorder or hide text become escapes (`\x1b`, `\u202e`), so that a go.mod line with
 * ESC cannot repaint a terminal and a path with RIGHT-TO-LEFT OVERRIDE cannot read backwards in the UI.
 *
 * Escaped: C0 controls but tab (and newline when `keepNewlines`) as `\xNN`; DEL, C1 controls, the bidi
 * marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9), the zero-width
 * characters (U+200B–D, U+2060–4, U+FEFF) and, without `keepNewlines`, U+2028/U+2029 as `\uNNNN`.
 * Printable text, CJK and surrogate pairs (emoji) pass unchanged: every escaped character is a single
 * UTF-16 unit outside the surrogate range, so scanning unit by unit never splits a pair.
 *
 * Backslashes are not escaped, so the result is not reversible: the six characters `\x1b` in the input
 * look the same as an escaped ESC. Escaping them would double every backslash of a Windows path; what
 * matters here is that nothing invisible is left, and the output contains no character this escapes
 * (so escaping twice changes nothing).
 */
export function visible(text: string, options: { keepNewlines?: boolean } = {}): string {
  const keepNewlines = options.keepNewlines === true;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!escaped(code, keepNewlines)) continue;
    out += text.slice(from, i) + escape(code);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function escaped(code: number, keepNewlines: boolean): boolean {
  if (code < 0x20) return code !== 0x09 && !(keepNewlines && code === 0x0a);
  if (code < 0x7f) return false;
  if (code <= 0x9f) return true;
  if (code < 0x061c) return false;
  return (
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff ||
    (!keepNewlines && (code === 0x2028 || code === 0x2029))
  );
}

function escape(code: number): string {
  return code < 0x20
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}
