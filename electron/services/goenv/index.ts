import type {
  GoEnvHistory,
  GoEnvReport,
  GoEnvSource,
  GoEnvUndoResult,
  GoEnvUseRequest,
  GoEnvVar,
  GoEnvWriteRequest,
  GoEnvWriteResult,
} from '../../../shared/contract';
import {
  GO_BUILTIN_DEFAULTS,
  REPORTED_VARS,
  VERSION_DEPENDENT_VARS,
  parseGoEnvFile,
  parseGoVersion,
} from '../../../shared/go/envfile';
import type { Host } from '../host';
import { goEnvHistory, planGoEnvWrite, undoGoEnv, writeGoEnv } from './commit';
import { queryGo } from './gocmd';
import { GoEnvHistoryStore } from './history';
import { locateGoEnvFile } from './locate';
import { explainRoute, type RouteReport, type RouteRequest } from './route';
import { createProxyFetcher } from './route-fetch';
import { goproxyForUse, resolveMirror } from './use';
import { AppError } from '../../dispatch';

export { locateGoEnvFile } from './locate';
export { describeOverride, findOverrides } from './overrides';
export { createProxyFetcher } from './route-fetch';

export interface GoEnvService {
  read(): Promise<GoEnvReport>;
  /** How go would fetch a module with the current settings (plus overrides); `live` walks it for real. */
  route(request: RouteRequest): Promise<RouteReport>;
  /** `go env -w` and then `go env -u` as one atomic, snapshotted change (see commit.ts). */
  write(request: GoEnvWriteRequest): Promise<GoEnvWriteResult>;
  /** `go env -w KEY=VALUE...`: go's validation and bytes, atomically, with a snapshot. */
  set(assignments: string[], options?: { dryRun?: boolean }): Promise<GoEnvWriteResult>;
  /** `go env -u KEY...`, likewise. */
  unset(keys: string[], options?: { dryRun?: boolean }): Promise<GoEnvWriteResult>;
  /** Takes back the newest change still in the history (see history.ts); a second undo goes further back. */
  undo(): Promise<GoEnvUndoResult>;
  /** The snapshots, newest first (at most 50). */
  history(): Promise<GoEnvHistory>;
  /** Sets GOPROXY to a mirror (see use.ts), through `set`: validated, snapshotted, undoable. */
  use(request: GoEnvUseRequest): Promise<GoEnvWriteResult>;
  /** The env file's bytes before and after a change, validated as `write` does, nothing written. */
  planFile(request: GoEnvWriteRequest): ReturnType<typeof planGoEnvWrite>;
}

export interface GoEnvDependencies {
  /** Probes the catalogue and gives the best healthy mirror's URL, or null; `use fastest` needs it. */
  fastestMirror?: () => Promise<string | null>;
}

const LIVE_TIMEOUT_MS = 15_000;

export function createGoEnvService(host: Host, deps: GoEnvDependencies = {}): GoEnvService {
  const history = new GoEnvHistoryStore(host);
  const resolve = async (target: string): Promise<string> => {
    if (target !== 'fastest') return resolveMirror(target);
    if (!deps.fastestMirror)
      throw new AppError('invalid-input', '"fastest" needs the probing engine, which is not available here');
    const url = await deps.fastestMirror();
    if (url === null) {
      throw new AppError(
        'no-healthy-mirror',
        'no catalogue mirror answered every sample correctly; run `goproxy-desk probe` to see why, or name a mirror',
      );
    }
    return url;
  };
  return {
    use: async ({ target, fallback, dryRun }) => {
      const url = await resolve(target);
      const fallbackUrl = fallback === undefined ? undefined : resolveMirror(fallback);
      const goproxy = goproxyForUse(await readGoEnv(host), url, fallbackUrl);
      return writeGoEnv(host, history, { set: [`GOPROXY=${goproxy}`], ...(dryRun ? { dryRun } : {}) });
    },
    read: () => readGoEnv(host),
    planFile: (request) => planGoEnvWrite(host, request),
    write: (request) => writeGoEnv(host, history, request),
    set: (assignments, options = {}) => writeGoEnv(host, history, { set: assignments, ...options }),
    unset: (keys, options = {}) => writeGoEnv(host, history, { unset: keys, ...options }),
    undo: () => undoGoEnv(host, history),
    history: () => goEnvHistory(history),
    route: async (request) =>
      explainRoute(
        await readGoEnv(host),
        request,
        createProxyFetcher({ timeoutMs: request.timeoutMs ?? LIVE_TIMEOUT_MS, proxyEnv: host.env }),
      ),
  };
}

/**
 * Go's module-fetching settings with the source of each value. When go is on PATH its own
 * `go env -json` gives the effective values; the env file is always read too, so that the source of
 * each value is known, and so that the report still has the file's values when go is missing.
 */
export async function readGoEnv(host: Host): Promise<GoEnvReport> {
  const envFile = locateGoEnvFile(host);
  const [go, fileText] = await Promise.all([queryGo(host), envFile ? host.readText(envFile) : null]);
  const file = parseGoEnvFile(fileText ?? '');
  const goEnv = go && !('error' in go.env) ? go.env : null;
  const version = go ? parseGoVersion(go.version) : null;
  // Since Go 1.21 a line "KEY=" in the user file counts (it hides $GOROOT/go.env); before, empty means unset.
  const emptyFileValueCounts = version !== null && (version[0] > 1 || version[1] >= 21);

  const names: string[] = [...REPORTED_VARS];
  for (const name of VERSION_DEPENDENT_VARS) if (goEnv && name in goEnv) names.push(name);

  const vars: Record<string, GoEnvVar> = {};
  for (const name of names) {
    const osValue = host.env[name] || undefined;
    const fileValue = name === 'GOENV' ? undefined : file.get(name);
    const fileCounts = fileValue !== undefined && (fileValue !== '' || emptyFileValueCounts);
    const source: GoEnvSource = osValue !== undefined ? 'os-env' : fileCounts ? 'env-file' : 'default';
    const value =
      goEnv?.[name] ?? ownValue(name, source, osValue, fileValue, { file, env: host.env, envFile });
    vars[name] = {
      value,
      source,
      ...(fileValue !== undefined ? { fileValue } : {}),
      ...(osValue !== undefined ? { osValue } : {}),
    };
  }

  return {
    go: go ? { path: go.path, version: go.version } : null,
    envFile,
    vars,
    ...(go && 'error' in go.env ? { goError: go.env.error } : {}),
  };
}

interface Context {
  file: Map<string, string>;
  env: Host['env'];
  envFile: string | null;
}

/** The effective value as go would compute it, for when go itself cannot be asked. */
function ownValue(
  name: string,
  source: GoEnvSource,
  osValue: string | undefined,
  fileValue: string | undefined,
  ctx: Context,
): string {
  if (source === 'os-env') return osValue!;
  if (source === 'env-file') return fileValue!;
  if (name === 'GOENV') return ctx.envFile ?? 'off';
  // GONOPROXY and GONOSUMDB default to GOPRIVATE, wherever GOPRIVATE came from.
  if (name === 'GONOPROXY' || name === 'GONOSUMDB')
    return ctx.env.GOPRIVATE || ctx.file.get('GOPRIVATE') || '';
  return GO_BUILTIN_DEFAULTS[name] ?? '';
}
