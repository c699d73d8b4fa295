import { fromBytes, isPrint, isSpace, quote, quoteRune, toBytes } from '../../../shared/go/gostrings';
import { semverBuild, semverCanonical, semverMajor } from '../../../shared/go/semver';

/**
 * go.mod and go.work read as golang.org/x/mod/modfile reads them, in the copy vendored in go 1.27's
 * sources (the statements go 1.21+ writes: toolchain, godebug, tool, ignore, go 1.21.0 / 1.21rc1):
 * its lexer (read.go: blanks are only space, tab and CR; any other Unicode space, a BOM or a control
 * character outside a string or comment is `unexpected input character`), its grammar (lines and
 * `verb (` … `)` blocks) and the checks of rule.go for the statements (modfile.Parse, strict, no
 * version fixer; modfile.ParseWork). One pass over the text, each character read once. The doctor
 * reads the user's own module as go does its main module, strictly: ParseLax's leniencies for
 * dependencies (unknown statements ignored, `go 1.21-beta` cut to 1.21 by laxGoVersionRE) do not apply.
 *
 * Unlike modfile, which returns nothing when a file has an error, the valid statements are kept, also
 * after a line with a syntax error: the doctor still wants the module paths of a go.mod go rejects. Errors are go's own messages,
 * except that control characters coming from the file are escaped (\x1b), so they never reach a
 * terminal or a log raw.
 */

export interface ModPos {
  line: number;
  /** 1-based, in runes (code points), as modfile counts LineRune. */
  col: number;
}

export interface ModLine {
  /** The tokens as written: a quoted string keeps its quotes (rule.go unquotes them). */
  tokens: string[];
  start: ModPos;
  /** The `//` comment ending the line (without the newline), or null. */
  comment: string | null;
}

type Stmt =
  { kind: 'line'; line: ModLine } | { kind: 'block'; tokens: string[]; start: ModPos; lines: ModLine[] };

type TokenKind =
  'eof' | 'eolcomment' | 'comment' | 'ident' | 'string' | '\n' | '(' | ')' | '[' | ']' | '{' | '}' | ',';

interface Token {
  kind: TokenKind;
  text: string;
  pos: ModPos;
  /** The end of a line cut short by a syntax error (see parseSyntax). */
  broken?: true;
}

/** A lexer or grammar error: modfile stops at the first one. */
class ModSyntaxError {
  constructor(
    readonly pos: ModPos,
    readonly message: string,
  ) {}
}

const isEol = (k: TokenKind) => k === 'eof' || k === 'eolcomment' || k === '\n';

/** read.go's isIdent for ASCII: printable, except space and `( ) [ ] { } ,`. */
const ASCII_IDENT = Array.from(
  { length: 0x80 },
  (_, c) => c > 0x20 && c < 0x7f && !'()[]{},'.includes(String.fromCharCode(c)),
);

/** read.go's isIdent: most printable runes, except space and `( ) [ ] { } ,`. */
function isIdent(r: number): boolean {
  return r < 0x80 ? ASCII_IDENT[r]! : !isSpace(r) && isPrint(r);
}

const SLASH = 0x2f;
const STAR = 0x2a;

class Lexer {
  private i = 0;
  private line = 1;
  private col = 1;
  /** Index just after the last newline read: whether a comment is alone on its line. */
  private lineStart = 0;

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {}

  /** After an error: the rest of the line is skipped and stands for its end. */
  skipLine(): Token {
    const pos = this.pos;
    while (!this.eof() && this.readRune() !== 0x0a);
    return { kind: '\n', text: '\n', pos, broken: true };
  }

  private get pos(): ModPos {
    return { line: this.line, col: this.col };
  }

  private eof(): boolean {
    return this.i >= this.text.length;
  }

  /** The rune at i; a lone surrogate counts as U+FFFD, as Go decodes invalid UTF-8. */
  private peekRune(): number {
    const c = this.text.codePointAt(this.i);
    if (c === undefined) return 0;
    return c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
  }

  private readRune(): number {
    const r = this.peekRune();
    this.i += r > 0xffff ? 2 : 1;
    if (r === 0x0a) {
      this.line++;
      this.col = 1;
      this.lineStart = this.i;
    } else {
      this.col++;
    }
    return r;
  }

  /** Whether anything but blanks precedes i on its line (a token: anything else is an error). */
  private anythingBefore(): boolean {
    for (let j = this.lineStart; j < this.i; j++) {
      const c = this.text.charCodeAt(j);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return true;
    }
    return false;
  }

  private fail(message: string, pos: ModPos = this.pos): never {
    throw new ModSyntaxError(pos, message);
  }

  next(): Token {
    while (!this.eof()) {
      const c = this.text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.readRune();
        continue;
      }
      if (this.text.startsWith('//', this.i)) {
        const pos = this.pos;
        // read.go: a comment after anything but blanks on its line is a suffix (end-of-line) comment.
        const suffix = this.anythingBefore();
        const from = this.i;
        const nl = this.text.indexOf('\n', this.i);
        const to = nl < 0 ? this.text.length : nl + 1;
        while (this.i < to) this.readRune();
        let text = this.text.slice(from, to);
        text = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
        return { kind: suffix ? 'eolcomment' : 'comment', text, pos };
      }
      if (this.text.startsWith('/*', this.i))
        this.fail('mod files must use // comments (not /* */ comments)');
      break;
    }
    const pos = this.pos;
    if (this.eof()) return { kind: 'eof', text: '', pos };
    const from = this.i;
    const c = this.peekRune();
    const ch = String.fromCharCode(c);
    if (c < 0x80 && '\n()[]{},'.includes(ch)) {
      this.readRune();
      return { kind: ch as TokenKind, text: ch, pos };
    }
    if (c === 0x22 || c === 0x60) {
      this.readRune();
      for (;;) {
        if (this.eof()) this.fail('unexpected EOF in string', pos);
        if (this.peekRune() === 0x0a) this.fail('unexpected newline in string');
        const r = this.readRune();
        if (r === c) break;
        if (r === 0x5c && c !== 0x60) {
          if (this.eof()) this.fail('unexpected EOF in string', pos);
          this.readRune();
        }
      }
      return { kind: 'string', text: this.text.slice(from, this.i), pos };
    }
    if (!isIdent(c)) this.fail(`unexpected input character ${fromBytes(quoteRune(c))}`);
    while (!this.eof() && isIdent(this.peekRune())) {
      if (this.text.charCodeAt(this.i) === SLASH) {
        const after = this.text.charCodeAt(this.i + 1);
        if (after === SLASH) break;
        if (after === STAR) this.fail('mod files must use // comments (not /* */ comments)');
      }
      this.readRune();
    }
    return { kind: 'ident', text: this.text.slice(from, this.i), pos };
  }
}

/**
 * read.go's parser. modfile stops at the first syntax error; this parser records it and goes on
 * with the next line (a statement broken by the error is dropped), so that the doctor still sees
 * the rest of the file. Only the first error is go's; the later ones are not reported.
 */
function parseSyntax(file: string, text: string): { stmts: Stmt[]; error: ModSyntaxError | null } {
  const lexer = new Lexer(file, text);
  const stmts: Stmt[] = [];
  let error: ModSyntaxError | null = null;
  const read = (): Token => {
    try {
      return lexer.next();
    } catch (e) {
      if (!(e instanceof ModSyntaxError)) throw e;
      error ??= e;
      return lexer.skipLine();
    }
  };
  // The parser looks one token ahead, as modfile's does: its errors point past the token peeked.
  let peek = read();
  const lex = (): Token => {
    const tok = peek;
    peek = read();
    return tok;
  };
  const endOf = (tok: Token): ModPos => {
    const lines = tok.text.split('\n');
    const last = lines[lines.length - 1]!;
    return lines.length > 1
      ? { line: tok.pos.line + lines.length - 1, col: 1 + runeCount(last) }
      : { line: tok.pos.line, col: tok.pos.col + runeCount(last) };
  };
  /** Reads tokens to the end of the line: the comment ending it, or null if a lexer error broke it. */
  const restOfLine = (tokens: string[]): { comment: string | null } | null => {
    for (;;) {
      const tok = lex();
      if (tok.broken) return null;
      if (isEol(tok.kind)) return { comment: tok.kind === 'eolcomment' ? tok.text : null };
      tokens.push(tok.text);
    }
  };
  const parseLineBlock = (tokens: string[], start: ModPos) => {
    const lines: ModLine[] = [];
    for (;;) {
      switch (peek.kind) {
        case 'eolcomment':
        case 'comment':
        case '\n':
          lex();
          break;
        case 'eof':
          error ??= new ModSyntaxError(
            peek.pos,
            `syntax error (unterminated block started at ${lexer.file}:${start.line}:${start.col})`,
          );
          stmts.push({ kind: 'block', tokens, start, lines });
          return;
        case ')':
          lex();
          if (!isEol(peek.kind)) {
            error ??= new ModSyntaxError(endOf(peek), 'syntax error (expected newline after closing paren)');
            restOfLine([]);
          } else {
            lex();
          }
          stmts.push({ kind: 'block', tokens, start, lines });
          return;
        default: {
          const first = lex();
          const lineTokens = [first.text];
          const end = restOfLine(lineTokens);
          if (end !== null) lines.push({ tokens: lineTokens, start: first.pos, comment: end.comment });
        }
      }
    }
  };
  const parseStmt = () => {
    const first = lex();
    if (first.broken) return;
    const tokens = [first.text];
    for (;;) {
      const tok = lex();
      if (tok.broken) return;
      if (isEol(tok.kind)) {
        const comment = tok.kind === 'eolcomment' ? tok.text : null;
        stmts.push({ kind: 'line', line: { tokens, start: first.pos, comment } });
        return;
      }
      if (tok.kind === '(') {
        if (isEol(peek.kind) && !peek.broken) return parseLineBlock(tokens, first.pos);
        if (peek.kind === ')') {
          const rparen = lex();
          if (isEol(peek.kind) && !peek.broken) {
            lex();
            stmts.push({ kind: 'block', tokens, start: first.pos, lines: [] });
            return;
          }
          tokens.push(tok.text, rparen.text);
        } else {
          tokens.push(tok.text);
        }
        continue;
      }
      tokens.push(tok.text);
    }
  };

  while (peek.kind !== 'eof') {
    if ((peek.kind === '\n' && !peek.broken) || peek.kind === 'comment') lex();
    else parseStmt();
  }
  return { stmts, error };
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      n++;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** Control characters from the file (not tab) escaped as Go's %q escapes them. */
export function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, (c) =>
    fromBytes(quoteRune(c.charCodeAt(0))).slice(1, -1),
  );
}

const goQuote = (s: string) => fromBytes(quote(toBytes(s)));

/** Error.Error(): `file:line[:col]: ` (the column only past the first), then the message. */
function at(file: string, pos: ModPos): string {
  return pos.col > 1 ? `${file}:${pos.line}:${pos.col}: ` : `${file}:${pos.line}: `;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 0x5c,
  '"': 0x22,
};

const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** strconv.Unquote of a double-quoted Go string; null when it is not valid Go (strconv.ErrSyntax). */
function unquote(quoted: string): string | null {
  if (quoted.length < 2 || !quoted.endsWith('"') || quoted.includes('\n')) return null;
  const body = quoted.slice(1, -1);
  // Built as bytes: \x and octal escapes are bytes, not runes.
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"') return null;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      if (cp > 0xffff) i++;
      out += toBytes(String.fromCodePoint(cp));
      continue;
    }
    const e = body[++i];
    if (e === undefined) return null;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += String.fromCharCode(simple);
      continue;
    }
    const hex = HEX_ESCAPES[e];
    const digits = hex !== undefined ? body.slice(i + 1, i + 1 + hex) : body.slice(i, i + 3);
    const valid = hex !== undefined ? /^[0-9A-Fa-f]+$/ : /^[0-7]{3}$/;
    if (digits.length !== (hex ?? 3) || !valid.test(digits)) return null;
    const code = parseInt(digits, hex !== undefined ? 16 : 8);
    i += hex ?? 2;
    if (e === 'x' || hex === undefined) {
      if (code > 0xff) return null;
      out += String.fromCharCode(code);
    } else {
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
      out += toBytes(String.fromCodePoint(code));
    }
  }
  return fromBytes(out);
}

class RuleError extends Error {}

/** rule.go's parseString: a "…" string unquoted; other quotes are not allowed in a bare word. */
function parseString(token: string): string {
  if (token.startsWith('"')) {
    const s = unquote(token);
    if (s === null) throw new RuleError('invalid syntax');
    return s;
  }
  if (/["'`]/.test(token)) throw new RuleError('unquoted string cannot contain quote');
  return token;
}

/** module.SplitPathVersion's major-version suffix (`/v2`, `.v1` for gopkg.in); null when invalid. */
function modulePathMajor(path: string): string | null {
  if (path.startsWith('gopkg.in/')) {
    let i = path.endsWith('-unstable') ? path.length - '-unstable'.length : path.length;
    while (i > 0 && path[i - 1]! >= '0' && path[i - 1]! <= '9') i--;
    if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') return null;
    const major = path.slice(i - 2);
    if (major.length <= 2 || (major[2] === '0' && major !== '.v0')) return null;
    return major;
  }
  let i = path.length;
  let dot = false;
  while (i > 0 && ((path[i - 1]! >= '0' && path[i - 1]! <= '9') || path[i - 1] === '.')) {
    if (path[i - 1] === '.') dot = true;
    i--;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') return '';
  const major = path.slice(i - 2);
  if (dot || major.length <= 2 || major[2] === '0' || major === '/v1') return null;
  return major;
}

/** module.CheckPathMajor's complaint, or null. */
function checkPathMajor(v: string, pathMajor: string): string | null {
  if (pathMajor.startsWith('.v') && pathMajor.endsWith('-unstable'))
    pathMajor = pathMajor.slice(0, -'-unstable'.length);
  if (v.startsWith('v0.0.0-') && pathMajor === '.v1') return null;
  const m = semverMajor(v);
  if (pathMajor === '') {
    if (m === 'v0' || m === 'v1' || semverBuild(v) === '+incompatible') return null;
    pathMajor = 'v0 or v1';
  } else if (pathMajor[0] === '/' || pathMajor[0] === '.') {
    if (m === pathMajor.slice(1)) return null;
    pathMajor = pathMajor.slice(1);
  }
  return `version ${goQuote(v)} invalid: should be ${pathMajor}, not ${m}`;
}

/** The `verb path: ` prefix of rule.go's errors about a module. */
const directive = (verb: string, path: string) =>
  escapeControls(path !== '' ? `${verb} ${path}: ` : `${verb}: `);

/** rule.go's parseVersion without a fixer: the canonical version (v1.2 → v1.2.0). */
function parseVersion(verb: string, path: string, token: string, fix: boolean): string {
  let t: string;
  try {
    t = parseString(token);
  } catch (error) {
    throw new RuleError(
      `${directive(verb, path)}version ${goQuote(token)} invalid: ${(error as Error).message}`,
    );
  }
  if (!fix) return t;
  const cv = semverCanonical(t);
  if (cv === '')
    throw new RuleError(`${directive(verb, path)}version ${goQuote(t)} invalid: must be of the form v1.2.3`);
  return semverBuild(t) === '+incompatible' ? `${cv}+incompatible` : cv;
}

function quoted(token: string): string {
  try {
    return parseString(token);
  } catch (error) {
    throw new RuleError(`invalid quoted string: ${(error as Error).message}`);
  }
}

/** modfile.IsDirectoryPath: a replacement without version must be one of these (Unix or Windows). */
export function isDirectoryPath(ns: string): boolean {
  return /^(\.{1,2}$|\.{1,2}[/\\]|[/\\]|[A-Za-z]:)/.test(ns);
}

export interface ModReplace {
  from: { path: string; version?: string };
  to: { path: string; version?: string };
}

function parseReplace(verb: string, args: string[]): ModReplace {
  const arrow = args.length >= 2 && args[1] === '=>' ? 1 : 2;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow] !== '=>') {
    throw new RuleError(
      `usage: ${verb} module/path [v1.2.3] => other/module v1.4\n\t or ${verb} module/path [v1.2.3] => ../local/directory`,
    );
  }
  const s = quoted(args[0]!);
  const pathMajor = modulePathMajor(s);
  if (pathMajor === null) throw new RuleError(`${directive(verb, s)}invalid module path`);
  let v: string | undefined;
  if (arrow === 2) {
    v = parseVersion(verb, s, args[1]!, true);
    const bad = checkPathMajor(v, pathMajor);
    if (bad !== null) throw new RuleError(`${directive(verb, s)}${bad}`);
  }
  const ns = quoted(args[arrow + 1]!);
  let nv: string | undefined;
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(ns)) {
      if (ns.includes('@'))
        throw new RuleError("replacement module must match format 'path version', not 'path@version'");
      throw new RuleError(
        'replacement module without version must be directory path (rooted or starting with . or ..)',
      );
    }
    // go builds for the machine it runs on; the doctor reads a project as go on that machine would.
    if (process.platform !== 'win32' && ns.includes('\\'))
      throw new RuleError('replacement directory appears to be Windows path (on a non-windows system)');
  } else {
    nv = parseVersion(verb, ns, args[arrow + 2]!, true);
    if (isDirectoryPath(ns))
      throw new RuleError(`replacement module directory path ${goQuote(ns)} cannot have version`);
  }
  return {
    from: { path: s, ...(v !== undefined ? { version: v } : {}) },
    to: { path: ns, ...(nv !== undefined ? { version: nv } : {}) },
  };
}

/** rule.go's parseVersionInterval for retract (versions are not fixed: dontFixRetract). */
function parseRetract(args: string[]): void {
  let toks = args;
  if (toks.length === 0 || toks[0] === '(') throw new RuleError("expected '[' or version");
  if (toks[0] !== '[') {
    parseVersion('retract', '', toks[0]!, false);
    toks = toks.slice(1);
  } else {
    toks = toks.slice(1);
    if (toks.length === 0) throw new RuleError("expected version after '['");
    parseVersion('retract', '', toks[0]!, false);
    toks = toks.slice(1);
    if (toks.length === 0 || toks[0] !== ',') throw new RuleError("expected ',' after version");
    toks = toks.slice(1);
    if (toks.length === 0) throw new RuleError("expected version after ','");
    parseVersion('retract', '', toks[0]!, false);
    toks = toks.slice(1);
    if (toks.length === 0 || toks[0] !== ']') throw new RuleError("expected ']' after version");
    toks = toks.slice(1);
  }
  if (toks.length > 0) throw new RuleError(`unexpected token after version: ${goQuote(toks[0]!)}`);
}

/** modfile's isIndirect: the comment is exactly `// indirect` or starts `// indirect;` (Unicode blanks). */
function isIndirect(comment: string | null): boolean {
  if (comment === null) return false;
  const f = goFields(comment.slice(2));
  return (f.length === 1 && f[0] === 'indirect') || (f.length > 1 && f[0] === 'indirect;');
}

/** strings.Fields: runs of non-space runes. */
function goFields(s: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of s) {
    if (isSpace(ch.codePointAt(0)!)) {
      if (word !== '') out.push(word);
      word = '';
    } else word += ch;
  }
  if (word !== '') out.push(word);
  return out;
}

/** rule.go's GoVersionRE: 1.21, 1.21.0, 1.21rc1, 1.21.0rc1. */
const GO_VERSION = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;

/**
 * rule.go's ToolchainRE: looser than go/version.IsValid on purpose, so that toolchains named in a
 * future syntax still read (go1.21.0, go1.22rc1, go1.21.0-custom, default).
 */
const TOOLCHAIN = /^default$|^go1($|\.)/;

export interface ModStatement<T> {
  value: T;
  line: number;
}

export interface ModfileResult {
  module: ModStatement<string> | null;
  requires: Array<ModStatement<{ path: string; version: string; indirect: boolean }>>;
  replaces: Array<ModStatement<ModReplace>>;
  uses: Array<ModStatement<string>>;
  /** go's errors, in its order: the first syntax error alone, or every statement's error. */
  problems: string[];
}

/** modfile.Parse (kind 'mod') or modfile.ParseWork (kind 'work') of text, named file in messages. */
export function readModfile(file: string, text: string, kind: 'mod' | 'work'): ModfileResult {
  const result: ModfileResult = { module: null, requires: [], replaces: [], uses: [], problems: [] };
  const { stmts, error } = parseSyntax(file, text);
  // After a syntax error go reports that error alone; the other statements are still read.
  const problems: string[] = error === null ? result.problems : [];
  if (error !== null) result.problems.push(at(file, error.pos) + error.message);
  let sawModule = false;
  let sawGo = false;
  let sawToolchain = false;

  const add = (line: ModLine, verb: string, args: string[]) => {
    const where = line.start.line;
    switch (verb) {
      case 'go':
        if (sawGo) throw new RuleError('repeated go statement');
        if (args.length !== 1) throw new RuleError('go directive expects exactly one argument');
        if (!GO_VERSION.test(args[0]!))
          throw new RuleError(`invalid go version '${escapeControls(args[0]!)}': must match format 1.23.0`);
        sawGo = true;
        return;
      case 'toolchain':
        if (sawToolchain) throw new RuleError('repeated toolchain statement');
        if (args.length !== 1) throw new RuleError('toolchain directive expects exactly one argument');
        if (!TOOLCHAIN.test(args[0]!))
          throw new RuleError(
            `invalid toolchain version '${escapeControls(args[0]!)}': must match format go1.23.0 or default`,
          );
        sawToolchain = true;
        return;
      case 'godebug':
        // The token as written: a quoted key=value is not one.
        if (args.length !== 1 || /["`',]/.test(args[0]!) || !args[0]!.includes('='))
          throw new RuleError('usage: godebug key=value');
        return;
      case 'tool':
      case 'ignore':
        if (kind !== 'mod') break;
        if (args.length !== 1) throw new RuleError(`${verb} directive expects exactly one argument`);
        quoted(args[0]!);
        return;
      case 'module':
        if (kind !== 'mod') break;
        if (sawModule) throw new RuleError('repeated module statement');
        sawModule = true;
        if (args.length !== 1) throw new RuleError('usage: module module/path');
        result.module = { value: quoted(args[0]!), line: where };
        return;
      case 'require':
      case 'exclude': {
        if (kind !== 'mod') break;
        if (args.length !== 2) throw new RuleError(`usage: ${verb} module/path v1.2.3`);
        const s = quoted(args[0]!);
        const v = parseVersion(verb, s, args[1]!, true);
        const pathMajor = modulePathMajor(s);
        if (pathMajor === null) throw new RuleError('invalid module path');
        const bad = checkPathMajor(v, pathMajor);
        if (bad !== null) throw new RuleError(`${directive(verb, s)}${bad}`);
        if (verb === 'require')
          result.requires.push({
            value: { path: s, version: v, indirect: isIndirect(line.comment) },
            line: where,
          });
        return;
      }
      case 'replace':
        result.replaces.push({ value: parseReplace(verb, args), line: where });
        return;
      case 'retract':
        if (kind !== 'mod') break;
        parseRetract(args);
        return;
      case 'use':
        if (kind !== 'work') break;
        if (args.length !== 1) throw new RuleError(`usage: ${verb} local/dir`);
        result.uses.push({ value: quoted(args[0]!), line: where });
        return;
    }
    throw new RuleError(`unknown directive: ${escapeControls(verb)}`);
  };
  const apply = (line: ModLine, verb: string, args: string[]) => {
    try {
      add(line, verb, args);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      problems.push(at(file, line.start) + e.message);
    }
  };

  const blocks =
    kind === 'mod'
      ? ['module', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']
      : ['godebug', 'use', 'replace'];
  for (const stmt of stmts) {
    if (stmt.kind === 'line') {
      apply(stmt.line, stmt.line.tokens[0]!, stmt.line.tokens.slice(1));
    } else if (stmt.tokens.length > 1 || !blocks.includes(stmt.tokens[0]!)) {
      problems.push(`${at(file, stmt.start)}unknown block type: ${escapeControls(stmt.tokens.join(' '))}`);
    } else {
      for (const line of stmt.lines) apply(line, stmt.tokens[0]!, line.tokens);
    }
  }
  return result;
}
