/**
 * nginx's configuration language, read the way nginx reads it (src/core/ngx_conf_file.c,
 * ngx_conf_read_token): words separated by blanks, `;` ends a directive, `{ ... }` a block, `#` starts
 * a comment only where a word could start, quotes only at the start of a word, `${name}` does not open
 * a block, and a backslash escapes `"`, `'`, `\` and spells `\t`, `\r`, `\n` (other pairs stay as
 * written). Pure: text in, directive tree or the first error out, with nginx's own wording.
 */

export interface NginxDirective {
  name: string;
  args: string[];
  file: string;
  /** Line of the directive's first word (1-based). */
  line: number;
  /** The block's directives, or null for a directive ended by `;`. */
  block: NginxDirective[] | null;
}

export type NginxParseResult =
  { ok: true; directives: NginxDirective[] } | { ok: false; line: number; message: string };

const BLANK = new Set([' ', '\t', '\r', '\n']);
// nginx itself has no limit, but whoever walks the tree recurses (gatherNginx): a 1 MB file of `a{`
// would nest 500k blocks and overflow the stack. Real configurations nest a handful deep.
const MAX_DEPTH = 1000;

export function parseNginxConfig(text: string, file: string): NginxParseResult {
  // The directive lists being filled: the file's, then each open block's.
  const stack: NginxDirective[][] = [[]];
  let words: string[] = [];
  let firstLine = 0;
  let line = 1;
  // Tokenizer state, named as in ngx_conf_read_token.
  let start = 0;
  let startLine = 1;
  let lastSpace = true;
  let needSpace = false;
  let sharpComment = false;
  let variable = false;
  let quoted = false;
  let sQuoted = false;
  let dQuoted = false;

  const fail = (message: string, at = line): NginxParseResult => ({ ok: false, line: at, message });
  const top = (): NginxDirective[] => stack[stack.length - 1]!;
  const push = (block: NginxDirective[] | null): NginxDirective => {
    const directive: NginxDirective = { name: words[0]!, args: words.slice(1), file, line: firstLine, block };
    top().push(directive);
    words = [];
    return directive;
  };
  const addWord = (raw: string): void => {
    if (words.length === 0) firstLine = startLine;
    words.push(unescape(raw));
  };
  // `;` ends the directive whose words are complete, `{` opens its block.
  const endOf = (ch: ';' | '{'): void => {
    if (ch === ';') push(null);
    else stack.push(push([]).block!);
  };

  for (let pos = 0; pos < text.length; pos++) {
    if (stack.length > MAX_DEPTH + 1) return fail(`blocks nested more than ${MAX_DEPTH} deep`);
    const ch = text[pos]!;
    if (ch === '\n') {
      line++;
      if (sharpComment) sharpComment = false;
    }
    if (sharpComment) continue;
    if (quoted) {
      quoted = false;
      continue;
    }
    if (needSpace) {
      if (BLANK.has(ch)) {
        lastSpace = true;
        needSpace = false;
        continue;
      }
      if (ch === ';' || ch === '{') {
        endOf(ch);
        lastSpace = true;
        needSpace = false;
        continue;
      }
      // `if ($a = "b")`: a closing parenthesis may follow a quoted word; it starts a word of its own.
      if (ch !== ')') return fail(`unexpected "${ch}"`);
      lastSpace = true;
      needSpace = false;
    }
    if (lastSpace) {
      start = pos;
      startLine = line;
      if (BLANK.has(ch)) continue;
      switch (ch) {
        case ';':
        case '{':
          if (words.length === 0) return fail(`unexpected "${ch}"`);
          endOf(ch);
          continue;
        case '}':
          if (words.length !== 0) return fail('unexpected "}"');
          if (stack.length === 1) return fail('unexpected "}"');
          stack.pop();
          continue;
        case '#':
          sharpComment = true;
          continue;
        case '\\':
          quoted = true;
          lastSpace = false;
          continue;
        case '"':
          start = pos + 1;
          dQuoted = true;
          lastSpace = false;
          continue;
        case "'":
          start = pos + 1;
          sQuoted = true;
          lastSpace = false;
          continue;
        case '$':
          variable = true;
          lastSpace = false;
          continue;
        default:
          lastSpace = false;
          continue;
      }
    }
    if (ch === '{' && variable) continue;
    variable = false;
    if (ch === '\\') {
      quoted = true;
      continue;
    }
    if (ch === '$') {
      variable = true;
      continue;
    }
    let found = false;
    if (dQuoted) {
      if (ch === '"') {
        dQuoted = false;
        needSpace = true;
        found = true;
      }
    } else if (sQuoted) {
      if (ch === "'") {
        sQuoted = false;
        needSpace = true;
        found = true;
      }
    } else if (BLANK.has(ch) || ch === ';' || ch === '{') {
      lastSpace = true;
      found = true;
    }
    if (found) {
      addWord(text.slice(start, pos));
      if (ch === ';' || ch === '{') endOf(ch);
    }
  }

  if (words.length > 0 || !lastSpace || needSpace) {
    return fail('unexpected end of file, expecting ";" or "}"');
  }
  if (stack.length > 1) return fail('unexpected end of file, expecting "}"');
  return { ok: true, directives: stack[0]! };
}

function unescape(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1]!;
      if (next === '"' || next === "'" || next === '\\') {
        out += next;
        i++;
        continue;
      }
      const control = next === 't' ? '\t' : next === 'r' ? '\r' : next === 'n' ? '\n' : null;
      if (control !== null) {
        out += control;
        i++;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

const TIME_UNITS: readonly [string, number][] = [
  ['w', 7 * 24 * 3600],
  ['d', 24 * 3600],
  ['h', 3600],
  ['ms', 0.001],
  ['m', 60],
  ['s', 1],
];
const UNIT_ORDER = ['w', 'd', 'h', 'm', 's', 'ms'];

/**
 * A time such as `60`, `75s`, `1m30s`, `"1h 30m"` or `500ms`, in seconds, as ngx_parse_time reads the
 * millisecond directives (proxy_*_timeout): units from largest to smallest, each at most once, a bare
 * number meaning seconds. Null when nginx would reject it.
 */
export function parseNginxTime(value: string): number | null {
  let total = 0;
  let rest = value;
  let lastUnit = -1;
  let valid = false;
  while (rest.length > 0) {
    const match = /^(\d+)(ms|[wdhms])? */.exec(rest);
    if (!match || match[0] === '') return null;
    valid = true;
    const amount = Number(match[1]);
    const unit = match[2] ?? null;
    rest = rest.slice(match[0].length);
    if (unit === null) {
      // A number without a unit is only allowed last.
      if (rest.length > 0) return null;
      total += amount;
      break;
    }
    const order = UNIT_ORDER.indexOf(unit);
    if (order <= lastUnit) return null;
    lastUnit = order;
    total += amount * TIME_UNITS.find(([u]) => u === unit)![1];
  }
  return valid ? total : null;
}
