import { fromBytes, quote, toBytes } from '../../../shared/go/gostrings';
import type { GoVersionFacts } from '../../../shared/go/versions';
import { goBase, goIsAbs, goQuotedSplit, type PathStyle } from './gostd';

/**
 * What `go env -w` and `go env -u` (cmd/go/internal/envcmd, go 1.19–1.27) refuse, with go's messages
 * verbatim: checkEnvWrite for each variable, checkBuildConfig for GOOS/GOARCH/GOEXPERIMENT after the
 * change, and the GOTMPDIR rule of runEnvW. What differs between versions (the known variables, the
 * read-only ones, the platforms and experiments) comes from shared/go/versions.ts.
 */

/** %q of a value, as go prints it. */
const goQuote = (value: string): string => fromBytes(quote(toBytes(value)));

/** The go command's own GOOS and GOARCH (runtime.GOOS/GOARCH), which are its defaults. */
export interface GoHost {
  goos: string;
  goarch: string;
}

const GOOS_OF_PLATFORM: Partial<Record<NodeJS.Platform, string>> = { win32: 'windows', sunos: 'solaris' };
const GOARCH_OF_ARCH: Readonly<Record<string, string>> = {
  x64: 'amd64',
  ia32: '386',
  mipsel: 'mipsle',
  ppc64: 'ppc64le',
};

/** Node's names for the platform and CPU as Go names them (x64 → amd64, win32 → windows). */
export function goHostOf(platform: NodeJS.Platform, arch: string): GoHost {
  return { goos: GOOS_OF_PLATFORM[platform] ?? platform, goarch: GOARCH_OF_ARCH[arch] ?? arch };
}

export function pathStyleOf(goos: string): PathStyle {
  return goos === 'windows' ? 'windows' : 'posix';
}

type EnvWriteFacts = Pick<
  GoVersionFacts,
  'knownEnv' | 'cannotModify' | 'osOnly' | 'knownEnvIncludesFileKeys'
>;

/**
 * checkEnvWrite: null when go would accept KEY=VALUE, else go's error (without the "go: " prefix).
 * `fileKeys`: the keys of the user env file and `$GOROOT/go.env`, which go 1.21+ accepts whatever they are.
 */
export function checkEnvWrite(
  facts: EnvWriteFacts,
  style: PathStyle,
  key: string,
  value: string,
  fileKeys: ReadonlySet<string> = new Set(),
): string | null {
  if (facts.cannotModify.has(key)) return `${key} cannot be modified`;
  if (facts.osOnly.has(key)) return `${key} can only be set using the OS environment`;
  if (!facts.knownEnv.has(key) && !(facts.knownEnvIncludesFileKeys && fileKeys.has(key)))
    return `unknown go command variable ${key}`;

  switch (key) {
    case 'GO111MODULE':
      if (!['', 'auto', 'on', 'off'].includes(value)) return `invalid ${key} value ${goQuote(value)}`;
      break;
    case 'GOPATH':
      if (value.startsWith('~'))
        return `GOPATH entry cannot start with shell metacharacter '~': ${goQuote(value)}`;
      if (!goIsAbs(style, value) && value !== '')
        return `GOPATH entry is relative; must be absolute path: ${goQuote(value)}`;
      break;
    case 'GOMODCACHE':
      if (!goIsAbs(style, value) && value !== '')
        return `GOMODCACHE entry is relative; must be absolute path: ${goQuote(value)}`;
      break;
    case 'CC':
    case 'CXX': {
      if (value === '') break;
      const split = goQuotedSplit(value);
      if (!split.ok) return `invalid ${key}: ${split.error}`;
      const first = split.fields[0];
      if (first === undefined) return `${key} entry cannot contain only space`;
      if (!goIsAbs(style, first) && first !== goBase(style, first))
        return `${key} entry is relative; must be absolute path: ${goQuote(first)}`;
      break;
    }
  }

  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value))
    return `invalid UTF-8 in ${key}=... value`;
  if (value.includes('\0')) return `invalid NUL in ${key}=... value`;
  if (/[\v\r\n]/.test(value)) return `invalid newline in ${key}=... value`;
  return null;
}

/** The values go itself would use for the build configuration before the change. */
export interface BuildConfig {
  /** Non-empty OS environment value, else the env file's non-empty value, else the default. */
  current(key: 'GOOS' | 'GOARCH' | 'GOEXPERIMENT'): string;
  /** The OS environment's value ('' when unset). */
  os(key: string): string;
}

/**
 * checkBuildConfig: after `add` (go env -w) or `del` (go env -u), the GOOS/GOARCH pair and GOEXPERIMENT
 * must still make sense; an unset variable falls back to the OS environment, then go's own default.
 */
export function checkBuildConfig(
  facts: BuildFacts,
  host: GoHost,
  config: BuildConfig,
  add: ReadonlyMap<string, string>,
  del: ReadonlySet<string>,
): string | null {
  const get = (key: 'GOOS' | 'GOARCH' | 'GOEXPERIMENT', fallback: string): [string, boolean] => {
    const added = add.get(key);
    if (added !== undefined) return [added, true];
    if (del.has(key)) return [config.os(key) || fallback, true];
    return [config.current(key), false];
  };
  const [goos, goosChanged] = get('GOOS', host.goos);
  const [goarch, goarchChanged] = get('GOARCH', host.goarch);
  if ((goosChanged || goarchChanged) && !facts.goosGoarch.has(`${goos}/${goarch}`))
    return `unsupported GOOS/GOARCH pair ${goos}/${goarch}`;
  const [experiment, experimentChanged] = get('GOEXPERIMENT', '');
  if (experimentChanged) return parseGoExperiment(facts, goarch, experiment);
  return null;
}

type BuildFacts = Pick<GoVersionFacts, 'goosGoarch' | 'experiments' | 'regabiAlwaysOn' | 'regabiSupported'>;

/**
 * buildcfg.ParseGOEXPERIMENT, keeping only whether it fails and why: an unknown name, or regabiargs
 * without regabiwrappers (possible only where regabi is supported but not always on). The baseline's
 * other flags do not matter for that.
 */
function parseGoExperiment(facts: BuildFacts, goarch: string, value: string): string | null {
  const regabiAlwaysOn = facts.regabiAlwaysOn.includes(goarch);
  const regabiSupported = facts.regabiSupported.includes(goarch);
  const flags = new Map<string, boolean>(facts.experiments.map((name) => [name, false]));
  flags.set('regabiwrappers', regabiSupported);
  flags.set('regabiargs', regabiSupported);
  for (let name of value.split(',')) {
    if (name === '') continue;
    if (name === 'none') {
      for (const key of flags.keys()) flags.set(key, false);
      continue;
    }
    let on = true;
    if (name.startsWith('no')) {
      name = name.slice(2);
      on = false;
    }
    if (name === 'regabi') {
      flags.set('regabiwrappers', on);
      flags.set('regabiargs', on);
    } else if (flags.has(name)) flags.set(name, on);
    else return `unknown GOEXPERIMENT ${name}`;
  }
  if (regabiAlwaysOn) {
    flags.set('regabiwrappers', true);
    flags.set('regabiargs', true);
  }
  if (!regabiSupported) {
    flags.set('regabiwrappers', false);
    flags.set('regabiargs', false);
  }
  if (flags.get('regabiargs') && !flags.get('regabiwrappers'))
    return 'GOEXPERIMENT regabiargs requires regabiwrappers';
  return null;
}

/** runEnvW's last check: GOTMPDIR must be absolute (or empty). */
export function checkTmpDir(style: PathStyle, add: ReadonlyMap<string, string>): string | null {
  const tmp = add.get('GOTMPDIR');
  if (tmp !== undefined && tmp !== '' && !goIsAbs(style, tmp)) return 'GOTMPDIR must be an absolute path';
  return null;
}
