import { randomUUID } from 'node:crypto';
import type {
  GoDownloadRequest,
  GoDownloadResult,
  GoEnvHistory,
  GoEnvReport,
  GoEnvUndoResult,
  GoEnvUseRequest,
  GoEnvVar,
  GoEnvWriteRequest,
  GoEnvWriteResult,
  ToolchainReport,
  ToolchainRequest,
} from '../../../shared/contract';
import { effectiveGoEnv, parseGoEnvFile, type GoEnvLayers } from '../../../shared/go/envfile';
import { STANDARD_GOROOT_ENV, goFacts } from '../../../shared/go/versions';
import type { Host } from '../host';
import type { MirrorInfo } from '../../../shared/mirrors';
import { goEnvHistory, planGoEnvWrite, undoGoEnv, writeGoEnv } from './commit';
import { DOWNLOAD_TIMEOUT_MS, downloadModule, downloadToolchain } from './download';
import { queryGo, type GoCommand } from './gocmd';
import { GoEnvHistoryStore } from './history';
import { locateGoEnvFile } from './locate';
import { effectiveSettings, explainRoute, type RouteReport, type RouteRequest } from './route';
import { createProxyFetcher } from './route-fetch';
import { authHints } from './credentials';
import { explainToolchain } from './toolchain';
import { goproxyForUse, resolveMirror } from './use';
import { AppError } from '../../dispatch';

export { locateGoEnvFile } from './locate';
export { describeOverride, findOverrides } from './overrides';
export { createProxyFetcher } from './route-fetch';
export { toolchainFileFor } from './toolchain';

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
  /** The real `go mod download` of one module with the user's settings (see download.ts). */
  download(request: GoDownloadRequest): Promise<GoDownloadResult>;
  /** Stops the named download, or every one; returns how many were stopped. */
  cancel(runId?: string): number;
  /** Which toolchain go runs for a folder and what a switch would download (see toolchain.ts). */
  toolchain(request: ToolchainRequest): Promise<ToolchainReport>;
}

export interface GoEnvDependencies {
  /** Probes the catalogue and gives the best healthy mirror's URL, or null; `use fastest` needs it. */
  fastestMirror?: () => Promise<string | null>;
  /** The mirrors whose ids `use` knows (default: the catalogue). */
  mirrors?: () => Promise<readonly Pick<MirrorInfo, 'id' | 'url'>[]>;
  /** The module `download` fetches when the request names none (default: rsc.io/quote@v1.5.2). */
  verifyModule?: () => Promise<string>;
}

const DEFAULT_VERIFY_MODULE = 'rsc.io/quote@v1.5.2';

const LIVE_TIMEOUT_MS = 15_000;
const TOOLCHAIN_TIMEOUT_MS = 120_000;
/** How long one `go env -json` answer serves reads while the env file stays byte-identical. */
const GO_ANSWER_REUSE_MS = 3_000;

export function createGoEnvService(host: Host, deps: GoEnvDependencies = {}): GoEnvService {
  const history = new GoEnvHistoryStore(host);
  // `go env -json` is most of a read (a quarter of a second on a slow machine), and the app asks for it
  // from several places at once when it opens (main warms it up, then the overview and the checklist
  // ask). Its answer depends on the env file (same bytes, same answer) and the process environment
  // (fixed), so one run serves the reads of the next few seconds while the file is unchanged; a write,
  // which needs only which go it imitates (its version and go.env), takes any answer that recent.
  let lastGo: { fileText: string | null | undefined; at: number; answer: Promise<GoCommand | null> } | null =
    null;
  const fresh = (h: Host) => lastGo !== null && h.now() - lastGo.at < GO_ANSWER_REUSE_MS;
  const askGo = (h: Host, fileText: string | null | undefined): Promise<GoCommand | null> => {
    const answer = queryGo(h);
    lastGo = { fileText, at: h.now(), answer };
    answer.catch(() => {
      if (lastGo?.answer === answer) lastGo = null;
    });
    return answer;
  };
  const recentGo = (h: Host, fileText: string | null): Promise<GoCommand | null> =>
    fresh(h) && lastGo!.fileText === fileText ? lastGo!.answer : askGo(h, fileText);
  const installed = (h: Host): Promise<GoCommand | null> => (fresh(h) ? lastGo!.answer : askGo(h, undefined));
  const downloads = new Map<string, AbortController>();
  const known = async () => (deps.mirrors ? await deps.mirrors() : undefined);
  const resolve = async (target: string): Promise<string> => {
    if (target !== 'fastest') return resolveMirror(target, await known());
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
      const fallbackUrl = fallback === undefined ? undefined : resolveMirror(fallback, await known());
      const goproxy = goproxyForUse(await readGoEnv(host), url, fallbackUrl);
      return writeGoEnv(
        host,
        history,
        { set: [`GOPROXY=${goproxy}`], ...(dryRun ? { dryRun } : {}) },
        installed,
      );
    },
    read: () => readGoEnv(host, recentGo),
    planFile: (request) => planGoEnvWrite(host, request, installed),
    write: (request) => writeGoEnv(host, history, request, installed),
    set: (assignments, options = {}) =>
      writeGoEnv(host, history, { set: assignments, ...options }, installed),
    unset: (keys, options = {}) => writeGoEnv(host, history, { unset: keys, ...options }, installed),
    undo: () => undoGoEnv(host, history),
    history: () => goEnvHistory(history),
    async download(request) {
      const runId = request.runId ?? randomUUID();
      if (downloads.has(runId))
        throw new AppError('invalid-input', `A download named "${runId}" is already running.`);
      const controller = new AbortController();
      downloads.set(runId, controller);
      try {
        if (request.toolchain !== undefined) {
          return await downloadToolchain(host, {
            toolchain: request.toolchain,
            timeoutMs: request.timeoutMs ?? DOWNLOAD_TIMEOUT_MS,
            signal: controller.signal,
          });
        }
        const module =
          request.module ?? (deps.verifyModule ? await deps.verifyModule() : DEFAULT_VERIFY_MODULE);
        return await downloadModule(host, {
          module,
          timeoutMs: request.timeoutMs ?? DOWNLOAD_TIMEOUT_MS,
          signal: controller.signal,
        });
      } finally {
        downloads.delete(runId);
      }
    },
    cancel(runId) {
      const chosen =
        runId === undefined ? [...downloads.values()] : [downloads.get(runId)].filter((c) => c !== undefined);
      for (const c of chosen) c.abort();
      return chosen.length;
    },
    async toolchain(request) {
      const env = await readGoEnv(host, recentGo);
      const report = await explainToolchain(
        host,
        env,
        request,
        // A toolchain zip is ~70 MB: the live walk gets a deadline to match.
        createProxyFetcher({ timeoutMs: request.timeoutMs ?? TOOLCHAIN_TIMEOUT_MS, proxyEnv: host.env }),
      );
      if (!report.live || !report.download) return report;
      const goproxy = env.vars.GOPROXY?.value ?? '';
      const auth = await authHints(host, env, goproxy, report.download.steps, report.live.attempts);
      return auth.length > 0 ? { ...report, live: { ...report.live, auth } } : report;
    },
    async route(request) {
      const env = await readGoEnv(host);
      const report = await explainRoute(
        env,
        request,
        createProxyFetcher({ timeoutMs: request.timeoutMs ?? LIVE_TIMEOUT_MS, proxyEnv: host.env }),
        host.env.GIT_HTTP_USER_AGENT,
      );
      if (!report.live) return report;
      const goproxy = effectiveSettings(env, request.set ?? []).GOPROXY;
      const auth = await authHints(host, env, goproxy, report.steps, report.live.attempts);
      return auth.length > 0 ? { ...report, live: { ...report.live, auth } } : report;
    },
  };
}

/**
 * Go's module-fetching settings with the source of each value. When go is on PATH its own
 * `go env -json` gives the effective values (run without a toolchain switch, see gocmd.ts); the env
 * file and `$GOROOT/go.env` are always read too, so that the source of each value is known, so that
 * GOTOOLCHAIN is the user's own (go's answer says "local", which we asked for), and so that the report
 * still has the file's values when go is missing. Which variables exist and how the layers combine
 * depend on the version of go (shared/go/versions.ts); without go, the newest we know.
 */
export async function readGoEnv(
  host: Host,
  query: (host: Host, fileText: string | null) => Promise<GoCommand | null> = queryGo,
): Promise<GoEnvReport> {
  const envFile = locateGoEnvFile(host);
  let fileText: string | null = null;
  let envFileError: string | undefined;
  try {
    fileText = envFile ? await host.readText(envFile) : null;
  } catch (error) {
    // go reads on without a file it cannot read (and would hang on a FIFO): so do we, and say why.
    envFileError = (error as Error).message;
  }
  const go = await query(
    envFileError === undefined ? host : { ...host, env: { ...host.env, GOENV: 'off' } },
    fileText,
  );
  const goEnv = go && !('error' in go.env) ? go.env : null;
  const facts = goFacts(go?.version);
  const layers: GoEnvLayers = {
    os: host.env,
    file: parseGoEnvFile(fileText ?? ''),
    // Without go there is no GOROOT to read; a standard installation's go.env is what go would add.
    goroot:
      go === null
        ? facts.gorootEnv
          ? new Map(Object.entries(STANDARD_GOROOT_ENV))
          : null
        : typeof go.gorootEnv?.text === 'string'
          ? parseGoEnvFile(go.gorootEnv.text)
          : null,
  };

  const vars: Record<string, GoEnvVar> = {};
  for (const name of facts.reportedVars) {
    const osValue = host.env[name] || undefined;
    const fileValue = name === 'GOENV' ? undefined : layers.file.get(name);
    const gorootValue = name === 'GOENV' || go === null ? undefined : layers.goroot?.get(name);
    const own =
      name === 'GOENV'
        ? {
            value: envFile ?? 'off',
            source: osValue !== undefined ? ('os-env' as const) : ('default' as const),
          }
        : effectiveGoEnv(facts, layers, name);
    // go's answer is the truth where it has one, but GOTOOLCHAIN there is the "local" we ran it with.
    const value = name !== 'GOTOOLCHAIN' && goEnv?.[name] !== undefined ? goEnv[name] : own.value;
    vars[name] = {
      value,
      // Without go there is no go.env file: its standard values are then go's defaults as far as we know.
      source: go === null && own.source === 'goroot-env' ? 'default' : own.source,
      ...(fileValue !== undefined ? { fileValue } : {}),
      ...(osValue !== undefined ? { osValue } : {}),
      ...(gorootValue !== undefined ? { gorootValue } : {}),
    };
  }
  // The version's read-only variables, as go reports them (GOVERSION, and GOROOT from 1.27 on).
  for (const name of ['GOROOT', 'GOVERSION']) {
    const value = goEnv?.[name];
    if (value === undefined) continue;
    const osValue = host.env[name] || undefined;
    const fileValue = layers.file.get(name);
    vars[name] = {
      value,
      source: osValue !== undefined ? 'os-env' : fileValue ? 'env-file' : 'default',
      ...(fileValue !== undefined ? { fileValue } : {}),
      ...(osValue !== undefined ? { osValue } : {}),
      readOnly: facts.cannotModify.has(name),
    };
  }

  return {
    go: go ? { path: go.path, version: go.version } : null,
    envFile,
    gorootEnvFile: go?.gorootEnv?.file ?? null,
    vars,
    ...(go && 'error' in go.env ? { goError: go.env.error } : {}),
    ...(envFileError !== undefined ? { envFileError } : {}),
  };
}
