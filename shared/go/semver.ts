/**
 * Semantic versions exactly as golang.org/x/mod/semver reads them, which is how go reads module
 * versions: `vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]` with the leading "v", no leading zeros, and
 * the shorthands `v1` and `v1.2` for v1.0.0 and v1.2.0 — but never a shorthand with a suffix, so
 * `v1.2-pre` and `v1.2+meta` are invalid. Checked against x/mod by tests/integration/go-semver.test.ts.
 *
 * Only ASCII can appear in a valid version, so JS strings are read as they are: a non-ASCII code unit
 * makes a version invalid here exactly as a non-ASCII UTF-8 byte does in Go. Parsing is a single scan,
 * not a regular expression, so a hostile @v/list line costs linear time.
 */

interface Parsed {
  major: string;
  minor: string;
  patch: string;
  /** What Canonical appends to a shorthand: '.0.0' after v1, '.0' after v1.2. */
  short: string;
  /** With its leading '-', or ''. */
  prerelease: string;
  /** With its leading '+', or ''. */
  build: string;
}

const DOT = 0x2e;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function isIdentChar(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d;
}

/** parseInt: the digits at i, refused if there are none or if there is an extra leading zero. */
function decimalAt(v: string, i: number): string | undefined {
  let j = i;
  while (j < v.length && isDigit(v.charCodeAt(j))) j++;
  if (j === i || (v[i] === '0' && j - i > 1)) return undefined;
  return v.slice(i, j);
}

/** isBadNum: an all-digit identifier with a leading zero, which a prerelease may not hold. */
const isBadNum = (ident: string) => /^0[0-9]+$/.test(ident);

/**
 * parsePrerelease and parseBuild: from the '-' or '+' at i, non-empty dot-separated identifiers of
 * [0-9A-Za-z-]. A prerelease ends at '+' and its numeric identifiers have no leading zeros; a build
 * runs to the end. Returns where the suffix ends, or -1.
 */
function suffixEnd(v: string, i: number, kind: 'prerelease' | 'build'): number {
  const identOK = (ident: string) => ident !== '' && !(kind === 'prerelease' && isBadNum(ident));
  let start = i + 1;
  let j = start;
  for (; j < v.length && !(kind === 'prerelease' && v[j] === '+'); j++) {
    const c = v.charCodeAt(j);
    if (c === DOT) {
      if (!identOK(v.slice(start, j))) return -1;
      start = j + 1;
    } else if (!isIdentChar(c)) {
      return -1;
    }
  }
  return identOK(v.slice(start, j)) ? j : -1;
}

function parse(v: string): Parsed | undefined {
  if (v[0] !== 'v') return undefined;
  const major = decimalAt(v, 1);
  if (major === undefined) return undefined;
  let i = 1 + major.length;
  if (i === v.length) return { major, minor: '0', patch: '0', short: '.0.0', prerelease: '', build: '' };
  if (v[i] !== '.') return undefined;
  const minor = decimalAt(v, i + 1);
  if (minor === undefined) return undefined;
  i += 1 + minor.length;
  if (i === v.length) return { major, minor, patch: '0', short: '.0', prerelease: '', build: '' };
  if (v[i] !== '.') return undefined;
  const patch = decimalAt(v, i + 1);
  if (patch === undefined) return undefined;
  i += 1 + patch.length;
  let prerelease = '';
  if (v[i] === '-') {
    const end = suffixEnd(v, i, 'prerelease');
    if (end < 0) return undefined;
    prerelease = v.slice(i, end);
    i = end;
  }
  let build = '';
  if (v[i] === '+') {
    const end = suffixEnd(v, i, 'build');
    if (end < 0) return undefined;
    build = v.slice(i, end);
    i = end;
  }
  return i === v.length ? { major, minor, patch, short: '', prerelease, build } : undefined;
}

/** semver.IsValid: whether v is a valid semantic version string. */
export function semverIsValid(v: string): boolean {
  return parse(v) !== undefined;
}

/**
 * semver.Canonical: v with any missing .MINOR or .PATCH filled in and its build metadata dropped
 * ('v1.2' → 'v1.2.0', 'v1.2.3+meta' → 'v1.2.3'); '' for an invalid version. Two versions compare
 * equal exactly when their canonical forms are the same string.
 */
export function semverCanonical(v: string): string {
  const p = parse(v);
  if (p === undefined) return '';
  return p.build !== '' ? v.slice(0, v.length - p.build.length) : v + p.short;
}

/** semver.Major: the major version prefix ('v2.1.0' → 'v2'); '' for an invalid version. */
export function semverMajor(v: string): string {
  const p = parse(v);
  return p === undefined ? '' : v.slice(0, 1 + p.major.length);
}

/** semver.MajorMinor: the major.minor prefix ('v2.1.0' → 'v2.1', 'v2' → 'v2.0'); '' for an invalid version. */
export function semverMajorMinor(v: string): string {
  const p = parse(v);
  if (p === undefined) return '';
  const i = 1 + p.major.length;
  return v[i] === '.' ? v.slice(0, i + 1 + p.minor.length) : `${v.slice(0, i)}.${p.minor}`;
}

/** semver.Prerelease: the prerelease suffix with its '-' ('v2.1.0-pre+meta' → '-pre'); '' if none or invalid. */
export function semverPrerelease(v: string): string {
  return parse(v)?.prerelease ?? '';
}

/** semver.Build: the build suffix with its '+' ('v2.1.0+meta' → '+meta'); '' if none or invalid. */
export function semverBuild(v: string): string {
  return parse(v)?.build ?? '';
}

/**
 * semver's compareInt (internal/gover.CmpInt is a copy of it): compares two decimal strings without
 * leading zeros as numbers, whatever their size.
 */
export function compareDecimal(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

/** Semantic Versioning's precedence of two prereleases (each '' or with its leading '-'). */
function comparePrerelease(x: string, y: string): number {
  if (x === y) return 0;
  if (x === '') return 1;
  if (y === '') return -1;
  const xs = x.slice(1).split('.');
  const ys = y.slice(1).split('.');
  for (let i = 0; i < xs.length && i < ys.length; i++) {
    const dx = xs[i]!;
    const dy = ys[i]!;
    if (dx === dy) continue;
    const nx = /^[0-9]+$/.test(dx);
    const ny = /^[0-9]+$/.test(dy);
    // Numeric identifiers come before alphanumeric ones, and compare as numbers.
    if (nx !== ny) return nx ? -1 : 1;
    if (nx) return compareDecimal(dx, dy);
    return dx < dy ? -1 : 1;
  }
  return xs.length < ys.length ? -1 : 1;
}

/**
 * semver.Compare: -1, 0 or +1 as v is lower than, equal to or higher than w in semantic version
 * precedence (build metadata ignored). An invalid version is lower than every valid one, and all
 * invalid versions are equal.
 */
export function semverCompare(v: string, w: string): number {
  const pv = parse(v);
  const pw = parse(w);
  if (pv === undefined || pw === undefined) {
    if (pv === pw) return 0;
    return pv === undefined ? -1 : 1;
  }
  return (
    compareDecimal(pv.major, pw.major) ||
    compareDecimal(pv.minor, pw.minor) ||
    compareDecimal(pv.patch, pw.patch) ||
    comparePrerelease(pv.prerelease, pw.prerelease)
  );
}

/** Go's string order (UTF-8 bytes), which is code point order, not JS's UTF-16 code unit order. */
function compareGoStrings(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * semver.ByVersion's order as a comparator: semverCompare, then the strings themselves, so that
 * equal versions written differently ('v1.2', 'v1.2.0', 'v1.2.0+meta') and invalid strings have a
 * fixed order. `list.sort(semverSortCompare)` is semver.Sort(list).
 */
export function semverSortCompare(v: string, w: string): number {
  return semverCompare(v, w) || compareGoStrings(v, w);
}
