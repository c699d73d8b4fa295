import type { ProbePhases } from '../../../shared/contract';
import { ProbeCancelled } from './classification';

/**
 * The probe's clock and its phase deadlines. Timestamps come from performance.now() (monotonic,
 * sub-millisecond) and are taken synchronously in the callbacks that mark each phase: the DNS answer,
 * the socket's 'connect', the TLS 'secureConnect', undici's request start and first response byte.
 */
export const now = (): number => performance.now();

/** A duration in milliseconds, to 0.01 ms. */
export function span(from: number, to: number): number {
  return Math.round((to - from) * 100) / 100;
}

/** What opening one connection cost, phase by phase; null for a phase that did not happen. */
export interface ConnectionTimings {
  dns: number | null;
  /** TCP connect, plus reaching the target through the HTTP proxy when there is one. */
  connect: number | null;
  tls: number | null;
  /** The protocol the server chose by ALPN, for TLS connections. */
  alpn: string | null;
}

/** The DNS, connect and TLS time of the connections one request needed (more than one after a redirect). */
export function connectionPhases(
  connections: readonly ConnectionTimings[],
): Pick<ProbePhases, 'dns' | 'connect' | 'tls'> {
  const sum = (key: 'dns' | 'connect' | 'tls'): number | null => {
    const values = connections.map((c) => c[key]).filter((v): v is number => v !== null);
    return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
  };
  return { dns: sum('dns'), connect: sum('connect'), tls: sum('tls') };
}

export interface Deadline {
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Waits for one phase under its deadline and the run's abort signal. When time runs out or the run is
 * cancelled, `stop` releases what the phase holds (it destroys the socket) and the wait rejects with
 * `onTimeout()` or ProbeCancelled; a late result is ignored.
 */
export function within<T>(
  work: Promise<T>,
  deadline: Deadline,
  onTimeout: () => Error,
  stop: () => void = () => undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { signal } = deadline;
    const end = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      end();
      stop();
      reject(new ProbeCancelled());
    };
    const timer = setTimeout(() => {
      end();
      stop();
      reject(onTimeout());
    }, deadline.timeoutMs);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        end();
        resolve(value);
      },
      (error: unknown) => {
        end();
        reject(error);
      },
    );
  });
}
