import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import net from 'node:net';
import tls, { type DetailedPeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import type { ProbeError, ProbeResult } from '../../../shared/contract';
import { parseGoProxy, redactUrl } from '../../../shared/go/goproxy';
import { parseGoSumDb } from '../../../shared/go/gosumdb';
import type { ProxyConfig } from '../../../shared/go/noproxy';
import { MIRRORS } from '../../../shared/mirrors';
import type { Host } from '../host';
import { checkProxy, DEFAULT_CHECK_MIRROR, type ProxyCheckReport } from '../netproxy/check';
import type { ProbeService } from '../probe';
import {
  classifyError,
  formatDuration,
  ProbeFailure,
  timeoutFailure,
  type FailureContext,
} from '../probe/classification';
import { openConnection, type ConnectOptions } from '../probe/connect';
import { openTunnel, routeFor, type ProxyHop } from '../probe/proxy';
import { connectionTo, exchange, type Answer } from '../probe/request';
import { Session } from '../probe/sample';
import { below, parseEndpoint, parseModuleVersion, type Endpoint } from '../probe/targets';
import { now, span, within, type ConnectionTimings } from '../probe/timings';
import { loadTrust } from '../probe/trust';
import type { GoFacts } from './types';

/**
 * The doctor's live checks, done once per run: the GOPROXY mirrors (the probe engine), the checksum
 * database reached directly, the HTTP proxy go would use (the proxy test, plus one request through it to
 * a loopback echo server to see what it adds), the response headers of each mirror, and the certificate
 * chains of the https services go talks to. Everything is recorded as observed values; the rules
 * (rules-network.ts) judge them. No password is recorded: URLs are kept redacted.
 */

export interface NetworkFacts {
  /** The deadline every phase of every check had: an answer that did not come within it is a hang. */
  timeoutMs: number;
  /** The http(s) GOPROXY entries, in GOPROXY order. */
  mirrors: MirrorFacts[];
  /** The checksum database; null when GOSUMDB is off or invalid (go checks nothing, or fails first). */
  sumdb: SumdbFacts | null;
  /** Each distinct proxy in HTTPS_PROXY / HTTP_PROXY. */
  proxies: ProxyFacts[];
  /** Each https service looked at (mirrors and the checksum database), by host:port. */
  tls: TlsFacts[];
}

export interface MirrorFacts {
  /** Its index among GOPROXY's parsed entries (direct and off count), as the fixes address it. */
  entry: number;
  /** The entry's URL, any password as xxxxx; the probe result's `url` too. */
  url: string;
  /** The probe of this mirror; null when the probe could not run (then `probeError` says why). */
  probe: ProbeResult | null;
  probeError?: string;
  /**
   * The response headers of one request for module info that can tell about the server's internals
   * (names lower case, repeated headers joined with ", "); null when no answer came.
   */
  headers: Record<string, string> | null;
}

/** One request's outcome. */
export interface Reach {
  ok: boolean;
  /** The HTTP status, when an answer came. */
  status?: number;
  /** Request to end of answer, when one came. */
  ms?: number;
  error?: ProbeError;
}

export interface SumdbFacts {
  /** The database's name, e.g. sum.golang.org. */
  name: string;
  /** Where go reaches it when no GOPROXY entry proxies it, password hidden. */
  url: string;
  /** The URL was given in GOSUMDB (or is sum.golang.google.cn's): go then never asks the mirrors. */
  explicit: boolean;
  /** `<url>/latest`, requested as go would (through its HTTP proxy). */
  direct: Reach;
  /** For sum.golang.org at its usual address, which mainland China blocks: the same database via sum.golang.google.cn. */
  alternative?: Reach & { url: string };
}

export type ProxyVariable = 'HTTPS_PROXY' | 'HTTP_PROXY';

/**
 * unreachable: no connection to the proxy, or one it closed without answering; auth-required: it answered 407; hangs: it accepted the
 * connection and never answered; unsupported: a proxy scheme go has no way to use here (socks5...)
 * or that does not parse; ok: it answered (whether it can reach a mirror is the mirrors' facts).
 */
export type ProxyState = 'ok' | 'unreachable' | 'auth-required' | 'hangs' | 'unsupported';

export interface HeaderLine {
  /** Lower case. */
  name: string;
  /** As received; credentials replaced by "(hidden)". */
  value: string;
}

export interface ProxyFacts {
  /** The proxy URL, password hidden. */
  url: string;
  /** The variables that name it (both when they are the same proxy). */
  variables: ProxyVariable[];
  /** Whether the URL carries a user name (never the password itself). */
  credentials: boolean;
  state: ProxyState;
  /** The proxy's HTTP status behind the state (407). */
  status?: number;
  /** One English sentence per observation (the proxy test's checks, the echo request). */
  observations: string[];
  /**
   * Headers present in a request forwarded by the proxy to our loopback echo server that were not in
   * the same request sent directly (hop-by-hop headers left out); null when no forwarded request arrived.
   */
  addedHeaders: HeaderLine[] | null;
}

export interface TlsChain {
  /** Whether go would accept the chain and the name (with go's roots: SSL_CERT_FILE, the system store). */
  goTrusts: boolean;
  /** The verification error when it would not (OpenSSL's or Node's code, e.g. SELF_SIGNED_CERT_IN_CHAIN). */
  goError?: string;
  /** Whether the chain leads to one of the public roots (Node's bundled Mozilla list). */
  publicRoot: boolean;
  /** The distinguished name of the authority at the top of the chain presented. */
  issuer: string;
  /** SHA-256 fingerprint of the top certificate presented, to find the CA to install. */
  topFingerprint: string;
}

export interface TlsFacts {
  /** host:port */
  host: string;
  role: 'mirror' | 'sumdb';
  /** A public service (a catalogued mirror, the public checksum database): a chain not from a public root means interception. */
  publicService: boolean;
  /** The proxy the connection went through, as go's would; password hidden. */
  proxy?: string;
  /** null when no handshake happened (then `error` says why). */
  chain: TlsChain | null;
  error?: string;
}

export interface NetworkOptions {
  /** The deadline of each phase of each check (ms). */
  timeoutMs?: number;
  /** Probe samples per mirror. */
  samples?: number;
}

export const NETWORK_DEFAULTS = { timeoutMs: 3000, samples: 2 } as const;

/** The module info every check asks for: the probe's file (DESIGN §6). */
const INFO_MODULE = 'rsc.io/quote@v1.5.2';
const MAX_ANSWER_BYTES = 64 * 1024;

/** Response headers that can name software versions, internal hosts or addresses. */
export const DISCLOSING_HEADERS = [
  'server',
  'x-powered-by',
  'via',
  'x-aspnet-version',
  'x-aspnetmvc-version',
  'x-backend-server',
  'x-backend',
  'x-upstream',
  'x-served-by',
  'x-server',
  'x-real-server',
  'x-cache',
  'x-generator',
] as const;

/** The checksum databases go users reach that are public services. */
const PUBLIC_SUMDB_HOSTS = new Set(['sum.golang.org', 'sum.golang.google.cn']);
const SUM_GOLANG_ORG = 'https://sum.golang.org';
const SUM_GOLANG_GOOGLE_CN = 'https://sum.golang.google.cn';

export async function gatherNetwork(
  host: Host,
  go: GoFacts,
  deps: { probe: ProbeService },
  options: NetworkOptions = {},
): Promise<NetworkFacts> {
  const timeoutMs = options.timeoutMs ?? NETWORK_DEFAULTS.timeoutMs;
  const samples = options.samples ?? NETWORK_DEFAULTS.samples;
  const goproxy = parseGoProxy(go.report.vars.GOPROXY?.value ?? '', {
    windows: host.platform === 'win32',
  });
  const entries = goproxy.ok ? goproxy.value : [];
  const mirrorEntries = entries.flatMap((e, index) => {
    const endpoint = e.kind === 'proxy' && e.url !== undefined ? parseEndpoint(e.url) : null;
    return endpoint?.ok ? [{ index, raw: e.url!, endpoint: endpoint.value }] : [];
  });
  const sumdb = parseGoSumDb(go.report.vars.GOSUMDB?.value ?? '');
  const sumdbConfig = sumdb.ok && !sumdb.value.off ? sumdb.value : null;

  const connect: Omit<ConnectOptions, 'alpn'> = {
    host,
    secureContext: await loadTrust(host).catch(() => undefined),
    timeoutMs,
    // Nothing cancels the doctor's checks; every phase still ends at its deadline.
    signal: new AbortController().signal,
  };
  const session = { connect, proxyConfig: go.processProxy };

  const tlsTargets = new Map<string, { endpoint: Endpoint; role: TlsFacts['role'] }>();
  for (const m of mirrorEntries) {
    if (m.endpoint.scheme === 'https')
      tlsTargets.set(authority(m.endpoint), { endpoint: m.endpoint, role: 'mirror' });
  }
  const sumdbEndpoint = sumdbConfig ? parseEndpoint(sumdbConfig.url) : null;
  if (sumdbEndpoint?.ok && sumdbEndpoint.value.scheme === 'https') {
    const key = authority(sumdbEndpoint.value);
    if (!tlsTargets.has(key)) tlsTargets.set(key, { endpoint: sumdbEndpoint.value, role: 'sumdb' });
  }

  const [probed, headers, sumdbFacts, proxies, tlsFacts] = await Promise.all([
    probeMirrors(
      deps.probe,
      mirrorEntries.map((m) => m.raw),
      samples,
      timeoutMs,
    ),
    Promise.all(mirrorEntries.map((m) => disclosingHeaders(session, m.endpoint))),
    sumdbConfig ? checkSumdbDirect(session, sumdbConfig) : Promise.resolve(null),
    inspectProxies(host, go.processProxy, mirrorEntries[0]?.raw ?? DEFAULT_CHECK_MIRROR, connect),
    Promise.all(
      [...tlsTargets.values()].map((t) => inspectTls(t.endpoint, t.role, go.processProxy, connect)),
    ),
  ]);

  return {
    timeoutMs,
    mirrors: mirrorEntries.map((m, i) => {
      const probe =
        'results' in probed ? probed.results.find((r) => r.url === m.endpoint.display) : undefined;
      return {
        entry: m.index,
        url: m.endpoint.display,
        probe: probe ?? null,
        ...('error' in probed ? { probeError: probed.error } : {}),
        headers: headers[i] ?? null,
      };
    }),
    sumdb: sumdbFacts,
    proxies,
    tls: tlsFacts,
  };
}

function authority(e: { hostname: string; port: number }): string {
  return `${e.hostname.includes(':') ? `[${e.hostname}]` : e.hostname}:${e.port}`;
}

async function probeMirrors(
  probe: ProbeService,
  urls: string[],
  samples: number,
  timeoutMs: number,
): Promise<{ results: ProbeResult[] } | { error: string }> {
  // No list would mean the whole catalogue to the probe.
  if (urls.length === 0) return { results: [] };
  try {
    const report = await probe.run({ mirrors: urls, samples, timeoutMs, module: INFO_MODULE });
    return { results: report.results };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

interface SessionSettings {
  connect: Omit<ConnectOptions, 'alpn'>;
  proxyConfig: ProxyConfig;
}

/** One request for module info, on go's path, for the headers the probe does not keep. */
async function disclosingHeaders(
  settings: SessionSettings,
  base: Endpoint,
): Promise<Record<string, string> | null> {
  const module = parseModuleVersion(INFO_MODULE);
  if (!module.ok) return null;
  const session = new Session(settings);
  try {
    const { answer } = await session.fetch(below(base, module.value.infoPath), {
      maxBytes: MAX_ANSWER_BYTES,
    });
    const kept: Record<string, string> = {};
    for (const name of DISCLOSING_HEADERS) {
      const value = answer.headers[name];
      if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return kept;
  } catch {
    return null;
  } finally {
    session.close();
  }
}

// --- The checksum database ------------------------------------------------------------------------

async function checkSumdbDirect(
  settings: SessionSettings,
  config: { name: string; url: string; urlExplicit: boolean },
): Promise<SumdbFacts> {
  const direct = await requestLatest(settings, config.url, config.name);
  const facts: SumdbFacts = {
    name: config.name,
    url: redactUrl(config.url),
    explicit: config.urlExplicit,
    direct,
  };
  // The same database under the name go knows as an alias, reachable where sum.golang.org is blocked:
  // worth knowing before suggesting it.
  if (!direct.ok && config.name === 'sum.golang.org' && config.url === SUM_GOLANG_ORG) {
    facts.alternative = {
      url: SUM_GOLANG_GOOGLE_CN,
      ...(await requestLatest(settings, SUM_GOLANG_GOOGLE_CN, config.name)),
    };
  }
  return facts;
}

/**
 * `<url>/latest`: the database's signed tree head, a few hundred bytes. It counts as reached only when
 * the answer is a note signed by the database's key name, so a captive portal's 200 does not.
 */
async function requestLatest(settings: SessionSettings, url: string, name: string): Promise<Reach> {
  const base = parseEndpoint(url);
  if (!base.ok) {
    return {
      ok: false,
      error: { kind: 'bad-response', phase: 'connect', message: `${redactUrl(url)}: ${base.error}` },
    };
  }
  const session = new Session(settings);
  const started = now();
  try {
    const { answer } = await session.fetch(below(base.value, 'latest'), { maxBytes: MAX_ANSWER_BYTES });
    const ms = span(started, answer.done);
    const subject = base.value.subject;
    if (answer.status !== 200) {
      return {
        ok: false,
        status: answer.status,
        ms,
        error: {
          kind: 'http-status',
          phase: 'ttfb',
          status: answer.status,
          message: `${subject} answered HTTP ${answer.status} for /latest.`,
        },
      };
    }
    if (!answer.body.toString('utf8').includes(`\n\u2014 ${name} `)) {
      return {
        ok: false,
        status: 200,
        ms,
        error: {
          kind: 'bad-response',
          phase: 'body',
          message: `${subject} answered /latest with something other than a tree head signed by ${name} (a login page?).`,
        },
      };
    }
    return { ok: true, status: 200, ms };
  } catch (error) {
    const ctx: FailureContext = { subject: base.value.subject, timeoutMs: settings.connect.timeoutMs };
    return {
      ok: false,
      error: error instanceof ProbeFailure ? error.error : classifyError(error, 'connect', ctx),
    };
  } finally {
    session.close();
  }
}

// --- The HTTP proxy -------------------------------------------------------------------------------

/** Headers a proxy legitimately rewrites for its own connection (RFC 9110 §7.6.1), and the body's length. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
]);
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

interface EchoServer {
  port: number;
  close(): Promise<void>;
}

/** Answers every request with the headers it arrived with, as JSON: the mirror a proxy cannot tell from any other. */
async function startEcho(): Promise<EchoServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const body = JSON.stringify({ headers: req.rawHeaders });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

async function inspectProxies(
  host: Host,
  config: ProxyConfig,
  mirror: string,
  connect: Omit<ConnectOptions, 'alpn'>,
): Promise<ProxyFacts[]> {
  const named = new Map<string, ProxyVariable[]>();
  if (config.httpsProxy) named.set(config.httpsProxy, ['HTTPS_PROXY']);
  if (config.httpProxy) named.set(config.httpProxy, [...(named.get(config.httpProxy) ?? []), 'HTTP_PROXY']);
  if (named.size === 0) return [];
  const echo = await startEcho();
  try {
    return await Promise.all(
      [...named].map(([raw, variables]) => inspectProxy(host, raw, variables, mirror, echo, connect)),
    );
  } finally {
    await echo.close();
  }
}

/**
 * The proxy as go's transport reads the variable (Go's URL parsing, "host:port" meaning http://,
 * default ports, Basic credentials): asked of go's own proxy function for a host it would proxy.
 */
function hopOf(raw: string): ProxyHop | string {
  const anyHost = parseEndpoint('http://proxy.golang.org');
  if (!anyHost.ok) throw new Error(anyHost.error);
  const route = routeFor(anyHost.value, { httpProxy: raw, httpsProxy: raw, noProxy: '', cgi: false });
  if ('failure' in route) return route.failure.message;
  if (route.proxy === null) return `go cannot use ${redactUrl(raw)} as a proxy URL.`;
  return route.proxy;
}

async function inspectProxy(
  host: Host,
  raw: string,
  variables: ProxyVariable[],
  mirror: string,
  echo: EchoServer,
  connect: Omit<ConnectOptions, 'alpn'>,
): Promise<ProxyFacts> {
  const hop = hopOf(raw);
  const facts: ProxyFacts = {
    url: typeof hop === 'string' ? redactUrl(raw) : hop.display,
    variables,
    credentials: typeof hop !== 'string' && hop.authorization !== undefined,
    state: 'unsupported',
    observations: [],
    addedHeaders: null,
  };
  if (typeof hop === 'string') {
    facts.observations.push(hop);
    return facts;
  }
  const [check, echoed] = await Promise.all([
    checkProxy(host, { proxy: raw, mirror, timeoutMs: connect.timeoutMs }).catch((error: unknown) =>
      error instanceof Error ? error.message : String(error),
    ),
    echoThrough(echo.port, hop, connect),
  ]);
  if (typeof check === 'string') {
    facts.observations.push(check);
    return facts;
  }
  facts.observations.push(...check.checks.map((c) => `${c.mode}: ${c.message}`), echoed.observation);
  facts.addedHeaders = echoed.added;
  Object.assign(facts, proxyState(check, echoed));
  return facts;
}

/**
 * The proxy's own health, told apart from the mirror's behind it by how far each check got: a
 * credentials demand, then a connection that was accepted and never answered, then no answer at all
 * (nothing listening, or a connection closed at once). Anything the proxy answered makes it alive.
 */
function proxyState(check: ProxyCheckReport, echoed: Echoed): Pick<ProxyFacts, 'state' | 'status'> {
  const auth = check.checks.find((c) => c.outcome === 'auth-required');
  if (auth) return { state: 'auth-required', status: auth.status ?? 407 };
  if (echoed.status === 407) return { state: 'auth-required', status: 407 };
  const tunnelHung = check.checks.some(
    (c) =>
      c.mode === 'connect' &&
      c.outcome === 'timeout' &&
      c.timings.connect !== null &&
      c.timings.tunnel === null,
  );
  if (tunnelHung || echoed.hung) return { state: 'hangs' };
  const answered =
    echoed.status !== undefined ||
    check.checks.some((c) => c.status !== undefined || c.timings.tunnel !== null);
  return { state: answered ? 'ok' : 'unreachable' };
}

interface Echoed {
  /** The proxy's status for our request, when it answered. */
  status?: number;
  hung: boolean;
  added: HeaderLine[] | null;
  observation: string;
}

/**
 * The same GET to the loopback echo server, once directly and once through the proxy in absolute form
 * (as go sends http:// requests to a proxy); the headers only the second one arrived with are the
 * proxy's. go never proxies loopback names, but here the proxy is named explicitly.
 */
async function echoThrough(
  port: number,
  hop: ProxyHop,
  connect: Omit<ConnectOptions, 'alpn'>,
): Promise<Echoed> {
  const target = parseEndpoint(`http://127.0.0.1:${port}/goproxy-desk-echo`);
  if (!target.ok) throw new Error(target.error);
  const limit = formatDuration(connect.timeoutMs);
  const ask = async (proxy: ProxyHop | null): Promise<Answer> => {
    const opened: ConnectionTimings[] = [];
    const client = await connectionTo(target.value, proxy, { ...connect, alpn: ['http/1.1'] }, opened);
    try {
      return await exchange(client, target.value, proxy, {
        timeoutMs: connect.timeoutMs,
        signal: connect.signal,
        maxBytes: MAX_ANSWER_BYTES,
        ctx: {
          subject: target.value.subject,
          timeoutMs: connect.timeoutMs,
          ...(proxy ? { proxy: proxy.display } : {}),
        },
      });
    } finally {
      void client.destroy().catch(() => undefined);
    }
  };
  let baseline: HeaderLine[];
  try {
    baseline = echoedHeaders(await ask(null)) ?? [];
  } catch (error) {
    return {
      hung: false,
      added: null,
      observation: `echo: the local echo server did not answer (${String(error)}).`,
    };
  }
  let answer: Answer;
  try {
    answer = await ask(hop);
  } catch (error) {
    const problem = error instanceof ProbeFailure ? error.error : null;
    const hung = problem?.kind === 'timeout' && (problem.phase === 'ttfb' || problem.phase === 'body');
    return {
      hung,
      added: null,
      observation: hung
        ? `echo: the proxy ${hop.display} accepted a request for a local server that answers at once, and did not answer within ${limit}.`
        : `echo: a request through the proxy ${hop.display} failed: ${problem?.message ?? String(error)}`,
    };
  }
  const received = answer.status === 200 ? echoedHeaders(answer) : null;
  if (received === null) {
    return {
      status: answer.status,
      hung: false,
      added: null,
      observation: `echo: the proxy ${hop.display} answered HTTP ${answer.status} instead of forwarding a request to 127.0.0.1.`,
    };
  }
  const sent = new Set(baseline.map((h) => h.name));
  const added = received.filter((h) => !sent.has(h.name) && !HOP_BY_HOP.has(h.name));
  return {
    status: 200,
    hung: false,
    added,
    observation:
      added.length === 0
        ? `echo: the proxy ${hop.display} forwarded a request without adding headers.`
        : `echo: the proxy ${hop.display} forwarded a request and added ${added.map((h) => h.name).join(', ')}.`,
  };
}

function echoedHeaders(answer: Answer): HeaderLine[] | null {
  try {
    const parsed = JSON.parse(answer.body.toString('utf8')) as { headers?: unknown };
    const raw = parsed.headers;
    if (!Array.isArray(raw) || !raw.every((v): v is string => typeof v === 'string')) return null;
    const lines: HeaderLine[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      lines.push({ name, value: SECRET_HEADERS.has(name) ? '(hidden)' : raw[i + 1]! });
    }
    return lines;
  } catch {
    return null;
  }
}

// --- TLS interception -----------------------------------------------------------------------------

let publicRoots: Map<string, X509Certificate> | undefined;

/** Node's bundled Mozilla roots, by SHA-256 fingerprint: what "a public root" means here. */
function roots(): Map<string, X509Certificate> {
  if (publicRoots === undefined) {
    publicRoots = new Map();
    for (const pem of tls.rootCertificates) {
      const cert = new X509Certificate(pem);
      publicRoots.set(cert.fingerprint256, cert);
    }
  }
  return publicRoots;
}

function isPublicService(endpoint: Endpoint): boolean {
  const name = endpoint.hostname.toLowerCase();
  if (PUBLIC_SUMDB_HOSTS.has(name)) return true;
  return MIRRORS.some((m) => {
    const parsed = parseEndpoint(m.url);
    return parsed.ok && parsed.value.hostname === name && parsed.value.port === endpoint.port;
  });
}

/**
 * One TLS handshake with the service, on go's path (through its proxy's CONNECT tunnel when it would
 * use one), verified against go's roots but not refused, so that the chain can be looked at either way.
 */
async function inspectTls(
  endpoint: Endpoint,
  role: TlsFacts['role'],
  config: ProxyConfig,
  connect: Omit<ConnectOptions, 'alpn'>,
): Promise<TlsFacts> {
  const route = routeFor(endpoint, config);
  const facts: TlsFacts = {
    host: authority(endpoint),
    role,
    publicService: isPublicService(endpoint),
    chain: null,
  };
  if ('failure' in route) return { ...facts, error: route.failure.message };
  const hop = route.proxy;
  if (hop) facts.proxy = hop.display;
  const ctx: FailureContext = {
    subject: endpoint.subject,
    timeoutMs: connect.timeoutMs,
    ...(hop ? { proxy: hop.display } : {}),
  };
  let socket: Socket | undefined;
  let secure: TLSSocket | undefined;
  try {
    const timings: ConnectionTimings = { dns: null, connect: null, tls: null, alpn: null };
    // As plain http, openConnection stops at the TCP connection (to the proxy, when there is one).
    socket = await openConnection({ ...endpoint, scheme: 'http' }, hop, { ...connect, alpn: [] }, timings);
    if (hop) await openTunnel(socket, endpoint, hop, connect, ctx);
    secure = await handshake(socket, endpoint.hostname, connect.secureContext, connect, ctx);
    return { ...facts, chain: describeChain(secure) };
  } catch (error) {
    const problem = error instanceof ProbeFailure ? error.error : classifyError(error, 'tls', ctx);
    return { ...facts, error: problem.message };
  } finally {
    secure?.destroy();
    socket?.destroy();
  }
}

function handshake(
  socket: Socket,
  hostname: string,
  secureContext: SecureContext | undefined,
  connect: Omit<ConnectOptions, 'alpn'>,
  ctx: FailureContext,
): Promise<TLSSocket> {
  const secure = tls.connect({
    socket,
    ...(net.isIP(hostname) === 0 ? { servername: hostname } : {}),
    host: hostname,
    ALPNProtocols: ['http/1.1'],
    ...(secureContext ? { secureContext } : {}),
    // Judged below: an untrusted chain is what this check looks for.
    rejectUnauthorized: false,
  });
  const connected = new Promise<TLSSocket>((resolve, reject) => {
    secure.once('secureConnect', () => {
      secure.off('error', reject);
      resolve(secure);
    });
    secure.once('error', reject);
  });
  return within(
    connected,
    connect,
    () => timeoutFailure('tls', ctx),
    () => secure.destroy(),
  );
}

function describeChain(secure: TLSSocket): TlsChain {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = secure.getPeerCertificate(true);
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  const known = roots();
  const top = chain.at(-1);
  const publicRoot =
    chain.some((c) => known.has(c.fingerprint256)) ||
    (top !== undefined && [...known.values()].some((root) => issuedBy(top, root)));
  const goError = secure.authorizationError;
  return {
    goTrusts: secure.authorized,
    ...(goError ? { goError: typeof goError === 'string' ? goError : String(goError) } : {}),
    publicRoot,
    issuer: top ? distinguishedName(top.issuer) : '',
    topFingerprint: top?.fingerprint256 ?? '',
  };
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    // A key type the signature's algorithm does not fit: not this issuer.
    return false;
  }
}

/** "C=US\nO=Org\nCN=Name" as "CN=Name, O=Org, C=US": most specific first, as certificates are usually shown. */
function distinguishedName(multiline: string): string {
  return multiline.split('\n').filter(Boolean).reverse().join(', ');
}
