import type { GoEnvReport } from '../../../shared/contract';
import { goFacts } from '../../../shared/go/versions';
import { checkPath, splitPathVersion } from '../../../shared/go/modpath';
import { planRoute, type RoutePlan, type RouteSettings } from '../../../shared/go/route';
import { AppError } from '../../dispatch';
import { walkRoute, type LiveRoute, type ProxyFetcher } from './route-live';

/** The variables `route --set` may override: the ones that decide a module's route, and GOPRIVATE. */
export const ROUTE_VARIABLES = [
  'GOPROXY',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOSUMDB',
  'GOINSECURE',
] as const;
type RouteVariable = (typeof ROUTE_VARIABLES)[number];

export interface RouteRequest {
  /** `module` or `module@version`. */
  target: string;
  /** `KEY=VALUE` overrides applied on top of the current settings, in order. */
  set?: string[];
  live?: boolean;
  /** Per-request deadline of the live walk (go itself has none). */
  timeoutMs?: number;
}

export interface RouteReport extends RoutePlan {
  module: string;
  version?: string;
  live?: LiveRoute;
}

/**
 * How go would fetch `target` with the current settings (from `go env`, or the env file when go is
 * missing) and the given overrides; with `live`, walks the chain for real through `fetcher`.
 */
export async function explainRoute(
  report: GoEnvReport,
  request: RouteRequest,
  fetcher: ProxyFetcher,
  gitHttpUserAgent?: string,
): Promise<RouteReport> {
  const { path: modulePath, version } = parseTarget(request.target);
  const settings = effectiveSettings(report, request.set ?? []);
  const plan = planRoute(modulePath, settings, {
    toolchainAlwaysChecksummed: goFacts(report.go?.version).toolchainAlwaysChecksummed,
    ...(gitHttpUserAgent !== undefined ? { gitHttpUserAgent } : {}),
  });
  const base: RouteReport = { module: modulePath, ...(version ? { version } : {}), ...plan };
  if (!request.live) return base;
  return {
    ...base,
    live: await walkRoute(plan, { path: modulePath, ...(version ? { version } : {}) }, fetcher),
  };
}

function parseTarget(target: string): { path: string; version?: string } {
  const { path, version } = splitPathVersion(target);
  const problem = checkPath(path);
  if (problem) throw new AppError('invalid-input', problem);
  if (version === undefined || version === 'latest') return { path };
  if (!/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+incompatible)?$/.test(version)) {
    throw new AppError(
      'invalid-input',
      `${target}: the version must be a full semantic version such as v1.5.2, or "latest" (go resolves queries like "master" through version control)`,
    );
  }
  return { path, version };
}

/** Current values with overrides; GONOPROXY/GONOSUMDB keep following GOPRIVATE where they default to it. */
export function effectiveSettings(
  report: GoEnvReport,
  overrides: readonly string[],
): RouteSettings & { GOPRIVATE: string } {
  const values: Record<RouteVariable, string> = Object.fromEntries(
    ROUTE_VARIABLES.map((key) => [key, report.vars[key]?.value ?? '']),
  ) as Record<RouteVariable, string>;
  const given = new Set<RouteVariable>();
  for (const assignment of overrides) {
    const eq = assignment.indexOf('=');
    const key = assignment.slice(0, Math.max(eq, 0));
    if (eq < 0 || !(ROUTE_VARIABLES as readonly string[]).includes(key)) {
      throw new AppError(
        'invalid-input',
        `--set ${assignment}: expected KEY=VALUE with KEY one of ${ROUTE_VARIABLES.join(', ')}`,
      );
    }
    values[key as RouteVariable] = assignment.slice(eq + 1);
    given.add(key as RouteVariable);
  }
  for (const derived of ['GONOPROXY', 'GONOSUMDB'] as const) {
    const followsPrivate = report.vars[derived]?.source === 'default' || report.vars[derived] === undefined;
    if (given.has('GOPRIVATE') && !given.has(derived) && followsPrivate) values[derived] = values.GOPRIVATE;
  }
  // `--set GOPROXY=` is an empty line in the env file: the default before go 1.21, empty since.
  const facts = goFacts(report.go?.version);
  for (const key of ['GOPROXY', 'GOSUMDB'] as const) {
    if (given.has(key) && values[key] === '' && !facts.emptyFileValueCounts)
      values[key] = facts.builtinDefaults[key] ?? '';
  }
  return values;
}
