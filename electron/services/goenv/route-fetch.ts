import { readFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import type * as Undici from 'undici';
import type { Dispatcher } from 'undici';
import type { FetchResult, ProxyFetcher } from './route-live';

/**
 * The GOPROXY protocol client for live routes: http(s) through undici (following redirects as Go's
 * client does, up to 10), file:// from disk (a missing file is "not found", as go treats it). Unlike
 * go, every request has a deadline: go itself would wait forever on a server that never answers, and
 * the walk reports that as a timeout of that entry.
 */
export function createProxyFetcher(options: { timeoutMs: number; dispatcher?: Dispatcher }): ProxyFetcher {
  // undici is loaded on first use: every CLI command builds this service, few of them walk a route.
  let client: Promise<{ request: typeof Undici.request; dispatcher: Dispatcher }> | undefined;
  const load = () =>
    (client ??= import('undici').then(({ Agent, interceptors, request }) => ({
      request,
      dispatcher:
        options.dispatcher ??
        new Agent({ connectTimeout: options.timeoutMs }).compose(
          interceptors.redirect({ maxRedirections: 10 }),
        ),
    })));
  return async (url, { maxBytes }) => {
    if (url.startsWith('file:')) return readLocal(url, maxBytes);
    const { request, dispatcher } = await load();
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
    const body = await readFile(fileURLToPath(url));
    return {
      kind: 'response',
      status: 200,
      statusText: 'OK',
      body: body.length > maxBytes ? new Uint8Array(maxBytes + 1) : body,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
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
