import { fileURLToPath } from 'node:url';
import { readFileBounded } from '../store/safe-file';

/**
 * Fetching a PAC file (the OS's "automatic configuration script" URL, or a WPAD candidate): bounded
 * in time, size and redirects, because the answer may come from anyone on the local network.
 */

export interface FetchPacOptions {
  /** Whole fetch, body included. Default 5 s. */
  timeoutMs?: number;
  /** Default 1 MiB. */
  maxBytes?: number;
  fetcher?: typeof fetch;
}

export type PacFetchErrorCode =
  'invalid-input' | 'timeout' | 'too-large' | 'http-status' | 'not-text' | 'unreachable';

export type PacFetch = { ok: true; script: string } | { ok: false; code: PacFetchErrorCode; error: string };

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;

function fail(code: PacFetchErrorCode, error: string): PacFetch {
  return { ok: false, code, error };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024)} KiB`;
}

/** The PAC script at `url` (http:, https: or file:). Never throws; every failure is a value. */
export async function fetchPac(url: string, options: FetchPacOptions = {}): Promise<PacFetch> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(
      'invalid-input',
      `${url} is not a URL; a PAC address looks like http://wpad.corp.example/wpad.dat.`,
    );
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<PacFetch>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(
        fail(
          'timeout',
          `${url} did not send the PAC script within ${seconds(timeoutMs)}. Check the address, or that the server is reachable.`,
        ),
      );
    }, timeoutMs);
  });
  const work =
    parsed.protocol === 'file:'
      ? readPacFile(parsed, maxBytes)
      : parsed.protocol === 'http:' || parsed.protocol === 'https:'
        ? download(parsed, maxBytes, options.fetcher ?? fetch, controller.signal)
        : Promise.resolve(
            fail(
              'invalid-input',
              `${url}: GoProxy Desk fetches PAC scripts over http:, https: or file:, not ${parsed.protocol}`,
            ),
          );
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function readPacFile(url: URL, maxBytes: number): Promise<PacFetch> {
  const file = fileURLToPath(url);
  try {
    const bytes = await readFileBounded(file, { maxBytes });
    if (bytes === null)
      return fail('unreachable', `${file} does not exist. Check the automatic configuration script address.`);
    return decode(bytes, file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { errno?: string }).errno === 'EFBIG' ? 'too-large' : 'unreachable';
    return fail(code, message);
  }
}

async function download(
  start: URL,
  maxBytes: number,
  fetcher: typeof fetch,
  signal: AbortSignal,
): Promise<PacFetch> {
  let url = start;
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      // Redirects by hand: to count them and to refuse one that leaves http(s).
      response = await fetcher(url, {
        redirect: 'manual',
        signal,
        headers: { accept: 'application/x-ns-proxy-autoconfig, */*' },
      });
    } catch (error) {
      if (signal.aborted) throw error;
      return fail(
        'unreachable',
        `Could not reach ${url.href}: ${describeNetworkError(error)}. Check the address and the network.`,
      );
    }
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      if (redirects === MAX_REDIRECTS) {
        return fail(
          'unreachable',
          `${start.href} redirected more than ${MAX_REDIRECTS} times. Check the PAC address.`,
        );
      }
      const next = new URL(response.headers.get('location') ?? '', url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return fail(
          'invalid-input',
          `${url.href} redirected to ${next.href}; a PAC script is followed only over http: or https:.`,
        );
      }
      url = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      return fail(
        'http-status',
        `${url.href} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}, not the PAC script. Check the address.`,
      );
    }
    const type = response.headers.get('content-type') ?? '';
    // A captive portal or a login page answers any URL with HTML.
    if (/^\s*(text\/html|image\/|audio\/|video\/)/i.test(type)) {
      await response.body?.cancel();
      return fail(
        'not-text',
        `${url.href} sent ${type.split(';')[0]}, not a PAC script (a login page or a captive portal?).`,
      );
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await response.body?.cancel();
      return tooLarge(url, maxBytes);
    }
    const bytes = await readBounded(response, maxBytes);
    return bytes === null ? tooLarge(url, maxBytes) : decode(bytes, url.href);
  }
}

function tooLarge(url: URL, maxBytes: number): PacFetch {
  return fail(
    'too-large',
    `${url.href} sent more than ${kib(maxBytes)}; a PAC script is a few KiB. Check the address.`,
  );
}

/** The body, or null past `maxBytes` (counted as it arrives: Content-Length may be absent or false). */
async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decode(bytes: Uint8Array, where: string): PacFetch {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail('not-text', `${where} is not UTF-8 text, so not a PAC script. Check the address.`);
  }
  if (text.includes('\0'))
    return fail('not-text', `${where} holds binary data, not a PAC script. Check the address.`);
  return { ok: true, script: text };
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
