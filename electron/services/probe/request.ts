import type { IncomingHttpHeaders } from 'node:http';
import type * as Undici from 'undici';
import type { Client, Dispatcher } from 'undici';
import type { ProbePhase } from '../../../shared/contract';
import {
  classifyError,
  ProbeCancelled,
  ProbeFailure,
  timeoutFailure,
  tooLarge,
  type FailureContext,
} from './classification';
import { openConnection, type ConnectOptions } from './connect';
import type { ProxyHop } from './proxy';
import { endpointHref, type Endpoint } from './targets';
import { now, type ConnectionTimings } from './timings';

/**
 * One GET over undici, timed from the moment the request is written to the socket (undici's request
 * start) to the first byte of the answer (the HTTP parser's message begin) and to its end, each phase
 * under the deadline. The connection comes from openConnection, so its own phases are timed too.
 */

let undici: Promise<typeof Undici> | undefined;

/** Loading undici takes tens of milliseconds: only a command that probes should wait for it. */
function loadUndici(): Promise<typeof Undici> {
  undici ??= import('undici');
  return undici;
}

/**
 * An undici Client to the endpoint's origin: one connection at a time, kept alive between requests.
 * Every connection it opens (a reconnect too) is logged in `opened` with its timings.
 */
export async function connectionTo(
  endpoint: Endpoint,
  proxy: ProxyHop | null,
  options: ConnectOptions,
  opened: ConnectionTimings[],
): Promise<Client> {
  const { Client } = await loadUndici();
  const host = endpoint.hostname.includes(':') ? `[${endpoint.hostname}]` : endpoint.hostname;
  const client = new Client(`${endpoint.scheme}://${host}:${endpoint.port}`, {
    connect: (_undiciOptions, callback) => {
      const timings: ConnectionTimings = { dns: null, connect: null, tls: null, alpn: null };
      opened.push(timings);
      openConnection(endpoint, proxy, options, timings).then(
        (socket) => callback(null, socket),
        (error: Error) => callback(error, null),
      );
    },
    pipelining: 1,
    // The probe's own per-phase deadlines apply; undici's would race them.
    headersTimeout: 0,
    bodyTimeout: 0,
    keepAliveTimeout: 30_000,
  });
  return client;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** performance.now() when the request was written, when the answer's first byte came, when it ended. */
  sent: number;
  firstByte: number;
  done: number;
}

export interface ExchangeOptions {
  timeoutMs: number;
  signal: AbortSignal;
  maxBytes: number;
  /** The body's deadline when it differs from the phases' (a large download). */
  bodyTimeoutMs?: number;
  ctx: FailureContext;
}

/** The request headers go sends that matter to a mirror; the same User-Agent so CDNs treat us alike. */
function requestHeaders(endpoint: Endpoint, proxy: ProxyHop | null): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'Go-http-client/1.1' };
  if (endpoint.authorization) headers.authorization = endpoint.authorization;
  if (proxy && endpoint.scheme === 'http' && proxy.authorization) {
    headers['proxy-authorization'] = proxy.authorization;
  }
  return headers;
}

export function exchange(
  client: Client,
  endpoint: Endpoint,
  proxy: ProxyHop | null,
  options: ExchangeOptions,
): Promise<Answer> {
  const { signal, ctx, maxBytes } = options;
  // Through a proxy, plain http is asked for in absolute form; https goes through the tunnel as usual.
  const path = proxy && endpoint.scheme === 'http' ? endpointHref(endpoint) : endpoint.path || '/';
  return new Promise<Answer>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let phase: ProbePhase = 'connect';
    let sent = 0;
    let firstByte = 0;
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;

    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      return true;
    };
    const fail = (error: unknown): void => {
      if (!finish()) return;
      reject(
        error instanceof ProbeCancelled || error instanceof ProbeFailure
          ? error
          : new ProbeFailure(classifyError(error, phase, ctx)),
      );
    };
    // Before the request is written there is nothing of undici's to abort: the connection's own
    // deadlines and the signal end the connect; afterwards aborting destroys the socket.
    const stop = (error: Error): void => {
      if (controller && !controller.aborted) controller.abort(error);
      else fail(error);
    };
    const onAbort = (): void => stop(new ProbeCancelled());
    const arm = (next: ProbePhase, ms: number): void => {
      phase = next;
      clearTimeout(timer);
      timer = setTimeout(() => stop(timeoutFailure(next, ctx)), ms);
    };

    if (signal.aborted) {
      fail(new ProbeCancelled());
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctrl) {
        controller = ctrl;
        sent = now();
        arm('ttfb', options.timeoutMs);
      },
      onResponseStarted() {
        firstByte = now();
        arm('body', options.bodyTimeoutMs ?? options.timeoutMs);
      },
      onResponseStart(ctrl, statusCode, responseHeaders) {
        status = statusCode;
        headers = responseHeaders;
        if (Number(responseHeaders['content-length']) > maxBytes)
          ctrl.abort(tooLarge(maxBytes, endpoint.path, ctx));
      },
      onResponseData(ctrl, chunk) {
        size += chunk.length;
        if (size > maxBytes) ctrl.abort(tooLarge(maxBytes, endpoint.path, ctx));
        else chunks.push(chunk);
      },
      onResponseEnd() {
        if (finish()) resolve({ status, headers, body: Buffer.concat(chunks), sent, firstByte, done: now() });
      },
      onResponseError(_ctrl, error) {
        fail(error);
      },
    };
    try {
      client.dispatch({ method: 'GET', path, headers: requestHeaders(endpoint, proxy) }, handler);
    } catch (error) {
      fail(error);
    }
  });
}
