import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { SecureContext } from 'node:tls';
import type {
  HistoryReadRequest,
  HistoryReport,
  ProbeProgress,
  ProbeReport,
  ProbeResult,
  ProbeRunRequest,
  ProbeSample,
} from '../../../shared/contract';
import { proxyConfigFromEnv } from '../../../shared/go/noproxy';
import { AppError } from '../../dispatch';
import type { Host } from '../host';
import { ProbeCancelled } from './classification';
import {
  checkHttp2,
  checkSumdb,
  checkToolchain,
  DEFAULT_THROUGHPUT_MODULE,
  measureThroughput,
} from './extras';
import { compareFreshness, DEFAULT_FRESHNESS_MODULE, fetchLatest, type Latest } from './freshness';
import { ProbeHistory } from './history';
import { Session, takeSample, type SessionOptions } from './sample';
import { DEFAULT_SLOW_MS, summarize } from './summary';
import {
  escapeModulePath,
  parseModuleVersion,
  resolveMirrors,
  type KnownMirror,
  type MirrorTarget,
  type ModuleVersion,
} from './targets';
import { loadTrust } from './trust';

export { pickFastest } from './summary';

/**
 * Mirror probing (DESIGN §6): every mirror in parallel under a concurrency cap, its samples in sequence,
 * each sample the module's .info on a new connection and again on the kept-alive one, every phase timed
 * and under a deadline, on the network path go would take. Results are summed up per mirror, compared
 * for freshness, appended to the probe history, and streamed sample by sample to progress listeners.
 */
export interface ProbeService {
  run(request: ProbeRunRequest, options?: ProbeRunOptions): Promise<ProbeReport>;
  /** Cancels the named run, or every run; resolves how many were cancelled. */
  cancel(runId?: string): number;
  /** Hears every sample of every run (the app forwards these as probe:progress events). */
  onProgress(listener: (event: ProbeProgress) => void): () => void;
  history(request: HistoryReadRequest): Promise<HistoryReport>;
}

export interface ProbeRunOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProbeProgress) => void;
}

export const PROBE_DEFAULTS = {
  samples: 5,
  timeoutMs: 5000,
  module: 'rsc.io/quote@v1.5.2',
  concurrency: 8,
  slowMs: DEFAULT_SLOW_MS,
} as const;

/** .info is a few dozen bytes; anything this large is not module info. */
const MAX_INFO_BYTES = 64 * 1024;
/**
 * Reading go's certificate files takes a while (hundreds of files on Debian) and they rarely change,
 * so runs within this long of each other share them; a CA installed meanwhile counts from the next.
 */
const TRUST_TTL_MS = 60_000;

export interface ProbeDependencies {
  /** Checks a mirror's copy of a module against the checksum database (the sumdb service). */
  verify?: (mirror: string, module: string) => Promise<NonNullable<ProbeResult['integrity']>>;
  /** The mirrors a run probes when it names none, and whose ids it knows (default: the catalogue). */
  mirrors?: () => Promise<readonly KnownMirror[]>;
  /** History older than this many days is dropped when a run is recorded (default: kept while it fits). */
  retentionDays?: () => Promise<number>;
}

export function createProbeService(host: Host, deps: ProbeDependencies = {}): ProbeService {
  const runs = new Map<string, AbortController>();
  const listeners = new Set<(event: ProbeProgress) => void>();
  const history = new ProbeHistory(host.dataDir);
  let trust: { loaded: number; context: Promise<SecureContext | undefined> } | undefined;
  const trusted = (): Promise<SecureContext | undefined> => {
    if (trust === undefined || host.now() - trust.loaded > TRUST_TTL_MS) {
      const context = loadTrust(host);
      trust = { loaded: host.now(), context };
      context.catch(() => (trust = undefined));
    }
    return trust.context;
  };

  return {
    async run(request, options = {}) {
      const targets = resolveMirrors(request.mirrors, deps.mirrors ? await deps.mirrors() : undefined);
      if (!targets.ok) throw new AppError('invalid-input', targets.error);
      const module = parseModuleVersion(request.module ?? PROBE_DEFAULTS.module);
      if (!module.ok) throw new AppError('invalid-input', `module: ${module.error}`);
      const freshnessModule = request.freshnessModule ?? DEFAULT_FRESHNESS_MODULE;
      const freshnessPath = escapeModulePath(freshnessModule);
      if (!freshnessPath.ok) throw new AppError('invalid-input', `freshness module: ${freshnessPath.error}`);
      let throughputModule: ModuleVersion | undefined;
      if (request.throughput || request.throughputModule) {
        const parsed = parseModuleVersion(request.throughputModule ?? DEFAULT_THROUGHPUT_MODULE);
        if (!parsed.ok) throw new AppError('invalid-input', `throughput module: ${parsed.error}`);
        throughputModule = parsed.value;
      }
      const runId = request.runId ?? randomUUID();
      if (runs.has(runId))
        throw new AppError('invalid-input', `A probe run named "${runId}" is already running.`);

      const controller = new AbortController();
      runs.set(runId, controller);
      const signal = options.signal
        ? AbortSignal.any([controller.signal, options.signal])
        : controller.signal;
      // Every phase of every mirror in flight listens to it for cancellation, and stops listening after.
      setMaxListeners(0, signal);
      const samples = request.samples ?? PROBE_DEFAULTS.samples;
      const startedAt = new Date(host.now()).toISOString();
      const emit = (target: MirrorTarget, sample: ProbeSample): void => {
        const event: ProbeProgress = { runId, id: target.id, url: target.base.display, samples, sample };
        options.onProgress?.(event);
        for (const listener of listeners) listener(event);
      };

      try {
        const session: SessionOptions = {
          connect: {
            host,
            secureContext: await trusted(),
            timeoutMs: request.timeoutMs ?? PROBE_DEFAULTS.timeoutMs,
            signal,
          },
          proxyConfig: proxyConfigFromEnv(host.env),
        };
        const probed = await mapLimit(
          targets.value,
          request.concurrency ?? PROBE_DEFAULTS.concurrency,
          (target) =>
            probeMirror(target, {
              session,
              module: module.value,
              samples,
              slowMs: request.slowMs ?? PROBE_DEFAULTS.slowMs,
              freshnessModule,
              throughputModule,
              emit: (sample) => emit(target, sample),
            }),
        );
        if (signal.aborted) throw new ProbeCancelled();
        const latest = new Map(probed.flatMap((p) => (p.latest ? [[p.result.url, p.latest] as const] : [])));
        const freshness = compareFreshness(freshnessModule, latest);
        let results = probed.map(({ result }) => {
          const fresh = freshness.get(result.url);
          return fresh ? withFreshness(result, fresh) : result;
        });
        const verify = deps.verify;
        if (request.verify && verify) {
          const spec = `${module.value.path}@${module.value.version}`;
          results = await Promise.all(
            results.map(async (r) =>
              r.status === 'dead' || signal.aborted ? r : { ...r, integrity: await verify(r.url, spec) },
            ),
          );
        }
        const retentionDays = deps.retentionDays ? await deps.retentionDays() : undefined;
        await history.append(results, startedAt, retentionDays);
        return { startedAt, module: `${module.value.path}@${module.value.version}`, results };
      } catch (error) {
        if (error instanceof ProbeCancelled) {
          throw new AppError(
            'cancelled',
            'The probe was cancelled before it finished; nothing was recorded.',
          );
        }
        throw error;
      } finally {
        runs.delete(runId);
      }
    },

    cancel(runId) {
      const chosen =
        runId === undefined ? [...runs.values()] : [runs.get(runId)].filter((c) => c !== undefined);
      for (const c of chosen) c.abort();
      return chosen.length;
    },

    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    history: (request) => history.read(request),
  };
}

interface MirrorJob {
  session: SessionOptions;
  module: ModuleVersion;
  samples: number;
  slowMs: number;
  freshnessModule: string;
  throughputModule: ModuleVersion | undefined;
  emit(sample: ProbeSample): void;
}

async function probeMirror(
  target: MirrorTarget,
  job: MirrorJob,
): Promise<{ result: ProbeResult; latest?: Latest }> {
  const samples: ProbeSample[] = [];
  for (let i = 0; i < job.samples; i++) {
    if (job.session.connect.signal.aborted) throw new ProbeCancelled();
    const sample = await takeSample(i, target, {
      ...job.session,
      module: job.module,
      maxBytes: MAX_INFO_BYTES,
    });
    samples.push(sample);
    job.emit(sample);
  }
  const summary = summarize(samples, job.slowMs);
  const session = new Session(job.session);
  const proxy = session.proxyFor(target.base);
  const result: Omit<ProbeResult, 'toolchain'> = {
    id: target.id,
    url: target.base.display,
    ...summary,
    samples,
    ...(proxy ? { proxy: { url: proxy.display, tunnel: target.base.scheme === 'https' } } : {}),
  };
  // A dead mirror is not asked whether it serves toolchains: unknown, but the key is always there.
  if (summary.status === 'dead') return { result: { ...result, toolchain: null } };
  try {
    const [sumdb, http2] = await Promise.all([
      checkSumdb(session, target.base),
      checkHttp2(target.base, { ...job.session.connect, proxyConfig: job.session.proxyConfig }),
    ]);
    const toolchain = await checkToolchain(session, target.base);
    const latest = await fetchLatest(session, target.base, job.freshnessModule);
    const throughput = job.throughputModule
      ? await measureThroughput(session, target.base, job.throughputModule)
      : undefined;
    return {
      result: {
        ...result,
        ...(sumdb !== undefined ? { sumdb } : {}),
        ...(http2 !== undefined ? { http2 } : {}),
        toolchain,
        ...(throughput ? { throughput } : {}),
      },
      latest,
    };
  } finally {
    session.close();
  }
}

/** Keeps the result's keys in the documented order, freshness before throughput. */
function withFreshness(result: ProbeResult, freshness: NonNullable<ProbeResult['freshness']>): ProbeResult {
  const { throughput, ...rest } = result;
  return { ...rest, freshness, ...(throughput ? { throughput } : {}) };
}

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
