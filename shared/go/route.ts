import { parseGoProxy } from './goproxy';
import { parseGoSumDb } from './gosumdb';
import { matchPrefixPatterns } from './patterns';

/**
 * How `go` (src/cmd/go/internal/modfetch, the same from 1.19 to 1.27 but for toolchains) would fetch a module with given settings, without
 * touching the network: the ordered steps of proxyList/lookup/TryProxies and whether the download is
 * checked against the checksum database (useSumDB). Pure, so the UI can preview it as the user types.
 */
export interface RouteSettings {
  GOPROXY: string;
  GONOPROXY: string;
  GONOSUMDB: string;
  GOSUMDB: string;
  GOINSECURE: string;
}

export interface RouteStep {
  kind: 'proxy' | 'direct' | 'noproxy' | 'off';
  url?: string;
  /** When this step fails, does go try the next one: only on "not found" (404/410) or on any error. */
  fallback: 'notfound' | 'any';
  /** A direct fetch that GOINSECURE allows over plain http or without certificate checks. */
  insecure?: boolean;
  /** For 'noproxy': the GONOPROXY (or, by default, GOPRIVATE) pattern that sent the module direct. */
  pattern?: string;
}

/** 'toolchain': golang.org/toolchain, which go 1.21+ always checks, GOSUMDB=off and GONOSUMDB notwithstanding. */
export type ChecksumReason = 'checked' | 'gosumdb-off' | 'gonosumdb' | 'invalid-gosumdb' | 'toolchain';

export interface ChecksumPlan {
  verified: boolean;
  /** The checksum database's name (sum.golang.org) and where go reaches it when no proxy serves it. */
  db?: string;
  url?: string;
  reason: ChecksumReason;
  /** For 'gonosumdb': the pattern that matched. */
  pattern?: string;
  /** For 'toolchain' when the database cannot be used: go's error after the download (GOSUMDB=off...). */
  failure?: string;
}

/** What the route depends on besides the settings: the version of go, and GIT_HTTP_USER_AGENT. */
export interface RouteOptions {
  /** go 1.21+ (shared/go/versions.ts): golang.org/toolchain is always checked against the database. */
  toolchainAlwaysChecksummed?: boolean;
  /** The OS environment's GIT_HTTP_USER_AGENT: proxy.golang.org's own downloads are exempt. */
  gitHttpUserAgent?: string;
}

/** The module go downloads a toolchain as (golang.org/toolchain@v0.0.1-go1.X.Y.GOOS-GOARCH). */
export const TOOLCHAIN_MODULE = 'golang.org/toolchain';

export interface RoutePlan {
  steps: RouteStep[];
  checksum: ChecksumPlan;
  /** go's own message when the settings are invalid; go would stop with it before fetching anything. */
  error?: string;
}

/** The first comma-separated pattern of `globs` that matches, with MatchPrefixPatterns' rules. */
export function matchingPattern(globs: string, target: string): string | undefined {
  return globs.split(',').find((glob) => glob !== '' && matchPrefixPatterns(glob, target));
}

export function planRoute(
  modulePath: string,
  settings: RouteSettings,
  options: RouteOptions = {},
): RoutePlan {
  const checksum = planChecksum(modulePath, settings, options);
  const parsed = parseGoProxy(settings.GOPROXY);
  // TryProxies parses GOPROXY before anything else, for every module, private or not.
  if (!parsed.ok) return { steps: [], checksum: checksum.plan, error: parsed.error };

  const insecure = matchPrefixPatterns(settings.GOINSECURE, modulePath);
  const direct = (step: RouteStep): RouteStep => (insecure ? { ...step, insecure: true } : step);
  const noProxyPattern = matchingPattern(settings.GONOPROXY, modulePath);
  if (noProxyPattern !== undefined) {
    // lookup(): a GONOPROXY module is fetched directly by the "noproxy" entry that proxyList puts
    // first (or by "direct" when GOPROXY is exactly "direct"); every other entry refuses it with
    // errNoproxy, so no proxy and not even GOPROXY=off applies.
    const first: RouteStep =
      settings.GOPROXY === 'direct'
        ? { kind: 'direct', fallback: 'notfound' }
        : { kind: 'noproxy', fallback: 'notfound', pattern: noProxyPattern };
    return {
      steps: [direct(first)],
      checksum: checksum.plan,
      ...(checksum.error ? { error: checksum.error } : {}),
    };
  }
  const steps = parsed.value.map((entry): RouteStep => {
    if (entry.kind === 'direct') return direct({ kind: 'direct', fallback: entry.fallback });
    if (entry.kind === 'off') return { kind: 'off', fallback: entry.fallback };
    return { kind: 'proxy', url: entry.url, fallback: entry.fallback };
  });
  return { steps, checksum: checksum.plan, ...(checksum.error ? { error: checksum.error } : {}) };
}

/**
 * modfetch.useSumDB and dbDial: off, excluded by GONOSUMDB, or checked against a valid GOSUMDB. A
 * toolchain (go 1.21+) must be checked, unless GOPROXY is a single file:// URL (testing a distpack) or
 * GIT_HTTP_USER_AGENT says proxy.golang.org (the mirror fetching it first); when the database cannot be
 * used, go downloads the zip and then fails verifying it.
 */
function planChecksum(
  modulePath: string,
  settings: RouteSettings,
  options: RouteOptions,
): { plan: ChecksumPlan; error?: string } {
  if (
    modulePath === TOOLCHAIN_MODULE &&
    options.toolchainAlwaysChecksummed &&
    !(settings.GOPROXY.startsWith('file://') && !/[,|]/.test(settings.GOPROXY)) &&
    !(options.gitHttpUserAgent ?? '').includes('proxy.golang.org')
  ) {
    if (settings.GOSUMDB === 'off')
      return {
        plan: {
          verified: true,
          reason: 'toolchain',
          failure: 'verifying module: checksum database disabled by GOSUMDB=off',
        },
      };
    const db = parseGoSumDb(settings.GOSUMDB);
    if (!db.ok || db.value.off)
      return {
        plan: {
          verified: true,
          reason: 'toolchain',
          failure: `verifying module: ${db.ok ? 'checksum database disabled by GOSUMDB=off' : db.error}`,
        },
        ...(db.ok ? {} : { error: db.error }),
      };
    return { plan: { verified: true, db: db.value.name, url: db.value.url, reason: 'toolchain' } };
  }
  if (settings.GOSUMDB === 'off') return { plan: { verified: false, reason: 'gosumdb-off' } };
  const pattern = matchingPattern(settings.GONOSUMDB, modulePath);
  if (pattern !== undefined) return { plan: { verified: false, reason: 'gonosumdb', pattern } };
  const db = parseGoSumDb(settings.GOSUMDB);
  // go reports an invalid GOSUMDB when it first needs the database, i.e. for this module.
  if (!db.ok) return { plan: { verified: false, reason: 'invalid-gosumdb' }, error: db.error };
  if (db.value.off) return { plan: { verified: false, reason: 'gosumdb-off' } };
  return { plan: { verified: true, db: db.value.name, url: db.value.url, reason: 'checked' } };
}
