import type { NetProxyReport, NetProxyScope } from '../../../shared/contract';

/** What the proxy form holds. The password is typed in its own field and never prefilled. */
export interface Draft {
  http: string;
  https: string;
  noProxy: string;
  user: string;
  password: string;
  scopes: NetProxyScope[];
}

const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?([^/@]*)@(.*)$/;

/** A URL without its user name and password, and the user name (the password arrives hidden anyway). */
function splitUser(url: string): { url: string; user: string } {
  const m = USERINFO.exec(url);
  if (!m) return { url, user: '' };
  const userinfo = m[2]!;
  const colon = userinfo.indexOf(':');
  const raw = colon === -1 ? userinfo : userinfo.slice(0, colon);
  let user = raw;
  try {
    user = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all: shown as written.
  }
  return { url: (m[1] ?? '') + m[3]!, user };
}

/** The form as the machine is now: the first scope that has a proxy (the shell's first), else empty. */
export function draftFrom(report: NetProxyReport): Draft {
  const usable = report.scopes.filter((s) => s.available);
  const source = usable.find((s) => s.http !== null || s.https !== null);
  const http = splitUser(source?.http ?? '');
  const https = splitUser(source?.https ?? '');
  const scopes = usable.map((s) => s.scope).filter((s) => s !== 'system');
  return {
    http: http.url,
    // The same proxy for both is shown once, in the HTTP field (an empty HTTPS field means "the same").
    https: https.url === http.url ? '' : https.url,
    noProxy: source?.noProxy ?? '',
    user: http.user || https.user,
    password: '',
    scopes: scopes.length > 0 ? scopes : usable.map((s) => s.scope),
  };
}

/** Puts the user name and password typed in their own fields into a URL that has none of its own. */
export function withCredentials(url: string, user: string, password: string): string {
  if (url === '' || user === '' || USERINFO.test(url)) return url;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0] ?? '';
  const userinfo = encodeURIComponent(user) + (password === '' ? '' : `:${encodeURIComponent(password)}`);
  return `${scheme}${userinfo}@${url.slice(scheme.length)}`;
}

/** The proxy URLs and list to send: an empty field is left out (one URL serves both http and https). */
export function proxyFields(draft: Draft): { http?: string; https?: string; noProxy?: string } {
  const http = withCredentials(draft.http.trim(), draft.user.trim(), draft.password);
  const https = withCredentials(draft.https.trim(), draft.user.trim(), draft.password);
  const noProxy = draft.noProxy.trim();
  return {
    ...(http ? { http } : {}),
    ...(https ? { https } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}

/** The distinct proxies a test should go through. */
export function proxiesToTest(draft: Draft): string[] {
  const { http, https } = proxyFields(draft);
  return [...new Set([http, https].filter((u): u is string => u !== undefined))];
}

/** The form filled with what the system's proxy detection suggests, for the shells and git (where go looks). */
export function draftFromSuggestion(
  suggestion: { http: string | null; https: string; noProxy: string | null },
  report: NetProxyReport,
): Draft {
  const http = suggestion.http ?? suggestion.https;
  const usable = report.scopes.filter((s) => s.available).map((s) => s.scope);
  return {
    http,
    https: suggestion.https === http ? '' : suggestion.https,
    noProxy: suggestion.noProxy ?? '',
    user: '',
    password: '',
    scopes: (['env', 'git'] as const).filter((s) => usable.includes(s)),
  };
}
