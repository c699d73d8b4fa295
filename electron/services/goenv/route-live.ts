import type { RoutePlan, RouteStep } from '../../../shared/go/route';
import { redactUrl } from '../../../shared/go/goproxy';
import { escapePath, escapeVersion } from '../../../shared/go/modpath';
import type { GoResult } from '../../../shared/go/result';
import { listZipNames } from './zipnames';
import { withoutTrailingSlashes } from '../../../shared/text';

/**
 * Walks a route for real, the way go 1.19's modfetch does: each file (.info, .mod, .zip for a version;
 * @v/list then @latest without one) goes through the chain separately with TryProxies' rules — fall back
 * after "not found" (404/410, missing file), after any error only where the separator was '|' — and the
 * error go would report is the most helpful one by TryProxies' ranking. Version control ("direct") is
 * not fetched: the walk stops there and says so.
 */
export type LiveFile = 'list' | 'latest' | 'info' | 'mod' | 'zip';

export interface LiveAttempt {
  file: LiveFile;
  index: number;
  /** 'timeout': no answer within our deadline; go has none and would wait there forever. */
  outcome: 'ok' | 'not-found' | 'error' | 'timeout' | 'off' | 'not-checked';
  status?: number;
  error?: string;
}

export interface LiveRoute {
  /** The entry that served every file, or null when go's download would fail (or was not checked). */
  servedBy: number | null;
  files: Partial<Record<LiveFile, number>>;
  attempts: LiveAttempt[];
  /** What go would report when the download fails. */
  error?: string;
  /** The version resolved from @v/list or @latest when none was given. */
  version?: string;
  /** With `listFirst`: whether @v/list named the version (null when no list was had). */
  listed?: boolean | null;
  /** Mirrors that answered 401/403, explained by go's credential rules (added by the service). */
  auth?: Array<{ index: number; status: number; code: string; values: Record<string, string | number> }>;
}

export type FetchResult =
  | { kind: 'response'; status: number; statusText: string; body: Uint8Array }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string }
  | { kind: 'timeout'; message: string };

/** Fetches one URL of the GOPROXY protocol (http, https or file); never throws for network failures. */
export type ProxyFetcher = (url: string, options: { maxBytes: number }) => Promise<FetchResult>;

/** modfetch/codehost.MaxZipFile and MaxGoMod/MaxLICENSE-style limits for the small files. */
export const MAX_ZIP_BYTES = 500 << 20;
const MAX_SMALL_BYTES = 16 << 20;

type Rank = 0 | 1 | 2;
const NOT_EXIST: Rank = 0;
const PROXY: Rank = 1;
const DIRECT: Rank = 2;

interface StepOutcome {
  attempt: LiveAttempt;
  body?: Uint8Array;
}

export async function walkRoute(
  plan: RoutePlan,
  module: { path: string; version?: string },
  fetcher: ProxyFetcher,
  options: {
    /** Ask for @v/list before the version's files and stop with `notListed` when it is not there (toolchains). */
    listFirst?: { notListed: string };
  } = {},
): Promise<LiveRoute> {
  const result: LiveRoute = { servedBy: null, files: {}, attempts: [] };
  if (plan.error) return { ...result, error: plan.error };
  let version = module.version;

  const fetchThroughChain = async (file: LiveFile): Promise<Uint8Array | null> => {
    let bestError: string | undefined;
    let bestRank: Rank = NOT_EXIST;
    for (const [index, step] of plan.steps.entries()) {
      const { attempt, body } = await tryStep(step, index, file, module.path, version, fetcher);
      result.attempts.push(attempt);
      if (attempt.outcome === 'ok') {
        result.files[file] = index;
        return body!;
      }
      if (attempt.outcome === 'timeout') {
        // go's module client has no deadline: it would still be waiting here, whatever the separator.
        result.error = attempt.error;
        return null;
      }
      const notExist = attempt.outcome === 'not-found' || attempt.outcome === 'off';
      if (step.kind === 'direct' || step.kind === 'noproxy') {
        bestError = attempt.error;
        bestRank = DIRECT;
      } else if (bestRank <= PROXY && !notExist) {
        bestError = attempt.error;
        bestRank = PROXY;
      } else if (bestRank === NOT_EXIST) {
        bestError = attempt.error;
      }
      if (step.fallback !== 'any' && !notExist) break;
    }
    result.error = bestError ?? 'GOPROXY list is empty';
    return null;
  };

  if (version !== undefined && options.listFirst) {
    const list = await fetchThroughChain('list');
    if (list === null) return { ...result, listed: null };
    const listed = new TextDecoder()
      .decode(list)
      .split('\n')
      .some((line) => line.trim().split(/\s+/)[0] === version);
    result.listed = listed;
    if (!listed) return { ...result, error: options.listFirst.notListed };
  }
  if (version === undefined) {
    const list = await fetchThroughChain('list');
    if (list === null) return result;
    version = highestRelease(new TextDecoder().decode(list));
    if (version === undefined) {
      delete result.error;
      const latest = await fetchThroughChain('latest');
      if (latest === null) return result;
      version = parseInfo(latest)?.Version;
      if (version === undefined) return { ...result, error: `${module.path}: invalid @latest response` };
    }
    result.version = version;
  }

  for (const file of ['info', 'mod', 'zip'] as const) {
    const body = await fetchThroughChain(file);
    if (body === null) return result;
    if (file === 'zip') {
      // downloadZip checks the entries after TryProxies has returned: no fallback from a bad zip.
      const problem = zipProblem(body, `${module.path}@${version}/`);
      if (problem) return { ...result, error: problem };
    }
  }
  const served = new Set(Object.values(result.files));
  result.servedBy = served.size === 1 ? [...served][0]! : null;
  return result;
}

async function tryStep(
  step: RouteStep,
  index: number,
  file: LiveFile,
  modulePath: string,
  version: string | undefined,
  fetcher: ProxyFetcher,
): Promise<StepOutcome> {
  const base = { file, index };
  if (step.kind === 'off') {
    return { attempt: { ...base, outcome: 'off', error: 'module lookup disabled by GOPROXY=off' } };
  }
  if (step.kind !== 'proxy' || step.url === undefined) {
    return {
      attempt: {
        ...base,
        outcome: 'not-checked',
        error: `${modulePath}: go would fetch this from its version control repository (not checked live)`,
      },
    };
  }
  const url = proxyFileUrl(step.url, modulePath, file, version);
  const got = await fetcher(url, { maxBytes: file === 'zip' ? MAX_ZIP_BYTES + 1 : MAX_SMALL_BYTES });
  const where = `${modulePath}${version ? `@${version}` : ''}: reading ${redactUrl(url)}`;
  if (got.kind === 'missing')
    return { attempt: { ...base, outcome: 'not-found', error: `${where}: file does not exist` } };
  if (got.kind === 'failed')
    return { attempt: { ...base, outcome: 'error', error: `${where}: ${got.message}` } };
  if (got.kind === 'timeout')
    return { attempt: { ...base, outcome: 'timeout', error: `${where}: ${got.message}` } };
  if (got.status === 404 || got.status === 410) {
    return {
      attempt: {
        ...base,
        outcome: 'not-found',
        status: got.status,
        error: `${where}: ${got.status} ${got.statusText}`,
      },
    };
  }
  if (got.status < 200 || got.status > 299) {
    return {
      attempt: {
        ...base,
        outcome: 'error',
        status: got.status,
        error: `${where}: ${got.status} ${got.statusText}`,
      },
    };
  }
  if (file === 'zip' && got.body.length > MAX_ZIP_BYTES) {
    return {
      attempt: {
        ...base,
        outcome: 'error',
        status: got.status,
        error: `${where}: downloaded zip file too large`,
      },
    };
  }
  if (file === 'info') {
    // proxyRepo.Stat decodes the JSON inside TryProxies, so a bad .info is an error of this entry.
    const info = parseInfo(got.body);
    if (!info) {
      return {
        attempt: {
          ...base,
          outcome: 'error',
          status: got.status,
          error: `${where}: invalid response from proxy (not .info JSON)`,
        },
      };
    }
    if (version !== undefined && info.Version !== version) {
      return {
        attempt: {
          ...base,
          outcome: 'error',
          status: got.status,
          error: `${where}: proxy returned info for version ${info.Version} instead of requested version`,
        },
      };
    }
  }
  return { attempt: { ...base, outcome: 'ok', status: got.status }, body: got.body };
}

/** `<base>/<escaped path>/@v/<escaped version>.info` and friends, joined as path.Join does. */
export function proxyFileUrl(base: string, modulePath: string, file: LiveFile, version?: string): string {
  const trimmed = withoutTrailingSlashes(base);
  const mod = escaped(escapePath(modulePath));
  if (file === 'list') return `${trimmed}/${mod}/@v/list`;
  if (file === 'latest') return `${trimmed}/${mod}/@latest`;
  return `${trimmed}/${mod}/@v/${escaped(escapeVersion(version ?? ''))}.${file}`;
}

/** The path and version were checked before the walk, so escaping cannot fail here. */
function escaped(result: GoResult<string>): string {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function parseInfo(body: Uint8Array): { Version: string } | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(body));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const v = (value as { Version?: unknown }).Version;
    return { Version: typeof v === 'string' ? v : '' };
  } catch {
    return null;
  }
}

/** proxyRepo.Versions keeps canonical, non-pseudo versions; go then picks the highest release. */
function highestRelease(list: string): string | undefined {
  const versions = list
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((v) => /^v\d+\.\d+\.\d+$/.test(v));
  versions.sort((a, b) => {
    const pa = a.slice(1).split('.').map(Number);
    const pb = b.slice(1).split('.').map(Number);
    return pa[0]! - pb[0]! || pa[1]! - pb[1]! || pa[2]! - pb[2]!;
  });
  return versions.at(-1);
}

function zipProblem(body: Uint8Array, prefix: string): string | undefined {
  const names = listZipNames(body);
  if (names === null) return `${prefix.slice(0, -1)}: zip: not a valid zip file`;
  const bad = names.find((n) => !n.startsWith(prefix));
  return bad === undefined ? undefined : `zip for ${prefix.slice(0, -1)} has unexpected file ${bad}`;
}
