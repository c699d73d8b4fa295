import { STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import type * as Undici from 'undici';
import type { Dispatcher } from 'undici';
import { fromBytes, toBytes } from '../../../shared/go/gostrings';
import { redactUrl } from '../../../shared/go/goproxy';
import { parseUrl, urlRedacted, urlString } from '../../../shared/go/neturl';
import { proxyConfigFromEnv, proxyFunc } from '../../../shared/go/noproxy';
import { errnoOf } from '../store/file-errors';
import { readFileBounded } from '../store/safe-file';
import type { FetchResult, ProxyFetcher } from './route-live';

/**
 * The GOPROXY protocol client for live routes: http(s) through undici (following redirects as Go's
 * client does, up to 10), file:// from disk (a missing file is "not found", as go treats it). Unlike
 * go, every request has a deadline: go itself would wait forever on a server that never answers, and
 * the walk reports that as a timeout of that entry.
 *
 * With `proxyEnv`, each request takes the path go's would: through the HTTP proxy that HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY choose for its URL (shared/go/noproxy: Go's own rules; loopback never proxied).
 */
export function createProxyFetcher(options: {
  timeoutMs: number;
  dispatcher?: Dispatcher;
  proxyEnv?: Readonly<Record<string, string | undefined>>;
}): ProxyFetcher {
  const choose = options.proxyEnv ? proxyFunc(proxyConfigFromEnv(options.proxyEnv)) : null;
  // undici is loaded on first use: every CLI command builds this service, few of them walk a route.
  let client:
    | Promise<{ request: typeof Undici.request; dispatcher: Dispatcher; viaProxy(uri: string): Dispatcher }>
    | undefined;
  const load = () =>
    (client ??= import('undici').then(({ Agent, ProxyAgent, interceptors, request }) => {
      const redirects = interceptors.redirect({ maxRedirections: 10 });
      const proxies = new Map<string, Dispatcher>();
      return {
        request,
        dispatcher: options.dispatcher ?? new Agent({ connectTimeout: options.timeoutMs }).compose(redirects),
        // undici sends the proxy URL's user:password as Proxy-Authorization, as go does.
        viaProxy: (uri: string) => {
          let agent = proxies.get(uri);
          if (!agent) proxies.set(uri, (agent = new ProxyAgent({ uri }).compose(redirects)));
          return agent;
        },
      };
    }));
  return async (url, { maxBytes }) => {
    if (url.startsWith('file:')) return readLocal(url, maxBytes);
    let proxy: string | null = null;
    if (choose && !options.dispatcher) {
      const parsed = parseUrl(toBytes(url));
      const choice = parsed.ok ? choose(parsed.value) : null;
      if (choice?.error !== undefined) return { kind: 'failed', message: redactUrl(choice.error) };
      if (choice?.proxy) {
        proxy = fromBytes(urlString(choice.proxy));
        if (!/^https?:\/\//.test(proxy)) {
          const shown = fromBytes(urlRedacted(choice.proxy));
          return {
            kind: 'failed',
            message: `proxy ${shown}: only http:// and https:// proxies are supported here`,
          };
        }
      }
    }
    const loaded = await load();
    const { request } = loaded;
    const dispatcher = proxy === null ? loaded.dispatcher : loaded.viaProxy(proxy);
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const response = await request(url, {
        method: 'GET',
        dispatcher,
        signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Uint8Array).length;
        if (size > maxBytes) {
          response.body.destroy();
          break;
        }
        chunks.push(chunk as Uint8Array);
      }
      return {
        kind: 'response',
        status: response.statusCode,
        statusText: STATUS_CODES[response.statusCode] ?? '',
        body: size > maxBytes ? new Uint8Array(size) : Buffer.concat(chunks),
      };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (signal.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) {
        return {
          kind: 'timeout',
          message: `no answer within ${options.timeoutMs} ms; go has no deadline and would hang here`,
        };
      }
      return { kind: 'failed', message: describeNetworkError(error) };
    }
  };
}

async function readLocal(url: string, maxBytes: number): Promise<FetchResult> {
  try {
    const body = await readFileBounded(fileURLToPath(url), { maxBytes });
    if (body === null) return { kind: 'missing' };
    return { kind: 'response', status: 200, statusText: 'OK', body };
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EFBIG') {
      return { kind: 'response', status: 200, statusText: 'OK', body: new Uint8Array(maxBytes + 1) };
    }
    if (code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'failed', message: (error as Error).message };
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function describeNetworkError(error: unknown): string {
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset by peer';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'no such host';
    default:
      return err.cause?.message ?? err.message ?? String(error);
  }
}
