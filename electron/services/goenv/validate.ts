import { fromBytes, quote, toBytes } from '../../../shared/go/gostrings';
import { goBase, goIsAbs, goQuotedSplit, type PathStyle } from './gostd';

/**
 * What `go env -w` and `go env -u` (go 1.19, cmd/go/internal/envcmd) refuse, with go's messages
 * verbatim: checkEnvWrite for each variable, checkBuildConfig for GOOS/GOARCH/GOEXPERIMENT after the
 * change, and the GOTMPDIR rule of runEnvW.
 */

/** %q of a value, as go prints it. */
const goQuote = (value: string): string => fromBytes(quote(toBytes(value)));

/** internal/cfg.KnownEnv (go 1.19): the variables `go env -w` accepts. */
export const KNOWN_ENV: ReadonlySet<string> = new Set(
  `AR CC CGO_CFLAGS CGO_CFLAGS_ALLOW CGO_CFLAGS_DISALLOW CGO_CPPFLAGS CGO_CPPFLAGS_ALLOW
  CGO_CPPFLAGS_DISALLOW CGO_CXXFLAGS CGO_CXXFLAGS_ALLOW CGO_CXXFLAGS_DISALLOW CGO_ENABLED CGO_FFLAGS
  CGO_FFLAGS_ALLOW CGO_FFLAGS_DISALLOW CGO_LDFLAGS CGO_LDFLAGS_ALLOW CGO_LDFLAGS_DISALLOW CXX FC GCCGO
  GO111MODULE GO386 GOAMD64 GOARCH GOARM GOBIN GOCACHE GOENV GOEXE GOEXPERIMENT GOFLAGS GOGCCFLAGS
  GOHOSTARCH GOHOSTOS GOINSECURE GOMIPS GOMIPS64 GOMODCACHE GONOPROXY GONOSUMDB GOOS GOPATH GOPPC64
  GOPRIVATE GOPROXY GOROOT GOSUMDB GOTMPDIR GOTOOLDIR GOVCS GOWASM GOWORK GO_EXTLINK_ENABLED
  PKG_CONFIG`.split(/\s+/),
);

const READ_ONLY = new Set([
  'GOEXE',
  'GOGCCFLAGS',
  'GOHOSTARCH',
  'GOHOSTOS',
  'GOMOD',
  'GOWORK',
  'GOTOOLDIR',
  'GOVERSION',
]);

/** cmd/go/internal/cfg.OSArchSupportsCgo keys (go 1.19): the GOOS/GOARCH pairs gc accepts. */
const GOOS_GOARCH_PAIRS = new Set(
  `aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64
  dragonfly/amd64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 illumos/amd64 ios/amd64 ios/arm64
  js/wasm linux/386 linux/amd64 linux/arm linux/arm64 linux/loong64 linux/mips linux/mips64
  linux/mips64le linux/mipsle linux/ppc64 linux/ppc64le linux/riscv64 linux/s390x linux/sparc64
  netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 openbsd/386 openbsd/amd64 openbsd/arm openbsd/arm64
  openbsd/mips64 plan9/386 plan9/amd64 plan9/arm solaris/amd64 windows/386 windows/amd64 windows/arm
  windows/arm64`.split(/\s+/),
);

/** internal/goexperiment.Flags (go 1.19), lower-cased as ParseGOEXPERIMENT names them. */
const EXPERIMENTS = [
  'fieldtrack',
  'preemptibleloops',
  'staticlockranking',
  'boringcrypto',
  'unified',
  'regabiwrappers',
  'regabiargs',
  'heapminimum512kib',
] as const;

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

/** checkEnvWrite: null when go would accept KEY=VALUE, else go's error (without the "go: " prefix). */
export function checkEnvWrite(style: PathStyle, key: string, value: string): string | null {
  if (READ_ONLY.has(key)) return `${key} cannot be modified`;
  if (key === 'GOENV') return `${key} can only be set using the OS environment`;
  if (!KNOWN_ENV.has(key)) return `unknown go command variable ${key}`;

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
  if ((goosChanged || goarchChanged) && !GOOS_GOARCH_PAIRS.has(`${goos}/${goarch}`))
    return `unsupported GOOS/GOARCH pair ${goos}/${goarch}`;
  const [experiment, experimentChanged] = get('GOEXPERIMENT', '');
  if (experimentChanged) return parseGoExperiment(goarch, experiment);
  return null;
}

/** buildcfg.ParseGOEXPERIMENT (go 1.19), keeping only whether it fails and why. */
function parseGoExperiment(goarch: string, value: string): string | null {
  const regabiAlwaysOn = ['amd64', 'arm64', 'ppc64le', 'ppc64'].includes(goarch);
  const regabiSupported = regabiAlwaysOn || goarch === 'riscv64';
  const flags = new Map<string, boolean>(EXPERIMENTS.map((name) => [name, false]));
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
  if (regabiAlwaysOn || !regabiSupported) {
    flags.set('regabiwrappers', regabiAlwaysOn);
    flags.set('regabiargs', regabiAlwaysOn);
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
