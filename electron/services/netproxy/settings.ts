import { AppError } from '../../dispatch';
import { parseBypassList } from './bypass';
import type { ProxySettings, ProxyUrl } from './types';
import { maskPasswords } from '../../../shared/redact';

/**
 * Checking what the user typed before anything is planned: a proxy URL must be http:// or https://
 * (a bare "host:port" means http://, as go and curl read it), name a host, and have a port in
 * 1..65535 (the scheme's default when left out); no path, query, spaces, quotes or control characters,
 * since the value ends up in shell files, the registry and command lines. Credentials are kept,
 * percent-encoded, so that every target reads them the same way.
 */

export interface SettingsInput {
  http?: string | null;
  https?: string | null;
  noProxy?: string | null;
}

const DEFAULT_PORT = { http: 80, https: 443 } as const;
// What may appear in a URL at all; anything else (space, quotes, backslash, control characters...) is refused.
const URL_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;

function invalid(label: string, raw: string, why: string): AppError {
  return new AppError('invalid-input', `${label} ${JSON.stringify(redactRaw(raw))}: ${why}`);
}

/** Hides the password of a URL the user typed, even one that does not parse. */
export function redactRaw(raw: string): string {
  return maskPasswords(raw, { stops: '', scheme: true, first: true });
}

export function parseProxyUrl(raw: string, label = 'proxy URL'): ProxyUrl {
  if (raw === '') throw invalid(label, raw, 'empty');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(raw))
    throw invalid(label, raw, 'spaces and control characters (newlines, tabs) are not allowed');
  if (!URL_CHARS.test(raw)) throw invalid(label, raw, 'contains characters that are not allowed in a URL');
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(raw);
  const scheme = (schemeMatch?.[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    throw invalid(
      label,
      raw,
      `unsupported scheme "${scheme}" (use http:// or https://; SOCKS proxies cannot be set for every scope)`,
    );
  }
  const rest = schemeMatch ? raw.slice(schemeMatch[0].length) : raw;
  const slash = rest.search(/[/?#]/);
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const tail = slash === -1 ? '' : rest.slice(slash);
  if (tail !== '' && tail !== '/') throw invalid(label, raw, 'a proxy URL has no path, query or fragment');
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? null : authority.slice(0, at);
  const hostPort = at === -1 ? authority : authority.slice(at + 1);

  let host: string;
  let portText: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close === -1) throw invalid(label, raw, 'missing "]" after the IPv6 address');
    host = hostPort.slice(1, close);
    const after = hostPort.slice(close + 1);
    if (after !== '' && !after.startsWith(':'))
      throw invalid(label, raw, 'unexpected text after the IPv6 address');
    portText = after === '' ? undefined : after.slice(1);
    if (!/^[0-9A-Fa-f:.]+$/.test(host) || !host.includes(':'))
      throw invalid(label, raw, 'not an IPv6 address');
  } else {
    const colon = hostPort.lastIndexOf(':');
    host = colon === -1 ? hostPort : hostPort.slice(0, colon);
    portText = colon === -1 ? undefined : hostPort.slice(colon + 1);
    if (host === '') throw invalid(label, raw, 'no host');
    if (
      !/^[A-Za-z0-9.-]+$/.test(host) ||
      host.startsWith('.') ||
      host.startsWith('-') ||
      host.includes('..')
    ) {
      throw invalid(label, raw, `"${host}" is not a host name or IP address`);
    }
    host = host.toLowerCase();
  }
  let port: number = DEFAULT_PORT[scheme];
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw invalid(label, raw, `port ${JSON.stringify(portText)} is not a number from 1 to 65535`);
    }
    port = Number(portText);
  }

  let username: string | undefined;
  let password: string | undefined;
  if (userinfo !== null) {
    const colon = userinfo.indexOf(':');
    try {
      username = decodeURIComponent(colon === -1 ? userinfo : userinfo.slice(0, colon));
      password = colon === -1 ? undefined : decodeURIComponent(userinfo.slice(colon + 1));
    } catch {
      throw invalid(label, raw, 'bad percent-encoding in the user name or password');
    }
    if (username === '') throw invalid(label, raw, 'empty user name before "@"');
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(username + (password ?? ''))) {
      throw invalid(label, raw, 'control characters in the user name or password');
    }
  }
  const hostText = host.includes(':') ? `[${host}]` : host;
  const user =
    username === undefined
      ? ''
      : encodeUserinfo(username) + (password === undefined ? '' : `:${encodeUserinfo(password)}`);
  const shown =
    username === undefined ? '' : encodeUserinfo(username) + (password === undefined ? '' : ':xxxxx');
  return {
    scheme,
    host,
    port,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    href: `${scheme}://${user ? `${user}@` : ''}${hostText}:${port}`,
    display: `${scheme}://${shown ? `${shown}@` : ''}${hostText}:${port}`,
  };
}

/** Percent-encodes everything but unreserved characters, so the result is safe inside any quoting. */
function encodeUserinfo(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The settings as asked for. A proxy given for only one of http and https serves both (what people
 * mean by "use this proxy"; go fetches modules over https); neither means "no proxy".
 */
export function parseSettings(input: SettingsInput): ProxySettings {
  const http = input.http ? parseProxyUrl(input.http, 'HTTP proxy') : null;
  const https = input.https ? parseProxyUrl(input.https, 'HTTPS proxy') : null;
  const noProxy = input.noProxy ? parseBypassList(input.noProxy) : { ok: true as const, rules: [] };
  if (!noProxy.ok) throw new AppError('invalid-input', `no-proxy list: ${noProxy.error}`);
  if (http === null && https === null && noProxy.rules.length > 0) {
    throw new AppError('invalid-input', 'a no-proxy list needs a proxy (--http or --https)');
  }
  return { http: http ?? https, https: https ?? http, noProxy: noProxy.rules };
}

/** Whether any proxy of the settings carries a password or user name (stored in plain text by some scopes). */
export function hasCredentials(settings: ProxySettings | null): boolean {
  return Boolean(settings && [settings.http, settings.https].some((u) => u?.username !== undefined));
}

/** Hides every password of the settings in a text (previews, messages, logs). */
const WHITE_SPACE_AND_QUOTES = ' \t\n\r\v\f\'"';

export function redactor(settings: ProxySettings | null): (text: string) => string {
  const secrets = new Map<string, string>();
  for (const url of [settings?.http, settings?.https])
    if (url && url.href !== url.display) secrets.set(url.href, url.display);
  return (text) => {
    let out = text;
    for (const [secret, shown] of secrets) out = out.split(secret).join(shown);
    // Anything else that looks like scheme://user:password@ (a value read from the machine).
    return maskPasswords(out, { stops: WHITE_SPACE_AND_QUOTES, scheme: true });
  };
}
