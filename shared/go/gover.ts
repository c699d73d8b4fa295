import { compareDecimal, semverCompare, semverIsValid, semverMajorMinor, semverPrerelease } from './semver';

/**
 * Go's own version grammar, for the `go` and `toolchain` lines of go.mod and for toolchain names — not
 * semver, for historical reasons. Three Go packages share it, and each has its functions here under a
 * prefix naming the package:
 *
 * - `gover…`: internal/gover and cmd/go/internal/gover, on bare versions: '1.21', '1.21rc2', '1.21.0'.
 * - `goVersion…`: the standard library's go/version, on toolchain names: 'go1.21', 'go1.21.3-custom'.
 * - `goverMod…`: cmd/go/internal/gover's module versions, where the module path decides the grammar:
 *   'go' and 'toolchain' use Go's, every other module semver.
 *
 * The order is 1.21 < 1.21rc1 < 1.21.0: from 1.21 on, a bare `1.N` is the language version, below
 * every release of it, while `1.20` and older still mean the release 1.N.0. Ported from go 1.27; the
 * older releases whose answers differ are named at each function. Checked against go/version and cmd/go/internal/gover
 * themselves by tests/integration/go-semver.test.ts.
 */

/** A parsed Go version, major[.minor[.patch]][kind[pre]]; numbers stay decimal strings, so none overflow. */
export interface GoVersion {
  major: string;
  /** '0' for a major version alone: '1' parses as 1.0.0. */
  minor: string;
  /** '' for a language version (1.21) or a prerelease (1.21rc1); '0' for a bare 1.20 and older. */
  patch: string;
  /** '', or lower-case letters: 'alpha', 'beta', 'rc' (and any other word, which Go accepts too). */
  kind: string;
  /** The prerelease number after kind, or ''. */
  pre: string;
}

/** What Go's functions see for a malformed version: the zero Version, lower than any valid one. */
const ZERO: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;

/** cutInt: the digits at i, refused if there are none or if there is an extra leading zero. */
function decimalAt(x: string, i: number): string | undefined {
  let j = i;
  while (j < x.length && isDigit(x.charCodeAt(j))) j++;
  if (j === i || (x[i] === '0' && j - i > 1)) return undefined;
  return x.slice(i, j);
}

/**
 * internal/gover.Parse: the parts of a bare version ('1.21rc2'), or undefined where Go returns the
 * zero Version. '1' reads as 1.0.0, '1.20' as 1.20.0, but '1.21' keeps no patch (a language version).
 * A patch release takes no prerelease: '1.21.0rc1' is malformed.
 */
export function goverParse(x: string): GoVersion | undefined {
  const major = decimalAt(x, 0);
  if (major === undefined) return undefined;
  let i = major.length;
  if (i === x.length) return { major, minor: '0', patch: '0', kind: '', pre: '' };
  if (x[i] !== '.') return undefined;
  const minor = decimalAt(x, i + 1);
  if (minor === undefined) return undefined;
  i += 1 + minor.length;
  if (i === x.length) {
    return { major, minor, patch: compareDecimal(minor, '21') < 0 ? '0' : '', kind: '', pre: '' };
  }
  if (x[i] === '.') {
    const patch = decimalAt(x, i + 1);
    if (patch === undefined || i + 1 + patch.length !== x.length) return undefined;
    return { major, minor, patch, kind: '', pre: '' };
  }
  // decimalAt took every digit, so x[i] starts the kind.
  let j = i;
  for (; j < x.length && !isDigit(x.charCodeAt(j)); j++) {
    if (!isLower(x.charCodeAt(j))) return undefined;
  }
  const kind = x.slice(i, j);
  if (j === x.length) return { major, minor, patch: '', kind, pre: '' };
  const pre = decimalAt(x, j);
  if (pre === undefined || j + pre.length !== x.length) return undefined;
  return { major, minor, patch: '', kind, pre };
}

/** internal/gover.IsValid (and cmd/go/internal/gover.IsValid): whether x is a bare Go version. */
export function goverIsValid(x: string): boolean {
  return goverParse(x) !== undefined;
}

/**
 * internal/gover.Compare (and cmd/go's): -1, 0 or +1 as x is lower than, equal to or higher than y,
 * both bare ('1.21', not 'go1.21'). Malformed versions are lower than well-formed ones and equal to
 * each other. Prereleases order by their kind's letters, so alpha < beta < rc.
 */
export function goverCompare(x: string, y: string): number {
  const vx = goverParse(x) ?? ZERO;
  const vy = goverParse(y) ?? ZERO;
  return (
    compareDecimal(vx.major, vy.major) ||
    compareDecimal(vx.minor, vy.minor) ||
    compareDecimal(vx.patch, vy.patch) ||
    (vx.kind === vy.kind ? 0 : vx.kind < vy.kind ? -1 : 1) ||
    compareDecimal(vx.pre, vy.pre)
  );
}

/** internal/gover.Max: the higher of x and y by goverCompare; x when they compare equal. */
export function goverMax(x: string, y: string): string {
  return goverCompare(x, y) < 0 ? y : x;
}

/**
 * internal/gover.IsLang: whether x names a language version ('1.21') rather than a release
 * ('1.21.0', '1.21rc1'). Since 1.20 and older parse with patch 0, '1.20' is not one.
 */
export function goverIsLang(x: string): boolean {
  const v = goverParse(x);
  return v !== undefined && v.patch === '' && v.kind === '' && v.pre === '';
}

/**
 * internal/gover.Lang: the language version of x ('1.21.3' → '1.21', '1.21rc2' → '1.21', '1.0.5' → '1');
 * '' for a malformed version. A major version alone gains its minor: '2' → '2.0', but '1' stays '1'.
 * (go 1.21's cmd/go said '1.0' for 1.0.x.)
 */
export function goverLang(x: string): string {
  const v = goverParse(x) ?? ZERO;
  if (v.minor === '' || (v.major === '1' && v.minor === '0')) return v.major;
  return `${v.major}.${v.minor}`;
}

/** cmd/go/internal/gover.IsPrerelease: whether x is an alpha, beta, rc… ('1.21rc1'). */
export function goverIsPrerelease(x: string): boolean {
  return (goverParse(x) ?? ZERO).kind !== '';
}

/** internal/gover.DecInt: the decimal minus one; '' for zero. */
function decrementDecimal(decimal: string): string {
  let i = decimal.length - 1;
  while (i >= 0 && decimal[i] === '0') i--;
  if (i < 0) return '';
  const nines = '9'.repeat(decimal.length - 1 - i);
  if (i === 0 && decimal[0] === '1' && decimal.length > 1) return nines;
  return decimal.slice(0, i) + String.fromCharCode(decimal.charCodeAt(i) - 1) + nines;
}

/**
 * cmd/go/internal/gover.Prev: the language version before x's ('1.22.3' → '1.21', '1.3rc4' → '1.2');
 * the major version alone for x.0 and x.1 ('1.1' → '1'), and '' for a malformed version.
 */
export function goverPrev(x: string): string {
  const v = goverParse(x) ?? ZERO;
  if (compareDecimal(v.minor, '1') <= 0) return v.major;
  return `${v.major}.${decrementDecimal(v.minor)}`;
}

/**
 * cmd/go/internal/gover.FromToolchain: the version a toolchain name stands for, from the name alone:
 * 'go1.21.3' → '1.21.3', 'go1.21.3-custom' and 'go1.21.3 linux' → '1.21.3' (a suffix after '-', space
 * or tab is dropped); '' for anything else, including a name holding '/' or '\' (go would then run a
 * file instead of a toolchain found on PATH) and 'go1.21.3.linux-amd64' (1.21.3.linux is malformed).
 */
export function goverFromToolchain(name: string): string {
  if (/[/\\]/.test(name) || !name.startsWith('go')) return '';
  const v = name.slice(2).split(/[ \t-]/, 1)[0]!;
  return goverIsValid(v) ? v : '';
}

/** maybeToolchainVersion: the version itself ('1.21.3'), else the version a toolchain name stands for. */
function toolchainVersion(name: string): string {
  return goverIsValid(name) ? name : goverFromToolchain(name);
}

/**
 * cmd/go/internal/gover.IsToolchain: whether path is 'go' or 'toolchain', the modules that stand for
 * go.mod's `go` and `toolchain` lines (not golang.org/toolchain, whose zips hold the toolchains).
 */
export function goverIsToolchain(path: string): boolean {
  return path === 'go' || path === 'toolchain';
}

/**
 * cmd/go/internal/gover.ModCompare: compares two versions of the module path as go does. 'go' versions
 * are bare ('1.21'); 'toolchain' versions are toolchain names or bare versions ('go1.21.3', '1.21.3');
 * any other module's are semver.
 */
export function goverModCompare(path: string, x: string, y: string): number {
  if (path === 'go') return goverCompare(x, y);
  if (path === 'toolchain') return goverCompare(toolchainVersion(x), toolchainVersion(y));
  return semverCompare(x, y);
}

/** cmd/go/internal/gover.ModIsValid: whether version is well formed for the module path. */
export function goverModIsValid(path: string, version: string): boolean {
  if (path === 'go') return goverIsValid(version);
  if (path === 'toolchain') return goverIsValid(goverFromToolchain(version));
  return semverIsValid(version);
}

/**
 * cmd/go/internal/gover.ModIsPrefix: whether a valid version is a prefix of others (`go get m@v1.2`
 * means the latest v1.2.x): a language version for 'go' and 'toolchain', and for semver one with at
 * most one dot and no suffix.
 */
export function goverModIsPrefix(path: string, version: string): boolean {
  if (path === 'go') return goverIsLang(version);
  if (path === 'toolchain') return goverIsLang(goverFromToolchain(version));
  return !/[-+]/.test(version) && version.split('.').length <= 2;
}

/**
 * cmd/go/internal/gover.ModIsPrerelease: whether a valid version is a prerelease. (Up to go 1.24,
 * 'toolchain' versions were never prereleases there: the name was read as a bare version.)
 */
export function goverModIsPrerelease(path: string, version: string): boolean {
  if (path === 'go') return goverIsPrerelease(version);
  if (path === 'toolchain') return goverIsPrerelease(goverFromToolchain(version));
  return semverPrerelease(version) !== '';
}

/**
 * cmd/go/internal/gover.ModMajorMinor: the prefix of version that `@patch` queries keep: the language
 * version for 'go' ('1.21.3' → '1.21'), the same as a toolchain name for 'toolchain' ('go1.21.3' →
 * 'go1.21'; a malformed name gives 'go'), and semver's major.minor for other modules.
 */
export function goverModMajorMinor(path: string, version: string): string {
  if (path === 'go') return goverLang(version);
  if (path === 'toolchain') return `go${goverLang(goverFromToolchain(version))}`;
  return semverMajorMinor(version);
}

/** go/version's stripGo: 'go1.21-custom' → '1.21'; '' (malformed) without the 'go' prefix. */
function stripGo(v: string): string {
  const name = v.split('-', 1)[0]!;
  return name.startsWith('go') ? name.slice(2) : '';
}

/**
 * go/version.IsValid: whether x is a Go version in toolchain name syntax ('go1.21rc2', 'go1.21.3-custom').
 * Unlike goverFromToolchain, only '-' starts a suffix, and '/' is allowed in it.
 */
export function goVersionIsValid(x: string): boolean {
  return goverIsValid(stripGo(x));
}

/**
 * go/version.Compare: goverCompare on toolchain names ('go1.21' < 'go1.21rc1' < 'go1.21.0'); invalid
 * ones, '' and '1.21' included, are lower than valid ones and equal to each other.
 */
export function goVersionCompare(x: string, y: string): number {
  return goverCompare(stripGo(x), stripGo(y));
}

/**
 * go/version.Lang: the language version of a toolchain name ('go1.21rc2' → 'go1.21', 'go1.21.3-custom'
 * → 'go1.21', 'go2' → 'go2.0'); '' if x is invalid.
 */
export function goVersionLang(x: string): string {
  const lang = goverLang(stripGo(x));
  return lang === '' ? '' : `go${lang}`;
}
