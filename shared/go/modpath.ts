import { fromBytes, isLetter, quote, quoteRune, runes, toBytes, validUtf8 } from './gostrings';
import type { GoResult } from './result';

/**
 * Module paths and versions as golang.org/x/mod/module checks and escapes them for the proxy protocol
 * (`github.com/BurntSushi/toml` is fetched as `github.com/!burnt!sushi/toml`). Messages are x/mod's.
 */

type Kind = 'module' | 'import' | 'file';

const isDigit = (r: number) => r >= 0x30 && r <= 0x39;
const isLower = (r: number) => r >= 0x61 && r <= 0x7a;
const isUpper = (r: number) => r >= 0x41 && r <= 0x5a;

function modPathOK(r: number): boolean {
  return r === 0x2d || r === 0x2e || r === 0x5f || r === 0x7e || isDigit(r) || isUpper(r) || isLower(r);
}

function fileNameOK(r: number): boolean {
  if (r >= 0x80) return isLetter(r);
  return isDigit(r) || isUpper(r) || isLower(r) || '!#$%&()+,-.=@[]^_{}~ '.includes(String.fromCharCode(r));
}

function charOK(r: number, kind: Kind): boolean {
  if (kind === 'module') return modPathOK(r);
  if (kind === 'import') return modPathOK(r) || r === 0x2b;
  return fileNameOK(r);
}

const BAD_WINDOWS_NAMES = [
  'CON',
  'PRN',
  'AUX',
  'NUL',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`COM${n}`, `LPT${n}`]),
];

/** checkElem, on a byte string; returns the error message or null. */
function checkElem(elem: string, kind: Kind): string | null {
  if (elem === '') return 'empty path element';
  if (/^\.*$/.test(elem)) return `invalid path element ${quote(elem)}`;
  if (elem[0] === '.' && kind === 'module') return 'leading dot in path element';
  if (elem.endsWith('.')) return 'trailing dot in path element';
  for (const [r] of runes(elem)) {
    if (!charOK(r, kind)) return `invalid char ${quoteRune(r)}`;
  }
  const dot = elem.indexOf('.');
  const short = dot >= 0 ? elem.slice(0, dot) : elem;
  // Windows reserves these names whatever the case and extension.
  if (BAD_WINDOWS_NAMES.includes(short.toUpperCase()) && /^[A-Za-z0-9]*$/.test(short)) {
    return `${quote(short)} disallowed as path element component on Windows`;
  }
  if (kind === 'file') return null;
  // Windows short names (PROGRA~1) end in a tilde and digits.
  const tilde = short.lastIndexOf('~');
  if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) {
    return 'trailing tilde and digits in path element';
  }
  return null;
}

/** checkPath, on a byte string. */
function checkAnyPath(path: string, kind: Kind): string | null {
  if (!validUtf8(path)) return 'invalid UTF-8';
  if (path === '') return 'empty string';
  if (path[0] === '-' && kind !== 'file') return 'leading dash';
  if (path.includes('//')) return 'double slash';
  if (path.endsWith('/')) return 'trailing slash';
  for (const elem of path.split('/')) {
    const err = checkElem(elem, kind);
    if (err !== null) return err;
  }
  return null;
}

/** module.SplitPathVersion's verdict: whether a final /vN (or gopkg.in's .vN) element is well formed. */
function pathMajorOK(path: string): boolean {
  const digitAt = (i: number) => isDigit(path.charCodeAt(i));
  if (path.startsWith('gopkg.in/')) {
    let i = path.endsWith('-unstable') ? path.length - '-unstable'.length : path.length;
    while (i > 0 && digitAt(i - 1)) i--;
    if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') return false;
    const pathMajor = path.slice(i - 2);
    return !(pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0'));
  }
  let i = path.length;
  while (i > 0 && (digitAt(i - 1) || path[i - 1] === '.')) i--;
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') return true;
  const pathMajor = path.slice(i - 2);
  return !(pathMajor.includes('.') || pathMajor[2] === '0' || pathMajor === '/v1');
}

function checkModulePath(path: string): string | null {
  const err = checkAnyPath(path, 'module') ?? checkFirstElement(path);
  return err === null ? null : `malformed module path ${quote(path)}: ${err}`;
}

function checkFirstElement(path: string): string | null {
  const slash = path.indexOf('/');
  const first = slash < 0 ? path : path.slice(0, slash);
  if (slash === 0) return 'leading slash';
  if (!first.includes('.')) return 'missing dot in first path element';
  if (path[0] === '-') return 'leading dash in first path element';
  for (const [r] of runes(first)) {
    const lowerDomainChar = r === 0x2d || r === 0x2e || isDigit(r) || isLower(r);
    if (!lowerDomainChar) return `invalid char ${quoteRune(r)} in first path element`;
  }
  if (!pathMajorOK(path)) return 'invalid version';
  return null;
}

/** module.CheckPath: go's error message, or null for a valid module path. */
export function checkPath(path: string): string | null {
  const err = checkModulePath(toBytes(path));
  return err === null ? null : fromBytes(err);
}

/** module.CheckImportPath: go's error message, or null for a valid package import path. */
export function checkImportPath(path: string): string | null {
  const b = toBytes(path);
  const err = checkAnyPath(b, 'import');
  return err === null ? null : fromBytes(`malformed import path ${quote(b)}: ${err}`);
}

/** Upper-case letters become '!' + lower case, so paths survive case-insensitive file systems. */
function escapeString(s: string): GoResult<string> {
  if (/[!\x80-\xff]/.test(s)) return { ok: false, error: 'internal error: inconsistency in EscapePath' };
  return { ok: true, value: s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase()) };
}

function unescapeString(escaped: string): string | null {
  if (!/^(?:[^!A-Z\x80-\xff]|![a-z])*$/.test(escaped)) return null;
  return escaped.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

function textResult(r: GoResult<string>): GoResult<string> {
  return r.ok ? { ok: true, value: fromBytes(r.value) } : { ok: false, error: fromBytes(r.error) };
}

/** module.EscapePath: the path as it appears in proxy URLs. */
export function escapePath(path: string): GoResult<string> {
  const b = toBytes(path);
  const err = checkModulePath(b);
  return textResult(err === null ? escapeString(b) : { ok: false, error: err });
}

/** module.EscapeVersion: versions need not be semver, but must be valid file names without '!'. */
export function escapeVersion(version: string): GoResult<string> {
  const b = toBytes(version);
  if (checkElem(b, 'file') !== null || b.includes('!')) {
    return textResult({ ok: false, error: `version ${quote(b)} invalid: disallowed version string` });
  }
  return textResult(escapeString(b));
}

/** module.UnescapePath. */
export function unescapePath(escaped: string): GoResult<string> {
  const b = toBytes(escaped);
  const path = unescapeString(b);
  if (path === null) return textResult({ ok: false, error: `invalid escaped module path ${quote(b)}` });
  const err = checkModulePath(path);
  return textResult(
    err === null
      ? { ok: true, value: path }
      : { ok: false, error: `invalid escaped module path ${quote(b)}: ${err}` },
  );
}

/** module.UnescapeVersion (its second message quotes the unescaped version, as x/mod does). */
export function unescapeVersion(escaped: string): GoResult<string> {
  const b = toBytes(escaped);
  const v = unescapeString(b);
  if (v === null) return textResult({ ok: false, error: `invalid escaped version ${quote(b)}` });
  const err = checkElem(v, 'file');
  if (err !== null) return textResult({ ok: false, error: `invalid escaped version ${quote(v)}: ${err}` });
  return textResult({ ok: true, value: v });
}

/**
 * A `go get`/`go mod download` argument split at its first '@', as cmd/go does: 'rsc.io/quote@v1.5.2'
 * → { path: 'rsc.io/quote', version: 'v1.5.2' }. Without '@', version is absent; with a trailing '@',
 * it is ''. (Not x/mod's SplitPathVersion, which splits off a /vN major-version suffix.)
 */
export function splitPathVersion(arg: string): { path: string; version?: string } {
  const at = arg.indexOf('@');
  return at < 0 ? { path: arg } : { path: arg.slice(0, at), version: arg.slice(at + 1) };
}
