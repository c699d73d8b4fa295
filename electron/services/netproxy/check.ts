import type { Socket } from 'node:net';
import type * as Undici from 'undici';
import type { ProbeError } from '../../../shared/contract';
import { httpMirrors } from '../../../shared/go/goproxy';
import { AppError } from '../../dispatch';
import { readGoEnv } from '../goenv';
import type { Host } from '../host';
import { PROBE_DEFAULTS } from '../probe';
import {
  checkInfo,
  classifyError,
  formatDuration,
  ProbeFailure,
  timeoutFailure,
  type FailureContext,
} from '../probe/classification';
import { openConnection, type ConnectOptions } from '../probe/connect';
import { openTunnel, type ProxyHop } from '../probe/proxy';
import { exchange, type Answer } from '../probe/request';
import {
  below,
  endpointHref,
  parseEndpoint,
  parseModuleVersion,
  resolveMirrors,
  type Endpoint,
  type ModuleVersion,
} from '../probe/targets';
import { now, span, within, type ConnectionTimings } from '../probe/timings';
import { loadTrust } from '../probe/trust';
import { parseProxyUrl } from './settings';
import type { ProxyUrl } from './types';

/**
 * The proxy test: does this HTTP proxy carry go's traffic to a module mirror? Two requests go through
 * it, as go's transport sends them: a CONNECT tunnel with TLS to the mirror inside (how every https://
 * GOPROXY is fetched), and a plain-HTTP request in absolute form (how http:// URLs and most tools' plain
 * traffic go). Both ask for rsc.io/quote v1.5.2's .info, the probe's file (DESIGN §6): a few immutable
 * bytes every public mirror serves, whose JSON proves that module serving works end to end, where the
 * mirror's root page would prove only that some web server answered.
 *
 * It is built from the probe's own pieces (connect, tunnel, exchange, classification, timing), taken
 * one step at a time so that each step is timed and a failure is pinned to the step that failed: the
 * proxy unreachable, the proxy refusing, the proxy unable to reach the mirror, TLS, or the mirror.
 * The proxy is always used, even where go's NO_PROXY rules would bypass it: the proxy is what is tested.
 */

export interface ProxyCheckRequest {
  proxy: string;
  /** A mirror URL or catalogue id; by default the first mirror of the GOPROXY in use, else goproxy.cn. */
  mirror?: string;
  /** The deadline of each step (connecting, the tunnel, TLS, the answer), as for the probe. */
  timeoutMs?: number;
}

export interface ProxyCheck {
  /** forward: a plain-HTTP absolute-form request through the proxy; connect: a CONNECT tunnel, then TLS. */
  mode: 'forward' | 'connect';
  /** The URL requested (no credentials). */
  target: string;
  outcome: 'ok' | 'auth-required' | 'refused' | 'timeout' | 'dns' | 'tls' | 'bad-response' | 'error';
  /** The HTTP status the proxy or the mirror answered. */
  status?: number;
  /** One English sentence; the password never appears in it. */
  message: string;
  /**
   * Milliseconds; null for a step that did not happen or did not finish. connect: reaching the proxy
   * (DNS, TCP, and TLS for an https:// proxy); tunnel: the proxy's answer to CONNECT; tls: the handshake
   * with the mirror inside the tunnel; ttfb: request written to first byte of the answer; total: all.
   */
  timings: {
    connect: number | null;
    tunnel: number | null;
    tls: number | null;
    ttfb: number | null;
    total: number;
  };
}

export interface ProxyCheckReport {
  /** The proxy URL, password hidden. */
  proxy: string;
  /** The mirror's URL, password hidden. */
  mirror: string;
  ok: boolean;
  checks: ProxyCheck[];
}

export const DEFAULT_CHECK_MIRROR = 'https://goproxy.cn';
const MAX_TIMEOUT_MS = 120_000;
/** Module info, a redirect or a proxy's error page: all far below this. */
const MAX_ANSWER_BYTES = 64 * 1024;

export async function checkProxy(host: Host, request: ProxyCheckRequest): Promise<ProxyCheckReport> {
  const proxy = parseProxyUrl(request.proxy);
  const timeoutMs = request.timeoutMs ?? PROBE_DEFAULTS.timeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new AppError(
      'invalid-input',
      `timeout: ${timeoutMs} is not a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}.`,
    );
  }
  const base = await mirrorBase(host, request.mirror);
  const module = parseModuleVersion(PROBE_DEFAULTS.module);
  if (!module.ok) throw new Error(module.error);

  const check: CheckContext = {
    proxy,
    hop: hopOf(proxy),
    proxyEndpoint: endpointOfProxy(proxy),
    module: module.value,
    connect: {
      host,
      secureContext: await loadTrust(host),
      timeoutMs,
      // Nothing cancels a check; every step still ends at its deadline.
      signal: new AbortController().signal,
      alpn: ['http/1.1'],
    },
  };
  const checks = await Promise.all([
    runCheck(check, 'connect', below(atScheme(base, 'https'), module.value.infoPath)),
    runCheck(check, 'forward', below(atScheme(base, 'http'), module.value.infoPath)),
  ]);
  // Only the proxy answers CONNECT, so when it refused credentials there, a 401 to the forwarded request
  // is its refusal too (tinyproxy answers wrong credentials with 401), not the mirror asking for its own.
  const [tunnelled, forwarded] = checks;
  if (tunnelled?.outcome === 'auth-required' && forwarded?.status === 401) {
    Object.assign(forwarded, authRequired(check, 401));
  }
  return {
    proxy: proxy.display,
    mirror: base.display,
    ok: checks.every((c) => c.outcome === 'ok'),
    checks,
  };
}

/** The mirror asked for, or the one go fetches from now: the first http(s) entry of the effective GOPROXY. */
async function mirrorBase(host: Host, asked: string | undefined): Promise<Endpoint> {
  let raw = asked;
  if (raw === undefined) {
    const goproxy = (await readGoEnv(host)).vars.GOPROXY?.value ?? '';
    raw = httpMirrors(goproxy, { windows: host.platform === 'win32' })[0] ?? DEFAULT_CHECK_MIRROR;
  }
  const resolved = resolveMirrors([raw]);
  if (!resolved.ok) throw new AppError('invalid-input', `mirror: ${resolved.error}`);
  return resolved.value[0]!.base;
}

/**
 * The mirror's URL with the other scheme: the scheme's default port for a default port, an explicit
 * port kept. Credentials go along only to https, never in clear text over plain HTTP.
 */
function atScheme(base: Endpoint, scheme: 'http' | 'https'): Endpoint {
  if (base.scheme === scheme) return base;
  const port =
    base.port === (base.scheme === 'https' ? 443 : 80) ? (scheme === 'https' ? 443 : 80) : base.port;
  const parsed = parseEndpoint(endpointHref({ ...base, scheme, port }));
  if (!parsed.ok) throw new Error(parsed.error);
  return scheme === 'https' && base.authorization
    ? { ...parsed.value, authorization: base.authorization }
    : parsed.value;
}

/** The proxy as the probe's tunnel and requests name it; Basic credentials as go sends them. */
function hopOf(proxy: ProxyUrl): ProxyHop {
  const credentials = `${proxy.username ?? ''}:${proxy.password ?? ''}`;
  return {
    scheme: proxy.scheme,
    hostname: proxy.host,
    port: proxy.port,
    display: proxy.display,
    ...(proxy.username !== undefined
      ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
      : {}),
  };
}

/** host:port as CONNECT names it, IPv6 in brackets. */
function authorityOf(e: { hostname: string; port: number }): string {
  return `${e.hostname.includes(':') ? `[${e.hostname}]` : e.hostname}:${e.port}`;
}

/** The proxy as a server of its own, so the probe's connect times reaching it apart from the rest. */
function endpointOfProxy(proxy: ProxyUrl): Endpoint {
  const parsed = parseEndpoint(
    `${proxy.scheme}://${authorityOf({ hostname: proxy.host, port: proxy.port })}`,
  );
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

interface CheckContext {
  proxy: ProxyUrl;
  hop: ProxyHop;
  proxyEndpoint: Endpoint;
  module: ModuleVersion;
  connect: ConnectOptions;
}

/** The step a check failed in: reaching the proxy, the CONNECT, TLS with the mirror, or the request. */
type Step = 'proxy' | 'tunnel' | 'tls' | 'request';

type Verdict = Pick<ProxyCheck, 'outcome' | 'status' | 'message'>;

async function runCheck(
  check: CheckContext,
  mode: ProxyCheck['mode'],
  target: Endpoint,
): Promise<ProxyCheck> {
  const timings: ProxyCheck['timings'] = { connect: null, tunnel: null, tls: null, ttfb: null, total: 0 };
  const ctx: FailureContext = {
    subject: target.subject,
    timeoutMs: check.connect.timeoutMs,
    proxy: check.hop.display,
  };
  const started = now();
  let step: Step = 'proxy';
  let socket: Socket | undefined;
  let client: Undici.Client | undefined;
  let verdict: Verdict;
  try {
    // The probe's breakdown of this connection (DNS, TCP, TLS to an https:// proxy) is one step here.
    const toProxy: ConnectionTimings = { dns: null, connect: null, tls: null, alpn: null };
    socket = await openConnection(check.proxyEndpoint, null, check.connect, toProxy);
    timings.connect = span(started, now());
    if (mode === 'connect') {
      step = 'tunnel';
      const tunnelStarted = now();
      await openTunnel(socket, target, check.hop, check.connect, ctx);
      timings.tunnel = span(tunnelStarted, now());
      step = 'tls';
      const tlsStarted = now();
      socket = await handshake(socket, target, check.connect, ctx);
      timings.tls = span(tlsStarted, now());
    }
    step = 'request';
    client = await clientOver(target, socket);
    const answer = await exchange(client, target, check.hop, {
      timeoutMs: check.connect.timeoutMs,
      signal: check.connect.signal,
      maxBytes: MAX_ANSWER_BYTES,
      ctx,
    });
    timings.ttfb = span(answer.sent, answer.firstByte);
    timings.total = span(started, answer.done);
    verdict = judgeAnswer(check, mode, target, answer, ctx);
  } catch (error) {
    timings.total = span(started, now());
    verdict = explainFailure(check, mode, step, target, classifyError(error, 'connect', ctx));
  } finally {
    if (client) void client.destroy().catch(() => undefined);
    socket?.destroy();
  }
  return { mode, target: endpointHref(target), ...verdict, timings };
}

/**
 * TLS with the mirror inside the tunnel, by undici's own connector (what its ProxyAgent does with a
 * tunnel): go's trust store, no session resumption, so the handshake measured is a full one.
 */
async function handshake(
  tunnel: Socket,
  target: Endpoint,
  options: ConnectOptions,
  ctx: FailureContext,
): Promise<Socket> {
  const { buildConnector } = await import('undici');
  const connector = buildConnector({
    ...(options.secureContext ? { secureContext: options.secureContext } : {}),
    rejectUnauthorized: true,
    maxCachedSessions: 0,
    keepAlive: false,
    // The probe's deadline applies instead.
    timeout: 0,
  });
  const secure = new Promise<Socket>((resolve, reject) =>
    connector(
      {
        hostname: target.hostname,
        host: authorityOf(target),
        protocol: 'https:',
        port: String(target.port),
        httpSocket: tunnel,
      },
      (error, socket) => (error ? reject(error) : resolve(socket)),
    ),
  );
  try {
    return await within(
      secure,
      options,
      () => timeoutFailure('tls', ctx),
      () => tunnel.destroy(),
    );
  } catch (error) {
    if (error instanceof ProbeFailure) throw error;
    throw new ProbeFailure(classifyError(error, 'tls', ctx));
  }
}

/** An undici Client that runs its one request on a connection already made (to the proxy, or tunnelled). */
async function clientOver(target: Endpoint, socket: Socket): Promise<Undici.Client> {
  const { Client } = await import('undici');
  let unused: Socket | null = socket;
  return new Client(`${target.scheme}://${authorityOf(target)}`, {
    connect: (_options, callback) => {
      const given = unused;
      unused = null;
      // Later, not from inside undici's connect: a synchronous answer there leaves the request unsent.
      queueMicrotask(() =>
        given
          ? callback(null, given)
          : callback(
              Object.assign(new Error('the connection through the proxy was lost'), { code: 'ECONNRESET' }),
              null,
            ),
      );
    },
    pipelining: 1,
    // The probe's own per-phase deadlines apply; undici's would race them.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}

function judgeAnswer(
  check: CheckContext,
  mode: ProxyCheck['mode'],
  target: Endpoint,
  answer: Answer,
  ctx: FailureContext,
): Verdict {
  const { status } = answer;
  const proxy = check.proxy.display;
  const via =
    mode === 'connect'
      ? `The proxy ${proxy} opened a tunnel to ${target.subject}`
      : `The proxy ${proxy} forwarded a plain-HTTP request to ${target.subject}`;
  const info = `${check.module.path} ${check.module.version}'s info`;
  if (status === 407) return authRequired(check, status);
  if (status === 200) {
    const problem = checkInfo(answer.body, header(answer, 'content-type'), check.module.version, ctx);
    if (problem === null) return { outcome: 'ok', status, message: `${via} and the mirror served ${info}.` };
    const what =
      problem.error.detail === 'html' ? 'an HTML page (a block page or captive portal?)' : 'something else';
    return {
      outcome: 'bad-response',
      status,
      message: `${via}, but the answer for ${info} was ${what}, not module info: the proxy or a device on the way replaced it.`,
    };
  }
  const location = header(answer, 'location');
  if (status >= 300 && status < 400 && location !== undefined) {
    return {
      outcome: 'ok',
      status,
      message: `${via}, which answered HTTP ${status} (a redirect to ${location.slice(0, 200)}); that proves the proxy carries this traffic.`,
    };
  }
  if (status >= 500) {
    // In absolute form the proxy itself answers when it cannot reach the mirror; squid says why.
    if (mode === 'forward' && /^ERR_DNS_FAIL\b/.test(header(answer, 'x-squid-error') ?? '')) {
      return {
        outcome: 'dns',
        status,
        message: `The proxy ${proxy} could not resolve ${target.hostname} (HTTP ${status}): check the mirror's address, or the proxy's DNS.`,
      };
    }
    return {
      outcome: 'error',
      status,
      message:
        mode === 'forward'
          ? `The proxy ${proxy} answered HTTP ${status} for ${endpointHref(target)}: it could not reach ${target.subject}, or the mirror is failing.`
          : `${via}, but the mirror answered HTTP ${status} for ${info}: the proxy works, the mirror is failing.`,
    };
  }
  return {
    outcome: 'bad-response',
    status,
    message: `${via}, but the answer for ${info} was HTTP ${status}: ${
      status === 404 || status === 410
        ? 'is this a Go module mirror?'
        : status === 401
          ? 'the mirror wants credentials of its own (put them in the mirror URL).'
          : 'the proxy or the mirror refuses the request.'
    }`,
  };
}

function header(answer: Answer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** 407, or 401 from a proxy that answers wrong credentials so. */
function authRequired(check: CheckContext, status: number): Verdict {
  const { display, username } = check.proxy;
  return {
    outcome: 'auth-required',
    status,
    message:
      username === undefined
        ? `The proxy ${display} wants credentials (HTTP ${status}): put them in the proxy URL as http://user:password@host:port.`
        : `The proxy ${display} refused the credentials of user ${JSON.stringify(username)} (HTTP ${status}): check the user name and password.`,
  };
}

const TLS_PROBLEMS: Record<string, string> = {
  'self-signed': 'a self-signed certificate',
  'unknown-authority': 'a certificate from an authority this machine does not trust',
  expired: 'an expired certificate',
  'not-yet-valid': 'a certificate that is not valid yet',
  'wrong-host': 'a certificate for another name',
  revoked: 'a revoked certificate',
};

/** A failure as the step it happened in makes it mean: the probe's error kinds, told of the proxy. */
function explainFailure(
  check: CheckContext,
  mode: ProxyCheck['mode'],
  step: Step,
  target: Endpoint,
  error: ProbeError,
): Verdict {
  const proxy = check.proxy.display;
  const limit = formatDuration(check.connect.timeoutMs);
  const address = check.proxyEndpoint.subject;
  const authority = authorityOf(target);
  switch (step) {
    case 'proxy':
      if (error.kind === 'dns')
        return {
          outcome: 'dns',
          message: `The proxy's host name ${check.proxy.host} does not resolve: check the proxy URL or your DNS settings.`,
        };
      if (error.kind === 'refused')
        return {
          outcome: 'refused',
          message:
            error.detail === 'unreachable'
              ? `The proxy ${proxy} cannot be reached (no route to ${address}): check the proxy URL and your network.`
              : `The proxy ${proxy} refused the connection (nothing listens on ${address}): check the host and port, and that the proxy is running.`,
        };
      if (error.kind === 'timeout')
        return {
          outcome: 'timeout',
          message: `The proxy ${proxy} did not accept the connection within ${limit}: check the address, or whether a firewall drops it.`,
        };
      if (error.kind === 'tls')
        return {
          outcome: 'tls',
          message: `The TLS handshake with the proxy ${proxy} failed (${TLS_PROBLEMS[error.detail ?? ''] ?? error.detail ?? 'handshake'}): check that it speaks https://, or trust its certificate.`,
        };
      return {
        outcome: 'error',
        message: `The proxy ${proxy} closed the connection as soon as it was opened: check that ${address} is an HTTP proxy.`,
      };
    case 'tunnel':
      if (error.status === 407 || error.status === 401) return authRequired(check, error.status);
      if (error.detail === 'timeout')
        return {
          outcome: 'timeout',
          message: `The proxy ${proxy} did not answer CONNECT ${authority} within ${limit}: check that ${address} is an HTTP proxy and is not overloaded.`,
        };
      if (error.detail === 'tunnel-refused' && error.status === 0)
        return {
          outcome: 'bad-response',
          message: `The proxy ${proxy} did not answer CONNECT with HTTP: check that ${address} is an HTTP proxy (not SOCKS).`,
        };
      if (error.detail === 'tunnel-refused' && error.status !== undefined && error.status >= 500)
        return {
          outcome: 'error',
          status: error.status,
          message: `The proxy ${proxy} could not open a tunnel to ${authority} (HTTP ${error.status}): the mirror's name may not resolve, or may not be reachable, from the proxy.`,
        };
      if (error.detail === 'tunnel-refused')
        return {
          outcome: 'error',
          ...(error.status !== undefined ? { status: error.status } : {}),
          message: `The proxy ${proxy} refused to open a tunnel to ${authority} (HTTP ${error.status}): it may block this host or port; ask its administrator.`,
        };
      return {
        outcome: 'error',
        message: `The proxy ${proxy} closed the connection instead of answering CONNECT ${authority}.`,
      };
    case 'tls':
      if (error.kind === 'timeout')
        return {
          outcome: 'timeout',
          message: `The TLS handshake with ${target.subject} through the proxy's tunnel did not finish within ${limit}.`,
        };
      return {
        outcome: 'tls',
        message: `The proxy ${proxy} opened a tunnel to ${target.subject}, but the TLS handshake failed (${
          TLS_PROBLEMS[error.detail ?? ''] ?? 'the connection was cut or is not TLS'
        }): if the proxy inspects TLS, trust its CA (SSL_CERT_FILE or the system store).`,
      };
    case 'request': {
      const through =
        mode === 'connect' ? `through the proxy ${proxy}'s tunnel` : `through the proxy ${proxy}`;
      if (error.kind === 'timeout')
        return {
          outcome: 'timeout',
          message:
            error.phase === 'body'
              ? `The answer from ${target.subject} ${through} stopped arriving for ${limit}.`
              : `No answer came from ${target.subject} ${through} within ${limit} of sending the request.`,
        };
      if (error.kind === 'bad-response')
        return {
          outcome: 'bad-response',
          message:
            error.detail === 'too-large'
              ? `The answer from ${target.subject} ${through} was larger than ${MAX_ANSWER_BYTES / 1024} KiB, far more than module info.`
              : `The answer from ${target.subject} ${through} was not valid HTTP: check that ${address} is an HTTP proxy.`,
        };
      return {
        outcome: 'error',
        message: `The connection ${through} was closed before ${target.subject} answered: the proxy or a firewall may be cutting it.`,
      };
    }
  }
}
