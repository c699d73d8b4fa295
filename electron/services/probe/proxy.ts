import type { Socket } from 'node:net';
import { fromBytes } from '../../../shared/go/gostrings';
import { urlRedacted } from '../../../shared/go/neturl';
import { proxyFunc, urlHostname, urlPort, type ProxyConfig } from '../../../shared/go/noproxy';
import {
  classifyError,
  ProbeCancelled,
  ProbeFailure,
  proxyAuthFailure,
  proxyConfigFailure,
  proxyTimeout,
  tunnelRefused,
  type FailureContext,
} from './classification';
import type { Endpoint } from './targets';
import { within, type Deadline } from './timings';

/**
 * The network path go would take to a URL: straight to the server, or through the HTTP proxy that
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY select for it (shared/go/noproxy: Go's own rules, loopback never
 * proxied). Through a proxy, https goes in a CONNECT tunnel and http as an absolute-form request.
 */

export interface ProxyHop {
  scheme: 'http' | 'https';
  hostname: string;
  port: number;
  /** The proxy URL, password hidden: how messages and results name it. */
  display: string;
  authorization?: string;
}

export type Route = { proxy: ProxyHop | null } | { failure: ProbeFailure };

export function routeFor(endpoint: Endpoint, config: ProxyConfig): Route {
  const choice = proxyFunc(config)(endpoint.goUrl);
  if (choice.error !== undefined) return { failure: proxyConfigFailure('cgi', '') };
  const proxy = choice.proxy;
  if (proxy === null) return { proxy: null };
  const display = fromBytes(urlRedacted(proxy));
  if (proxy.scheme !== 'http' && proxy.scheme !== 'https') {
    return { failure: proxyConfigFailure('unsupported', display) };
  }
  const portText = urlPort(proxy);
  const user = proxy.user;
  return {
    proxy: {
      scheme: proxy.scheme,
      hostname: fromBytes(urlHostname(proxy)),
      // Go's transport fills in the scheme's port, as it does for the proxy address.
      port: portText === '' ? (proxy.scheme === 'https' ? 443 : 80) : Number(portText),
      display,
      ...(user !== null
        ? {
            authorization: `Basic ${Buffer.from(
              `${fromBytes(user.username)}:${fromBytes(user.password)}`,
            ).toString('base64')}`,
          }
        : {}),
    },
  };
}

const MAX_CONNECT_RESPONSE = 16 * 1024;

/**
 * Asks the proxy on `socket` for a tunnel to the endpoint's host and port. Go's transport accepts
 * only 200; 407 means the proxy wants credentials.
 */
export async function openTunnel(
  socket: Socket,
  endpoint: Endpoint,
  proxy: ProxyHop,
  deadline: Deadline,
  ctx: FailureContext,
): Promise<void> {
  const authority = `${endpoint.hostname.includes(':') ? `[${endpoint.hostname}]` : endpoint.hostname}:${endpoint.port}`;
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (proxy.authorization) lines.push(`Proxy-Authorization: ${proxy.authorization}`);
  const answer = new Promise<{ status: number; rest: Buffer }>((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) {
        if (received.length > MAX_CONNECT_RESPONSE)
          done(new Error('the proxy sent an over-long answer to CONNECT'));
        return;
      }
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received.subarray(0, end).toString('latin1'));
      done(undefined, { status: status ? Number(status[1]) : 0, rest: received.subarray(end + 4) });
    };
    const onError = (error: Error): void => done(error);
    const onClose = (): void =>
      done(Object.assign(new Error('the proxy closed the connection'), { code: 'ECONNRESET' }));
    const done = (error?: Error, value?: { status: number; rest: Buffer }): void => {
      socket.off('data', onData).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(value!);
    };
    socket.on('data', onData).on('error', onError).on('close', onClose);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
  let reply: { status: number; rest: Buffer };
  try {
    reply = await within(
      answer,
      deadline,
      () => proxyTimeout(ctx),
      () => socket.destroy(),
    );
  } catch (error) {
    if (error instanceof ProbeCancelled || error instanceof ProbeFailure) throw error;
    throw new ProbeFailure(classifyError(error, 'connect', ctx));
  }
  if (reply.status === 407) throw proxyAuthFailure(ctx);
  if (reply.status !== 200) throw tunnelRefused(reply.status, authority, ctx);
  // A server speaks only after the client's TLS hello, so nothing should follow the proxy's answer;
  // if something does, it belongs to the tunnel.
  if (reply.rest.length > 0) socket.unshift(reply.rest);
}
