/**
 * What differs between the go commands our users run, from go 1.19 (Debian's default) to 1.27: one
 * table, read from each release's source (Debian's golang-1.NN-src) and checked against its binary
 * (tests/integration/go-versions-*.test.ts). Everything that imitates go asks `goFacts(version)`; no
 * other code compares go versions (DESIGN.md §2, §4b).
 *
 * A release between two rows takes the facts of the older row; a release newer than the newest row,
 * or an unknown one (go missing, a "devel" build), takes the newest.
 */

/** A go release: go1.21.13 is { major: 1, minor: 21, patch: 13 }. */
export interface GoRelease {
  major: number;
  minor: number;
  patch: number;
}

export interface GoVersionFacts {
  /** The release these facts were computed for (the newest row's for an unknown version). */
  release: GoRelease;
  /** True when the release was not known (go missing or its version unreadable): the newest row's facts. */
  assumed: boolean;
  /** internal/cfg.KnownEnv: the variables `go env -w` accepts. */
  knownEnv: ReadonlySet<string>;
  /** checkEnvWrite's first case: "X cannot be modified". */
  cannotModify: ReadonlySet<string>;
  /** checkEnvWrite's second case: "X can only be set using the OS environment". */
  osOnly: ReadonlySet<string>;
  /** cfg.CanGetenv: a key already in the user env file or go.env counts as known (1.21+). */
  knownEnvIncludesFileKeys: boolean;
  /** `$GOROOT/go.env` is read under the user file (1.21+). */
  gorootEnv: boolean;
  /** A `KEY=` line in the user file counts and hides go.env (1.21+); before, empty meant unset. */
  emptyFileValueCounts: boolean;
  /** cfg's built-in defaults (envOr's second argument) of the variables we report, used when no layer sets one. */
  builtinDefaults: Readonly<Record<string, string>>;
  /** The variables `goproxy-desk env` reports for this release, in order. */
  reportedVars: readonly string[];
  /** GOFLAGS is split with quoting (cmd/internal/quoted) rather than at spaces (1.21+). */
  goflagsQuoted: boolean;
  /** GOTOOLCHAIN exists: go switches toolchains and downloads golang.org/toolchain (1.21+). */
  toolchains: boolean;
  /** A bare language version (`go 1.22` in go.mod) resolves to its first release, 1.22.0 (1.21.1+). */
  toolchainLanguageVersionResolves: boolean;
  /** A downloaded toolchain zip must hold lib/ (go makes lib/go_*_exec executable, 1.24+). */
  toolchainZipNeedsLib: boolean;
  /** golang.org/toolchain is checked against the checksum DB even with GOSUMDB=off or GONOSUMDB (1.21+). */
  toolchainAlwaysChecksummed: boolean;
  /** GOAUTH exists (1.24+); before, .netrc was always read. */
  goauth: boolean;
  /** .netrc `machine` must name host:port (AddCredentials uses req.Host) for a non-default port (1.21+); 1.19 ignored the port. */
  netrcHostPort: boolean;
  /** On Windows, `_netrc` and, when it is missing, `.netrc` (1.24+); before, only `_netrc`. */
  windowsUnderscoreNetrc: boolean;
  /** A .netrc or GOAUTH credential for `host/path` applies to URLs under that path (1.25+). */
  goauthPathPrefixes: boolean;
  /** `go env -changed` exists (1.23+). */
  envChanged: boolean;
  /** internal/platform's GOOS/GOARCH pairs (work.CheckGOOSARCHPair). */
  goosGoarch: ReadonlySet<string>;
  /** internal/goexperiment.Flags, lower-cased: the names GOEXPERIMENT accepts. */
  experiments: readonly string[];
  /** buildcfg.ParseGOEXPERIMENT's regabiAlwaysOn architectures. */
  regabiAlwaysOn: readonly string[];
  /** ... and regabiSupported ones (a superset). */
  regabiSupported: readonly string[];
}

type Flags = Omit<
  GoVersionFacts,
  | 'release'
  | 'assumed'
  | 'knownEnv'
  | 'cannotModify'
  | 'osOnly'
  | 'goosGoarch'
  | 'builtinDefaults'
  | 'reportedVars'
  | 'experiments'
  | 'regabiAlwaysOn'
  | 'regabiSupported'
>;

interface Row {
  since: GoRelease;
  /** Where in go's source the change is (for the reader; the tests check the binaries). */
  source: string;
  knownEnv?: { add?: string[] };
  cannotModify?: { add?: string[] };
  osOnly?: { add?: string[] };
  goosGoarch?: { add?: string[]; remove?: string[] };
  builtinDefaults?: Record<string, string | null>;
  reportedVars?: { add?: string[] };
  flags?: Partial<Flags>;
  experiments?: string[];
  regabi?: { alwaysOn: string[]; supported: string[] };
}

const words = (s: string): string[] => s.trim().split(/\s+/);
const release = (minor: number, patch = 0): GoRelease => ({ major: 1, minor, patch });

/** The table. Rows in release order; the first row is complete, later rows say what changed. */
const TABLE: readonly Row[] = [
  {
    since: release(19),
    source:
      'go1.19.8: internal/cfg/cfg.go, cmd/go/internal/{cfg,envcmd}, internal/platform via cmd/go/internal/cfg/zosarch.go',
    knownEnv: {
      add: words(`AR CC CGO_CFLAGS CGO_CFLAGS_ALLOW CGO_CFLAGS_DISALLOW CGO_CPPFLAGS CGO_CPPFLAGS_ALLOW
        CGO_CPPFLAGS_DISALLOW CGO_CXXFLAGS CGO_CXXFLAGS_ALLOW CGO_CXXFLAGS_DISALLOW CGO_ENABLED CGO_FFLAGS
        CGO_FFLAGS_ALLOW CGO_FFLAGS_DISALLOW CGO_LDFLAGS CGO_LDFLAGS_ALLOW CGO_LDFLAGS_DISALLOW CXX FC GCCGO
        GO111MODULE GO386 GOAMD64 GOARCH GOARM GOBIN GOCACHE GOENV GOEXE GOEXPERIMENT GOFLAGS GOGCCFLAGS
        GOHOSTARCH GOHOSTOS GOINSECURE GOMIPS GOMIPS64 GOMODCACHE GONOPROXY GONOSUMDB GOOS GOPATH GOPPC64
        GOPRIVATE GOPROXY GOROOT GOSUMDB GOTMPDIR GOTOOLDIR GOVCS GOWASM GOWORK GO_EXTLINK_ENABLED PKG_CONFIG`),
    },
    cannotModify: { add: words('GOEXE GOGCCFLAGS GOHOSTARCH GOHOSTOS GOMOD GOWORK GOTOOLDIR GOVERSION') },
    osOnly: { add: ['GOENV'] },
    goosGoarch: {
      add: words(`aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64
        dragonfly/amd64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 illumos/amd64 ios/amd64 ios/arm64
        js/wasm linux/386 linux/amd64 linux/arm linux/arm64 linux/loong64 linux/mips linux/mips64
        linux/mips64le linux/mipsle linux/ppc64 linux/ppc64le linux/riscv64 linux/s390x linux/sparc64
        netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 openbsd/386 openbsd/amd64 openbsd/arm openbsd/arm64
        openbsd/mips64 plan9/386 plan9/amd64 plan9/arm solaris/amd64 windows/386 windows/amd64 windows/arm
        windows/arm64`),
    },
    builtinDefaults: { GOPROXY: 'https://proxy.golang.org,direct', GOSUMDB: 'sum.golang.org' },
    reportedVars: {
      add: words('GOPROXY GOPRIVATE GONOPROXY GONOSUMDB GOSUMDB GOINSECURE GOFLAGS GOVCS GOENV'),
    },
    flags: {
      knownEnvIncludesFileKeys: false,
      gorootEnv: false,
      emptyFileValueCounts: false,
      goflagsQuoted: false,
      toolchains: false,
      toolchainLanguageVersionResolves: false,
      toolchainZipNeedsLib: false,
      toolchainAlwaysChecksummed: false,
      goauth: false,
      netrcHostPort: false,
      windowsUnderscoreNetrc: false,
      goauthPathPrefixes: false,
      envChanged: false,
    },
    experiments: words(
      'fieldtrack preemptibleloops staticlockranking boringcrypto unified regabiwrappers regabiargs heapminimum512kib',
    ),
    regabi: {
      alwaysOn: words('amd64 arm64 ppc64le ppc64'),
      supported: words('amd64 arm64 ppc64le ppc64 riscv64'),
    },
  },
  {
    since: release(21),
    source:
      'go1.21: $GOROOT/go.env and cfg.initEnvCache/CanGetenv, envOr("GOPROXY", ""), cmd/go/internal/toolchain, GOFLAGS via quoted.Split, auth/netrc.go host:port',
    knownEnv: { add: ['GOCACHEPROG', 'GOTOOLCHAIN'] },
    goosGoarch: { add: ['freebsd/riscv64', 'openbsd/ppc64', 'wasip1/wasm'] },
    // The three moved to $GOROOT/go.env; an empty value now means empty.
    builtinDefaults: { GOPROXY: null, GOSUMDB: null },
    reportedVars: { add: ['GOTOOLCHAIN'] },
    flags: {
      knownEnvIncludesFileKeys: true,
      gorootEnv: true,
      emptyFileValueCounts: true,
      goflagsQuoted: true,
      toolchains: true,
      toolchainAlwaysChecksummed: true,
      netrcHostPort: true,
    },
    experiments: words(`fieldtrack preemptibleloops staticlockranking boringcrypto regabiwrappers regabiargs
      heapminimum512kib coverageredesign arenas pagetrace cgocheck2 loopvar cacheprog`),
    regabi: {
      alwaysOn: words('amd64 arm64 ppc64le ppc64 riscv64'),
      supported: words('amd64 arm64 ppc64le ppc64 riscv64'),
    },
  },
  {
    // golang/go#62278: 1.21.0 asked for a toolchain "go1.22" that does not exist.
    since: release(21, 1),
    source: 'go1.21.1: toolchain/select.go, gover.IsLang(goVers) → the first release of that language',
    flags: { toolchainLanguageVersionResolves: true },
  },
  {
    since: release(22),
    source: 'go1.22: internal/platform/zosarch.go, internal/goexperiment/flags.go',
    goosGoarch: { add: ['openbsd/riscv64'] },
    experiments: words(`fieldtrack preemptibleloops staticlockranking boringcrypto regabiwrappers regabiargs
      heapminimum512kib coverageredesign arenas pagetrace cgocheck2 loopvar cacheprog newinliner rangefunc
      range allocheaders exectracer2`),
  },
  {
    since: release(23),
    source: 'go1.23: envcmd.checkEnvWrite (GODEBUG), KnownEnv (GOARM64, GORISCV64), go env -changed',
    knownEnv: { add: ['GOARM64', 'GORISCV64'] },
    osOnly: { add: ['GODEBUG'] },
    flags: { envChanged: true },
    experiments: words(`fieldtrack preemptibleloops staticlockranking boringcrypto regabiwrappers regabiargs
      heapminimum512kib coverageredesign arenas cgocheck2 loopvar cacheprog newinliner rangefunc
      aliastypeparams`),
    regabi: {
      alwaysOn: words('amd64 arm64 loong64 ppc64le ppc64 riscv64'),
      supported: words('amd64 arm64 loong64 ppc64le ppc64 riscv64'),
    },
  },
  {
    since: release(24),
    source:
      'go1.24: KnownEnv (GOAUTH, GOFIPS140), checkEnvWrite (GOTELEMETRY, GOTELEMETRYDIR), cmd/go/internal/auth, toolchain lib/',
    knownEnv: { add: ['GOAUTH', 'GOFIPS140'] },
    cannotModify: { add: ['GOTELEMETRY', 'GOTELEMETRYDIR'] },
    builtinDefaults: { GOAUTH: 'netrc' },
    reportedVars: { add: ['GOAUTH'] },
    flags: { goauth: true, windowsUnderscoreNetrc: true, toolchainZipNeedsLib: true },
    experiments: words(`fieldtrack preemptibleloops staticlockranking boringcrypto regabiwrappers regabiargs
      heapminimum512kib coverageredesign arenas cgocheck2 loopvar cacheprog newinliner rangefunc
      aliastypeparams swissmap spinbitmutex synchashtriemap synctest`),
  },
  {
    since: release(25),
    source:
      'go1.25: internal/goexperiment/flags.go, cmd/go/internal/auth/auth.go loadCredential (path prefixes)',
    flags: { goauthPathPrefixes: true },
    experiments: words(`fieldtrack preemptibleloops staticlockranking boringcrypto regabiwrappers regabiargs
      heapminimum512kib arenas cgocheck2 loopvar cacheprog newinliner rangefunc aliastypeparams swissmap
      synchashtriemap synctest dwarf5 jsonv2 greenteagc`),
  },
  {
    since: release(26),
    source: 'go1.26: internal/platform/zosarch.go (windows/arm removed), internal/goexperiment/flags.go',
    goosGoarch: { remove: ['windows/arm'] },
    experiments: words(`fieldtrack preemptibleloops staticlockranking boringcrypto regabiwrappers regabiargs
      heapminimum512kib arenas cgocheck2 loopvar newinliner dwarf5 jsonv2 greenteagc randomizedheapbase64
      runtimefreegc sizespecializedmalloc goroutineleakprofile simd runtimesecret`),
  },
  {
    since: release(27),
    source: 'go1.27: checkEnvWrite (GOROOT), zosarch.go (openbsd/mips64 removed), buildcfg regabi (s390x)',
    cannotModify: { add: ['GOROOT'] },
    goosGoarch: { remove: ['openbsd/mips64'] },
    experiments: words(`fieldtrack preemptibleloops staticlockranking boringcrypto regabiwrappers regabiargs
      heapminimum512kib arenas cgocheck2 loopvar newinliner dwarf5 jsonv2 greenteagc randomizedheapbase64
      runtimefreegc sizespecializedmalloc simd runtimesecret mapsplitgroup`),
    regabi: {
      alwaysOn: words('amd64 arm64 loong64 ppc64le ppc64 riscv64 s390x'),
      supported: words('amd64 arm64 loong64 ppc64le ppc64 riscv64 s390x'),
    },
  },
];

/** The newest release the table knows. */
export const NEWEST_KNOWN_GO: GoRelease = TABLE[TABLE.length - 1]!.since;

/** The values of the standard `$GOROOT/go.env` (identical in every release 1.21–1.27 and in Debian). */
export const STANDARD_GOROOT_ENV: Readonly<Record<string, string>> = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOSUMDB: 'sum.golang.org',
  GOTOOLCHAIN: 'auto',
};

export function compareReleases(a: GoRelease, b: GoRelease): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/**
 * "go1.21.13", "go1.22rc1", "go1.25.0-custom", "1.21" → the release; a pre-release counts as its
 * release's .0 (its facts are the release's). Null for anything else ("devel ...", "").
 */
export function parseGoRelease(version: string): GoRelease | null {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

const cache = new Map<string, GoVersionFacts>();

/** The facts of the go whose `go version`/GOVERSION is `version`; null or unreadable: the newest known. */
export function goFacts(version: string | null | undefined): GoVersionFacts {
  const key = version ?? '';
  const cached = cache.get(key);
  if (cached) return cached;
  const parsed = version ? parseGoRelease(version) : null;
  const facts = computeFacts(parsed ?? NEWEST_KNOWN_GO, parsed === null);
  cache.set(key, facts);
  return facts;
}

function computeFacts(target: GoRelease, assumed: boolean): GoVersionFacts {
  const knownEnv = new Set<string>();
  const cannotModify = new Set<string>();
  const osOnly = new Set<string>();
  const goosGoarch = new Set<string>();
  const builtinDefaults: Record<string, string> = {};
  const reportedVars: string[] = [];
  let flags = {} as Flags;
  let experiments: string[] = [];
  let regabi = { alwaysOn: [] as string[], supported: [] as string[] };
  for (const row of TABLE) {
    if (compareReleases(row.since, target) > 0) break;
    for (const k of row.knownEnv?.add ?? []) knownEnv.add(k);
    for (const k of row.cannotModify?.add ?? []) cannotModify.add(k);
    for (const k of row.osOnly?.add ?? []) osOnly.add(k);
    for (const p of row.goosGoarch?.add ?? []) goosGoarch.add(p);
    for (const p of row.goosGoarch?.remove ?? []) goosGoarch.delete(p);
    for (const [k, v] of Object.entries(row.builtinDefaults ?? {})) {
      if (v === null) delete builtinDefaults[k];
      else builtinDefaults[k] = v;
    }
    reportedVars.push(...(row.reportedVars?.add ?? []));
    flags = { ...flags, ...row.flags };
    if (row.experiments) experiments = row.experiments;
    if (row.regabi) regabi = row.regabi;
  }
  return {
    release: target,
    assumed,
    knownEnv,
    cannotModify,
    osOnly,
    builtinDefaults,
    reportedVars,
    ...flags,
    goosGoarch,
    experiments,
    regabiAlwaysOn: regabi.alwaysOn,
    regabiSupported: regabi.supported,
  };
}

/** "go1.21.13" for messages: the release as go names it. */
export function formatRelease(r: GoRelease): string {
  return `go${r.major}.${r.minor}${r.patch > 0 || r.minor >= 21 ? `.${r.patch}` : ''}`;
}
