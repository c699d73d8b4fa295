import type { ProbeResult } from '../../../shared/contract';
import { ProbeCancelled } from './classification';
import { openConnection, type ConnectOptions } from './connect';
import { routeFor } from './proxy';
import type { Session } from './sample';
import { below, type Endpoint, type ModuleVersion } from './targets';
import { now, span, type ConnectionTimings } from './timings';
import { servesToolchains, TOOLCHAIN_LIST_PATH } from './toolchain';

/**
 * The checks beyond latency, done once per live mirror after its samples: whether it proxies the
 * checksum database, whether it serves go toolchains, whether it speaks HTTP/2, and optionally how
 * fast it delivers a larger zip.
 */

/** A module zip of a few MB on every mirror: large enough for a transfer rate to mean something. */
export const DEFAULT_THROUGHPUT_MODULE = 'golang.org/x/text@v0.14.0';
/** go's own limit for a module zip. */
const MAX_ZIP_BYTES = 500 * 1024 * 1024;
/** A download may take longer than one request phase; it still has to end. */
const THROUGHPUT_BODY_TIMEOUT_MS = 120_000;
/**
 * golang.org/toolchain's list names every release for every platform: tens of KB on proxy.golang.org,
 * growing by about 10 KB a year. The same cap as the freshness module's list.
 */
const MAX_TOOLCHAIN_LIST_BYTES = 1024 * 1024;

/**
 * go asks `<proxy>/sumdb/<name>/supported` before using a proxy for the checksum database: 200 means
 * yes, 404 or 410 no (go then tries the next entry, then sum.golang.org itself). Anything else leaves
 * it unknown.
 */
export async function checkSumdb(session: Session, base: Endpoint): Promise<boolean | undefined> {
  try {
    const { answer } = await session.fetch(below(base, 'sumdb/sum.golang.org/supported'), {
      maxBytes: 64 * 1024,
    });
    if (answer.status === 200) return true;
    if (answer.status === 404 || answer.status === 410) return false;
    return undefined;
  } catch (error) {
    if (error instanceof ProbeCancelled) throw error;
    return undefined;
  }
}

/**
 * Whether the mirror serves go toolchains: its answer to `golang.org/toolchain/@v/list`, the first
 * request go makes for a toolchain switch (servesToolchains says how each answer counts).
 */
export async function checkToolchain(session: Session, base: Endpoint): Promise<boolean | null> {
  try {
    const { answer } = await session.fetch(below(base, TOOLCHAIN_LIST_PATH), {
      maxBytes: MAX_TOOLCHAIN_LIST_BYTES,
    });
    return servesToolchains(answer.status, answer.body);
  } catch (error) {
    if (error instanceof ProbeCancelled) throw error;
    // A timeout, a reset, a TLS or proxy failure, an endless redirect or a list past the cap: the
    // mirror was alive a moment ago, so this says nothing about whether it serves toolchains.
    return null;
  }
}

/**
 * Whether the server picks HTTP/2 when offered it by ALPN (as go's transport offers it). A handshake
 * of its own, because the probe's requests speak HTTP/1.1; plain http never negotiates HTTP/2.
 */
export async function checkHttp2(
  base: Endpoint,
  options: Omit<ConnectOptions, 'alpn'> & { proxyConfig: Parameters<typeof routeFor>[1] },
): Promise<boolean | undefined> {
  if (base.scheme !== 'https') return false;
  const route = routeFor(base, options.proxyConfig);
  if ('failure' in route) return undefined;
  const timings: ConnectionTimings = { dns: null, connect: null, tls: null, alpn: null };
  try {
    const socket = await openConnection(base, route.proxy, { ...options, alpn: ['h2', 'http/1.1'] }, timings);
    socket.destroy();
    return timings.alpn === 'h2';
  } catch (error) {
    if (error instanceof ProbeCancelled) throw error;
    return undefined;
  }
}

export async function measureThroughput(
  session: Session,
  base: Endpoint,
  module: ModuleVersion,
): Promise<NonNullable<ProbeResult['throughput']>> {
  const zip = below(base, module.zipPath);
  const url = `${base.display}/${module.zipPath}`;
  const started = now();
  try {
    const { answer } = await session.fetch(zip, {
      maxBytes: MAX_ZIP_BYTES,
      bodyTimeoutMs: THROUGHPUT_BODY_TIMEOUT_MS,
    });
    if (answer.status !== 200)
      return { url, error: `HTTP ${answer.status} for ${module.path}@${module.version}.zip` };
    // From the first byte: the rate of the transfer itself, not of connecting.
    const ms = span(answer.firstByte, answer.done);
    const bytes = answer.body.length;
    return {
      url,
      bytes,
      ms: span(started, answer.done),
      mbPerSecond: ms > 0 ? Math.round((bytes / 1e6 / (ms / 1000)) * 1000) / 1000 : 0,
    };
  } catch (error) {
    if (error instanceof ProbeCancelled) throw error;
    return { url, error: error instanceof Error ? error.message : String(error) };
  }
}
