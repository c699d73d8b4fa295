import net, { type Socket } from 'node:net';
import tls, { type SecureContext, type TLSSocket } from 'node:tls';
import type { ProbePhase } from '../../../shared/contract';
import type { Host } from '../host';
import {
  classifyError,
  ProbeCancelled,
  ProbeFailure,
  proxyTimeout,
  timeoutFailure,
  type FailureContext,
} from './classification';
import { openTunnel, type ProxyHop } from './proxy';
import type { Endpoint } from './targets';
import { now, span, within, type ConnectionTimings, type Deadline } from './timings';

/**
 * Opens one connection the way go's transport would (through the proxy when go would use one) and
 * times each phase with its own deadline. undici gets the finished socket through its `connect`
 * option, so these are the connections the probe's requests run on.
 */

export interface ConnectOptions extends Deadline {
  host: Host;
  secureContext: SecureContext | undefined;
  /** ALPN protocols to offer; the requests speak HTTP/1.1, the HTTP/2 check offers h2 too. */
  alpn: string[];
}

/** The connection failures that make trying the host's next address worthwhile. */
const NEXT_ADDRESS = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'EAFNOSUPPORT',
]);

export async function openConnection(
  endpoint: Endpoint,
  proxy: ProxyHop | null,
  options: ConnectOptions,
  timings: ConnectionTimings,
): Promise<Socket> {
  const ctx: FailureContext = {
    subject: endpoint.subject,
    timeoutMs: options.timeoutMs,
    ...(proxy ? { proxy: proxy.display } : {}),
  };
  const fail = (error: unknown, phase: ProbePhase): Error =>
    error instanceof ProbeCancelled || error instanceof ProbeFailure
      ? error
      : new ProbeFailure(classifyError(error, phase, ctx));
  // On the way to the proxy, a deadline missed is the proxy's.
  const timeout = (phase: ProbePhase) => () =>
    proxy && (phase === 'dns' || phase === 'connect') ? proxyTimeout(ctx) : timeoutFailure(phase, ctx);

  const hop = proxy ?? endpoint;
  let addresses: string[];
  if (net.isIP(hop.hostname) !== 0) {
    addresses = [hop.hostname];
  } else {
    const started = now();
    try {
      const found = await within(options.host.lookup(hop.hostname), options, timeout('dns'));
      addresses = found.map((a) => a.address);
    } catch (error) {
      throw fail(error, 'dns');
    }
    if (addresses.length === 0)
      throw fail(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), 'dns');
    timings.dns = span(started, now());
  }

  const connectStarted = now();
  let socket: Socket | undefined;
  let lastError: unknown;
  for (const address of addresses) {
    try {
      socket = await tcpConnect(address, hop.port, options, timeout('connect'));
      break;
    } catch (error) {
      lastError = error;
      if (!NEXT_ADDRESS.has((error as NodeJS.ErrnoException).code ?? '')) break;
    }
  }
  if (!socket) throw fail(lastError, 'connect');

  try {
    if (proxy) {
      if (proxy.scheme === 'https') {
        socket = await tlsHandshake(socket, proxy.hostname, ['http/1.1'], options, timeout('connect'));
      }
      if (endpoint.scheme === 'https') await openTunnel(socket, endpoint, proxy, options, ctx);
    }
  } catch (error) {
    socket.destroy();
    throw fail(error, 'connect');
  }
  timings.connect = span(connectStarted, now());

  if (endpoint.scheme !== 'https') return socket;
  const tlsStarted = now();
  try {
    const secure = await tlsHandshake(socket, endpoint.hostname, options.alpn, options, timeout('tls'));
    timings.tls = span(tlsStarted, now());
    timings.alpn = secure.alpnProtocol || null;
    return secure;
  } catch (error) {
    socket.destroy();
    throw fail(error, 'tls');
  }
}

function tcpConnect(
  address: string,
  port: number,
  deadline: Deadline,
  onTimeout: () => Error,
): Promise<Socket> {
  const socket = net.connect({ host: address, port, noDelay: true });
  const connected = new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
  return within(connected, deadline, onTimeout, () => socket.destroy());
}

function tlsHandshake(
  socket: Socket,
  hostname: string,
  alpn: string[],
  options: ConnectOptions,
  onTimeout: () => Error,
): Promise<TLSSocket> {
  const secure = tls.connect({
    socket,
    // SNI only for names, as go does; the certificate is checked against `host` (a name or an IP).
    ...(net.isIP(hostname) === 0 ? { servername: hostname } : {}),
    host: hostname,
    ALPNProtocols: alpn,
    ...(options.secureContext ? { secureContext: options.secureContext } : {}),
    rejectUnauthorized: true,
  });
  const connected = new Promise<TLSSocket>((resolve, reject) => {
    secure.once('secureConnect', () => {
      secure.off('error', reject);
      resolve(secure);
    });
    secure.once('error', reject);
  });
  return within(connected, options, onTimeout, () => secure.destroy());
}
