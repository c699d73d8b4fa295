import type { ProbeError, ProbeSample } from '../../../shared/contract';
import type { ProxyConfig } from '../../../shared/go/noproxy';
import {
  checkInfo,
  classifyError,
  ProbeCancelled,
  ProbeFailure,
  proxyAuthFailure,
  statusFailure,
  tooManyRedirects,
  type FailureContext,
} from './classification';
import type { ConnectOptions } from './connect';
import { routeFor, type ProxyHop } from './proxy';
import type { Client } from 'undici';
import { connectionTo, exchange, type Answer } from './request';
import {
  below,
  endpointHref,
  parseEndpoint,
  type Endpoint,
  type MirrorTarget,
  type ModuleVersion,
} from './targets';
import { connectionPhases, now, span, type ConnectionTimings } from './timings';

/** Go's own limit is 10; a mirror needs none, so more than a few means something is wrong. */
const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface SessionOptions {
  connect: Omit<ConnectOptions, 'alpn'>;
  proxyConfig: ProxyConfig;
}

export interface Fetched {
  answer: Answer;
  /** The URL that gave the answer, after redirects. */
  endpoint: Endpoint;
  redirects: number;
  /** Connections opened for this fetch (none when the kept-alive one served it). */
  opened: ConnectionTimings[];
}

/**
 * The connections of one sample (or of one mirror's extra checks): one undici Client per origin and
 * path through a proxy, so a redirect to another server gets its own connection and a second request
 * to the same one reuses the kept-alive connection.
 */
export class Session {
  private readonly clients = new Map<string, Promise<Client>>();
  /** Every connection opened for this session, in the order they were opened. */
  private readonly opened: ConnectionTimings[] = [];

  constructor(private readonly options: SessionOptions) {}

  /** The proxy go would use for the mirror's base URL, for the result. */
  proxyFor(endpoint: Endpoint): ProxyHop | null {
    const route = routeFor(endpoint, this.options.proxyConfig);
    return 'proxy' in route ? route.proxy : null;
  }

  /** GET with up to MAX_REDIRECTS redirects followed, as go's client does (it allows 10). */
  async fetch(start: Endpoint, extra: { maxBytes: number; bodyTimeoutMs?: number }): Promise<Fetched> {
    const openedBefore = this.opened.length;
    let endpoint = start;
    for (let redirects = 0; ; redirects++) {
      const route = routeFor(endpoint, this.options.proxyConfig);
      if ('failure' in route) throw route.failure;
      const ctx = this.context(endpoint, route.proxy);
      const ask = async (): Promise<Answer> =>
        exchange(await this.client(endpoint, route.proxy), endpoint, route.proxy, {
          timeoutMs: this.options.connect.timeoutMs,
          signal: this.options.connect.signal,
          maxBytes: extra.maxBytes,
          ...(extra.bodyTimeoutMs !== undefined ? { bodyTimeoutMs: extra.bodyTimeoutMs } : {}),
          ctx,
        });
      const openedBeforeAsking = this.opened.length;
      let answer: Answer;
      try {
        answer = await ask();
      } catch (error) {
        // A kept-alive connection the server closed just as the request went out: go's transport sends
        // such a GET again on a new connection, so the probe does too, once.
        const reused = this.opened.length === openedBeforeAsking;
        if (!reused || !(error instanceof ProbeFailure) || !closedBeforeAnswer(error)) throw error;
        answer = await ask();
      }
      // Only a proxy answers 407, and only when go talks to it in absolute form (plain http).
      if (answer.status === 407 && route.proxy) throw proxyAuthFailure(ctx);
      const location = answer.headers.location;
      if (!REDIRECTS.has(answer.status) || typeof location !== 'string') {
        return { answer, endpoint, redirects, opened: this.opened.slice(openedBefore) };
      }
      if (redirects === MAX_REDIRECTS) throw tooManyRedirects(answer.status, location, MAX_REDIRECTS, ctx);
      endpoint = this.redirectTarget(endpoint, location, ctx);
    }
  }

  context(endpoint: Endpoint, proxy: ProxyHop | null): FailureContext {
    return {
      subject: endpoint.subject,
      timeoutMs: this.options.connect.timeoutMs,
      ...(proxy ? { proxy: proxy.display } : {}),
    };
  }

  /** The timings of every connection opened so far, finished or not. */
  openedSoFar(): ConnectionTimings[] {
    return [...this.opened];
  }

  close(): void {
    for (const client of this.clients.values()) void client.then((c) => c.destroy()).catch(() => undefined);
    this.clients.clear();
  }

  private client(endpoint: Endpoint, proxy: ProxyHop | null): Promise<Client> {
    const key = `${endpoint.scheme}://${endpoint.hostname}:${endpoint.port} via ${proxy?.display ?? 'direct'}`;
    let client = this.clients.get(key);
    if (!client) {
      client = connectionTo(endpoint, proxy, { ...this.options.connect, alpn: ['http/1.1'] }, this.opened);
      this.clients.set(key, client);
    }
    return client;
  }

  private redirectTarget(from: Endpoint, location: string, ctx: FailureContext): Endpoint {
    let next: ReturnType<typeof parseEndpoint>;
    try {
      next = parseEndpoint(new URL(location, endpointHref(from)).href);
    } catch {
      next = { ok: false, error: 'not a URL' };
    }
    if (!next.ok) {
      throw new ProbeFailure({
        kind: 'bad-response',
        phase: 'ttfb',
        detail: 'bad-redirect',
        message: `${ctx.subject} redirected to ${JSON.stringify(location)}, which cannot be followed (${next.error}). Pick another mirror.`,
      });
    }
    const target = next.value;
    // go's client sends the credentials on only to the same host or a subdomain of it, on the same port
    // (net/http shouldCopyHeaderOnRedirect), unless the new URL carries its own.
    const sameSite =
      target.port === from.port &&
      (target.hostname === from.hostname || target.hostname.endsWith(`.${from.hostname}`));
    return target.authorization || !from.authorization || !sameSite
      ? target
      : { ...target, authorization: from.authorization };
  }
}

function closedBeforeAnswer(failure: ProbeFailure): boolean {
  return (
    failure.error.kind === 'reset' && (failure.error.phase === 'connect' || failure.error.phase === 'ttfb')
  );
}

export interface SampleOptions extends SessionOptions {
  module: ModuleVersion;
  maxBytes: number;
}

/** The probe's failure for anything thrown while sampling; cancellation passes through. */
function toProbeError(error: unknown, ctx: FailureContext): ProbeError {
  if (error instanceof ProbeCancelled) throw error;
  return classifyError(error, 'connect', ctx);
}

/**
 * One sample: the module's .info on a new connection (cold), then again on the kept-alive one (warm).
 * Both must give go-acceptable info JSON for the sample to count as a success.
 */
export async function takeSample(
  index: number,
  target: MirrorTarget,
  options: SampleOptions,
): Promise<ProbeSample> {
  const session = new Session(options);
  const info = below(target.base, options.module.infoPath);
  const check = (fetched: Fetched): void => {
    const ctx = session.context(fetched.endpoint, session.proxyFor(fetched.endpoint));
    if (fetched.answer.status !== 200) throw statusFailure(fetched.answer.status, fetched.endpoint.path, ctx);
    const problem = checkInfo(
      fetched.answer.body,
      fetched.answer.headers['content-type'] as string | undefined,
      options.module.canonical ? options.module.version : null,
      ctx,
    );
    if (problem) throw problem;
  };

  let cold: ProbeSample['cold'] | undefined;
  let httpStatus: number | undefined;
  let redirects = 0;
  const started = now();
  try {
    const first = await session.fetch(info, { maxBytes: options.maxBytes });
    httpStatus = first.answer.status;
    redirects = first.redirects;
    cold = {
      ...connectionPhases(first.opened),
      ttfb: span(first.answer.sent, first.answer.firstByte),
      total: span(started, first.answer.done),
    };
    check(first);

    const warmStarted = now();
    const second = await session.fetch(info, { maxBytes: options.maxBytes });
    httpStatus = second.answer.status;
    check(second);
    return {
      index,
      ok: true,
      httpStatus,
      redirects,
      cold,
      warm: {
        ttfb: span(second.answer.sent, second.answer.firstByte),
        total: span(warmStarted, second.answer.done),
        reused: second.opened.length === 0,
      },
    };
  } catch (error) {
    const failure = toProbeError(error, session.context(info, session.proxyFor(info)));
    return {
      index,
      ok: false,
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      redirects,
      // A request that failed on its way still shows where the time went, and how long until it failed.
      cold: cold ?? { ...connectionPhases(session.openedSoFar()), ttfb: null, total: span(started, now()) },
      warm: null,
      error: failure,
    };
  } finally {
    session.close();
  }
}
