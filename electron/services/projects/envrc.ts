import { isModuleVar, type ParsedFile, type ParseProblem, type Setting } from './settings';

/**
 * direnv's `.envrc` (a bash file) and the `.env` files its `dotenv` loads (issue 16).
 *
 * Why not sh-syntax (mvdan/sh on WebAssembly): its JSON AST serialises every command as a bare
 * `{Pos, End}` — no CallExpr arguments, no assignments, no DeclClause — so it tells where statements are
 * but not what they say, and each call starts a fresh Go runtime. What we need is small: the words of
 * each simple command after bash's quote removal, with their lines. So this is a careful lexer of bash
 * words ('…', "…", $'…', \-escapes, line continuations, $(…), ${…}, `…`, comments, here-documents)
 * that never runs anything. It does not follow control flow: an export inside `if` or a function body
 * counts as if it ran. direnv runs the file inside a bash function (its stdlib's source_env), so
 * `declare`/`typeset` without -g and `local` make the name local: nothing set on it afterwards is exported.
 */

export interface EnvrcInclude {
  line: number;
  /** As written, relative to the .envrc's folder; for source_env a folder means its .envrc. */
  file: string;
  kind: 'source_env' | 'dotenv';
}

export interface ParsedEnvrc extends ParsedFile {
  includes: EnvrcInclude[];
}

const MAX_PROBLEMS = 100;

interface Word {
  text: string;
  line: number;
  expands: boolean;
  quoted: boolean;
  /** Length of the leading part of `text` that came from plain unquoted characters. */
  plain: number;
}

/** Words that bash reads as grammar when they start a command; the command proper follows them. */
const RESERVED = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'in', 'case', 'esac',
  'function', '{', '}', '!', 'time', '[[', ']]',
]); // prettier-ignore

const WORD_END = ' \t\n;&|()<>';
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ANSI: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
}; // prettier-ignore

class Unterminated {
  constructor(
    readonly line: number,
    readonly what: string,
  ) {}
}

/** Splits bash source into simple commands (lists of words) and hands each to `onCommand`. */
function lexCommands(
  src: string,
  onCommand: (words: Word[]) => void,
  problem: (p: ParseProblem) => void,
): void {
  const n = src.length;
  let i = 0;
  let line = 1;
  const heredocs: { delim: string; stripTabs: boolean; line: number }[] = [];

  const countLines = (from: number, to: number): void => {
    for (let j = from; j < to; j++) if (src.charCodeAt(j) === 10) line++;
  };

  // Skips a balanced $(…) or ${…} starting at the opener; returns the index after the closer.
  const skipBalanced = (open: string, close: string, start: number, startLine: number): number => {
    let depth = 0;
    let j = start;
    while (j < n) {
      const c = src.charAt(j);
      if (c === '\\') j += 2;
      else if (c === "'" && open === '(') {
        const end = src.indexOf("'", j + 1);
        if (end < 0) break;
        j = end + 1;
      } else if (c === '"') {
        j++;
        while (j < n && src.charAt(j) !== '"') j += src.charAt(j) === '\\' ? 2 : 1;
        j++;
      } else if (c === open) {
        depth++;
        j++;
      } else if (c === close) {
        depth--;
        j++;
        if (depth === 0) return j;
      } else j++;
    }
    throw new Unterminated(startLine, open === '(' ? '$(' : '${');
  };

  // At a '$': returns the raw text of the expansion (or a lone '$') and whether it expands.
  const readDollar = (): { raw: string; expands: boolean } => {
    const start = i;
    const startLine = line;
    const next = src.charAt(i + 1);
    if (next === '(' || next === '{') {
      const end = skipBalanced(next, next === '(' ? ')' : '}', i + 1, startLine);
      countLines(i, end);
      i = end;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      i += 2;
      while (i < n && /[A-Za-z0-9_]/.test(src.charAt(i))) i++;
    } else if (next !== undefined && /[0-9@*#?$!-]/.test(next)) i += 2;
    else {
      i++;
      return { raw: '$', expands: false };
    }
    return { raw: src.slice(start, i), expands: true };
  };

  const readBacktick = (): string => {
    const start = i;
    const startLine = line;
    i++;
    while (i < n && src.charAt(i) !== '`') i += src.charAt(i) === '\\' ? 2 : 1;
    if (i >= n) throw new Unterminated(startLine, '`');
    i++;
    countLines(start, i);
    return src.slice(start, i);
  };

  const readAnsiC = (): string => {
    const startLine = line;
    i += 2;
    let out = '';
    while (i < n && src.charAt(i) !== "'") {
      const c = src.charAt(i);
      if (c !== '\\') {
        if (c === '\n') line++;
        out += c;
        i++;
        continue;
      }
      const e = src.charAt(i + 1) ?? '';
      const hex = (max: number): void => {
        const m = new RegExp(`^[0-9a-fA-F]{1,${max}}`).exec(src.slice(i + 2, i + 2 + max));
        if (m === null) {
          out += '\\' + e;
          i += 2;
          return;
        }
        const cp = parseInt(m[0], 16);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
        i += 2 + m[0].length;
      };
      if (e in ANSI) {
        out += ANSI[e];
        i += 2;
      } else if (e === 'x') hex(2);
      else if (e === 'u') hex(4);
      else if (e === 'U') hex(8);
      else if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4)) as RegExpExecArray;
        out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
        i += 1 + m[0].length;
      } else if (e === 'c' && i + 2 < n) {
        out += String.fromCharCode(src.charCodeAt(i + 2) & 0x1f);
        i += 3;
      } else {
        out += '\\' + e;
        i += 2;
      }
    }
    if (i >= n) throw new Unterminated(startLine, "$'");
    i++;
    return out;
  };

  const readWord = (): Word => {
    const word: Word = { text: '', line, expands: false, quoted: false, plain: 0 };
    let plain = true;
    const add = (s: string, isPlain: boolean): void => {
      word.text += s;
      if (plain && isPlain) word.plain = word.text.length;
      else plain = false;
    };
    while (i < n) {
      const c = src.charAt(i);
      if (WORD_END.includes(c)) break;
      if (c === '\\') {
        if (src.charAt(i + 1) === '\n') {
          i += 2;
          line++;
        } else {
          add(src.charAt(i + 1) ?? '', false);
          i += 2;
        }
      } else if (c === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new Unterminated(line, "'");
        countLines(i, end);
        add(src.slice(i + 1, end), false);
        word.quoted = true;
        i = end + 1;
      } else if (c === '"' || (c === '$' && src.charAt(i + 1) === '"')) {
        const startLine = line;
        i += c === '"' ? 1 : 2;
        word.quoted = true;
        let s = '';
        while (i < n && src.charAt(i) !== '"') {
          const d = src.charAt(i);
          if (d === '\\' && i + 1 < n && '$`"\\\n'.includes(src.charAt(i + 1))) {
            if (src.charAt(i + 1) === '\n') line++;
            else s += src.charAt(i + 1);
            i += 2;
          } else if (d === '$') {
            const r = readDollar();
            s += r.raw;
            word.expands ||= r.expands;
          } else if (d === '`') {
            s += readBacktick();
            word.expands = true;
          } else {
            if (d === '\n') line++;
            s += d;
            i++;
          }
        }
        if (i >= n) throw new Unterminated(startLine, '"');
        i++;
        add(s, false);
      } else if (c === '$' && src.charAt(i + 1) === "'") {
        word.quoted = true;
        add(readAnsiC(), false);
      } else if (c === '$') {
        const r = readDollar();
        word.expands ||= r.expands;
        add(r.raw, !r.expands);
      } else if (c === '`') {
        add(readBacktick(), false);
        word.expands = true;
      } else {
        add(c, true);
        i++;
      }
    }
    return word;
  };

  const skipHeredocBodies = (): void => {
    for (const h of heredocs) {
      let found = false;
      while (i < n) {
        let end = src.indexOf('\n', i);
        if (end < 0) end = n;
        let body = src.slice(i, end);
        if (h.stripTabs) body = body.replace(/^\t+/, '');
        i = Math.min(end + 1, n);
        line++;
        if (body === h.delim) {
          found = true;
          break;
        }
      }
      if (!found) {
        problem({
          line: h.line,
          message: `The here-document opened here never finds its end word "${h.delim}".`,
        });
      }
    }
    heredocs.length = 0;
  };

  let words: Word[] = [];
  const flush = (): void => {
    if (words.length > 0) onCommand(words);
    words = [];
  };

  try {
    while (i < n) {
      const c = src.charAt(i);
      if (c === '\n') {
        i++;
        line++;
        flush();
        if (heredocs.length > 0) skipHeredocBodies();
        continue;
      }
      if (c === ' ' || c === '\t') i++;
      else if (c === '#') {
        const end = src.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c === '\\' && src.charAt(i + 1) === '\n') {
        i += 2;
        line++;
      } else if (';&|()'.includes(c)) {
        i++;
        flush();
      } else if (c === '<' || c === '>') {
        const redirLine = line;
        const op = /^(<<<|<<-|<<|[<>]+[&|]?)/.exec(src.slice(i, i + 3)) as RegExpExecArray;
        i += op[0].length;
        while (i < n && (src.charAt(i) === ' ' || src.charAt(i) === '\t')) i++;
        if (i < n && !WORD_END.includes(src.charAt(i))) {
          const target = readWord();
          if (op[0] === '<<' || op[0] === '<<-') {
            heredocs.push({ delim: target.text, stripTabs: op[0] === '<<-', line: redirLine });
          }
        }
      } else words.push(readWord());
    }
    flush();
  } catch (err) {
    if (!(err instanceof Unterminated)) throw err;
    problem({
      line: err.line,
      message: `The ${err.what} opened here is never closed; bash stops reading the file here and direnv fails.`,
    });
  }
}

interface ShellVar {
  value: string;
  line: number;
  expands: boolean;
}

/**
 * The module settings an .envrc exports to the shell (context 'terminal', how 'export'), in the order
 * bash applies them, and the files it includes (source_env / dotenv) for a scanner to read next.
 */
export function parseEnvrc(text: string, file: string): ParsedEnvrc {
  const settings: Setting[] = [];
  const problems: ParseProblem[] = [];
  const includes: EnvrcInclude[] = [];
  const problem = (p: ParseProblem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  try {
    const vars = new Map<string, ShellVar>();
    const exported = new Set<string>();
    const locals = new Set<string>();
    let allExport = false;

    const emit = (name: string, v: ShellVar): void => {
      if (!isModuleVar(name)) return;
      const s: Setting = {
        file,
        line: v.line,
        key: name,
        value: v.value,
        context: 'terminal',
        how: 'export',
      };
      if (v.expands) s.expands = true;
      settings.push(s);
    };
    const assign = (name: string, append: boolean, v: ShellVar, doExport: boolean): void => {
      if (locals.has(name)) return;
      const prev = vars.get(name);
      const value: ShellVar =
        append && prev ? { ...v, value: prev.value + v.value, expands: prev.expands || v.expands } : v;
      vars.set(name, value);
      if (doExport || allExport) exported.add(name);
      if (exported.has(name)) emit(name, value);
    };
    const assignmentOf = (
      w: Word,
      anyQuoting: boolean,
    ): { name: string; append: boolean; v: ShellVar } | null => {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(w.text);
      if (m === null || (!anyQuoting && m[0].length > w.plain)) return null;
      const value = w.text.slice(m[0].length);
      const tilde = !w.quoted && value.startsWith('~');
      return {
        name: m[1] ?? '',
        append: m[2] === '+',
        v: { value, line: w.line, expands: w.expands || tilde },
      };
    };
    const include = (
      w: Word | undefined,
      kind: EnvrcInclude['kind'],
      fallback: string | null,
      cmd: string,
      line: number,
    ) => {
      if (w === undefined) {
        if (fallback !== null) includes.push({ line, file: fallback, kind });
        else problem({ line, message: `${cmd} needs a file name.` });
      } else if (w.expands) {
        problem({
          line,
          message: `${cmd} names its file through a variable (${w.text}); that file is not read.`,
        });
      } else includes.push({ line, file: w.text, kind });
    };

    lexCommands(
      text,
      (words) => {
        let k = 0;
        const at = (j: number): Word | undefined => words[j];
        for (let w = at(k); w !== undefined && !w.quoted && RESERVED.has(w.text); w = at(k)) k++;
        const prefix: NonNullable<ReturnType<typeof assignmentOf>>[] = [];
        for (let a = k < words.length ? assignmentOf(words[k] as Word, false) : null; a !== null;) {
          prefix.push(a);
          k++;
          a = k < words.length ? assignmentOf(words[k] as Word, false) : null;
        }
        const head = at(k);
        if (head === undefined) {
          for (const a of prefix) assign(a.name, a.append, a.v, false);
          return;
        }
        const cmd = head.text;
        const args = words.slice(k + 1);
        const line = head.line;
        switch (cmd) {
          case 'export':
          case 'declare':
          case 'typeset':
          case 'local': {
            const flags = args
              .filter((w) => w.text.startsWith('-') || w.text.startsWith('+'))
              .map((w) => w.text);
            if (cmd !== 'export' && !flags.some((f) => f.startsWith('-') && f.includes('g'))) {
              if (flags.some((f) => /^-.*[pfF]/.test(f))) break;
              for (const w of args) {
                const name = assignmentOf(w, true)?.name ?? w.text;
                if (NAME.test(name)) locals.add(name);
              }
              break;
            }
            const unexport = flags.some((f) => f.startsWith('-') && f.includes('n') && cmd === 'export');
            const doExport = cmd === 'export' || flags.some((f) => f.startsWith('-') && f.includes('x'));
            for (const w of args) {
              if (w.text.startsWith('-') || w.text.startsWith('+')) continue;
              const a = assignmentOf(w, true);
              if (unexport) {
                const name = a ? a.name : w.text;
                if (exported.delete(name) && isModuleVar(name)) {
                  problem({
                    line: w.line,
                    message: `export -n ${name} stops exporting it: the settings above for it do not apply.`,
                  });
                }
                continue;
              }
              if (a !== null) assign(a.name, a.append, a.v, doExport);
              else if (doExport && NAME.test(w.text) && !exported.has(w.text) && !locals.has(w.text)) {
                exported.add(w.text);
                const v = vars.get(w.text);
                if (v !== undefined) emit(w.text, v);
              }
            }
            break;
          }
          case 'unset':
            for (const w of args) {
              if (w.text.startsWith('-')) continue;
              vars.delete(w.text);
              exported.delete(w.text);
              if (isModuleVar(w.text)) {
                problem({
                  line: w.line,
                  message: `unset ${w.text} removes it again: the settings above for it do not apply.`,
                });
              }
            }
            break;
          case 'set':
            for (let j = 0; j < args.length; j++) {
              const f = (args[j] as Word).text;
              if (/^[-+][a-zA-Z]*a[a-zA-Z]*$/.test(f) && f !== '-o' && f !== '+o')
                allExport = f.startsWith('-');
              if ((f === '-o' || f === '+o') && args[j + 1]?.text === 'allexport') allExport = f === '-o';
            }
            break;
          case 'source_env':
          case 'source_env_if_exists':
          case 'source':
          case '.':
            include(args[0], 'source_env', null, cmd, line);
            break;
          case 'dotenv':
          case 'dotenv_if_exists':
            include(args[0], 'dotenv', '.env', cmd, line);
            break;
          default:
            break;
        }
      },
      problem,
    );
    if (text.includes('\r\n')) {
      problem({ line: 0, message: 'The file has CRLF line ends: bash keeps each \\r as part of the value.' });
    }
  } catch (err) {
    problem({
      line: 0,
      message: `The file could not be read: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  return { settings, problems, includes };
}

/**
 * A `.env` file as direnv's `dotenv` reads it (github.com/direnv/go-dotenv): `[export] KEY=value` or
 * `KEY: value`, '…' taken literally, "…" with \n, \r and \-escapes (\t is a plain t), unquoted values cut at '#' and trimmed;
 * quoted values may span lines. $VAR / ${VAR} outside single quotes are expanded by direnv.
 */
export function parseDotenv(text: string, file: string): ParsedFile {
  const settings: Setting[] = [];
  const problems: ParseProblem[] = [];
  try {
    const src = text.replace(/\r\n?/g, '\n');
    const n = src.length;
    let i = 0;
    let line = 1;
    // A quote that has no closer after one line has none after any later line either: remember that
    // so an unbalanced file stays linear.
    const noClose = { "'": false, '"': false } as Record<string, boolean>;
    const re = /[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)(?:[ \t]*=[ \t]*|:[ \t]+)/y;
    while (i < n) {
      const startLine = line;
      re.lastIndex = i;
      const m = re.exec(src);
      let end = src.indexOf('\n', i);
      if (end < 0) end = n;
      if (m === null) {
        const body = src.slice(i, end).trim();
        if (body !== '' && !body.startsWith('#') && problems.length < MAX_PROBLEMS) {
          problems.push({ line, message: 'This line is not KEY=value; dotenv skips it.' });
        }
        i = end + 1;
        line++;
        continue;
      }
      let j = re.lastIndex;
      let value: string;
      let expands = false;
      const q = src.charAt(j);
      let close = -1;
      if ((q === "'" || q === '"') && !noClose[q]) {
        close = findClose(src, j + 1, q);
        noClose[q] = close < 0;
      }
      if (close >= 0) {
        const raw = src.slice(j + 1, close);
        for (let c = j; c < close; c++) if (src.charCodeAt(c) === 10) line++;
        if (q === '"') {
          value = raw.replace(/\\(.)/gs, (_, c: string) =>
            c === 'n' ? '\n' : c === 'r' ? '\r' : c === '$' ? '\\$' : c,
          );
          expands = /(^|[^\\])\$[A-Za-z_{]/.test(value);
          value = value.replace(/\\\$/g, '$');
        } else value = raw;
        j = close + 1;
        end = src.indexOf('\n', j);
        if (end < 0) end = n;
      } else {
        const rest = src.slice(j, end);
        const hash = rest.indexOf('#');
        value = (hash >= 0 ? rest.slice(0, hash) : rest).trim();
        expands = /\$[A-Za-z_{]/.test(value);
      }
      const key = m[1] ?? '';
      if (isModuleVar(key)) {
        const s: Setting = { file, line: startLine, key, value, context: 'terminal', how: 'dotenv' };
        if (expands) s.expands = true;
        settings.push(s);
      }
      i = end + 1;
      line++;
    }
  } catch (err) {
    problems.push({
      line: 0,
      message: `The file could not be read: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  return { settings, problems };
}

function findClose(src: string, from: number, q: string): number {
  for (let j = from; j < src.length; j++) {
    if (src.charAt(j) === '\\' && q === '"') j++;
    else if (src.charAt(j) === q) return j;
  }
  return -1;
}
