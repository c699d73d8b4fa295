/**
 * What a raw error means to the person reading it. Go's, git's and Node's messages are English and
 * name internals ("dial tcp: lookup x: no such host", "ECONNREFUSED"); the UI shows a cause and an
 * action in the user's language instead, from a reason and its parameters, and keeps the raw text
 * folded under "Details". Computing only: the text comes in, a reason comes out (or null).
 */

export const DIAGNOSIS_REASONS = [
  /** A host name does not resolve: VPN or DNS. */
  'dns',
  /** Nothing listens at host:port: a proxy or port that is wrong or down. */
  'refused',
  /** The connection was cut: a firewall or a proxy in the way. */
  'reset',
  /** The certificate is not trusted: usually a corporate proxy that inspects TLS. */
  'tls',
  /** 401/403 or git asking for a password: GOAUTH or ~/.netrc. */
  'auth',
  /** 407: the HTTP proxy wants a user name and password. */
  'proxy-auth',
  /** No answer in time: network or proxy. */
  'timeout',
  /** A 5xx from a mirror or proxy. */
  'server-error',
  /** Another HTTP status where a module mirror answers 200 (404 for a module every mirror has). */
  'http-status',
  /** A 200 whose body is not what a module mirror sends (a login page, a captive portal). */
  'bad-answer',
  /** go's GOPROXY parser: an entry with a scheme other than https, http, file. */
  'goproxy-scheme',
  /** go's GOPROXY parser: an entry without a scheme. */
  'goproxy-missing-scheme',
  /** go's GOPROXY parser: only separators. */
  'goproxy-empty',
  /** A file or folder cannot be read or written: permissions. */
  'permission',
  /** A file or folder the request names does not exist. */
  'not-found',
] as const;
export type DiagnosisReason = (typeof DIAGNOSIS_REASONS)[number];

export interface Diagnosis {
  reason: DiagnosisReason;
  /** Values for the message; absent when the raw text does not say them. */
  params: Record<string, string>;
}

type Rule = { reason: DiagnosisReason; test: RegExp; params?: (raw: string) => Record<string, string> };

const first = (raw: string, ...patterns: RegExp[]): string | undefined => {
  for (const p of patterns) {
    const m = p.exec(raw);
    if (m?.[1]) return m[1];
  }
  return undefined;
};
const only = (values: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));

const urlHost = /(?:https?:\/\/)(?:[^@/\s"']*@)?([^/\s"':]+)/;

const RULES: Rule[] = [
  {
    reason: 'goproxy-scheme',
    test: /invalid proxy URL scheme \(must be https, http, file\): (\S+)/,
    params: (raw) =>
      only({ url: first(raw, /invalid proxy URL scheme \(must be https, http, file\): (\S+)/) }),
  },
  {
    reason: 'goproxy-missing-scheme',
    test: /invalid proxy URL missing scheme: (\S+)/,
    params: (raw) => only({ url: first(raw, /invalid proxy URL missing scheme: (\S+)/) }),
  },
  { reason: 'goproxy-empty', test: /GOPROXY list is not the empty string, but contains no entries/ },
  {
    reason: 'dns',
    test: /no such host|ENOTFOUND|EAI_AGAIN|server misbehaving|name resolution|Could not resolve host/i,
    params: (raw) =>
      only({
        host: first(
          raw,
          /lookup ([^\s:]+)/,
          /(?:ENOTFOUND|EAI_AGAIN) ([^\s:]+)/,
          /Could not resolve host: ([^\s:]+)/,
          urlHost,
        ),
      }),
  },
  {
    reason: 'tls',
    test: /x509:|certificate|CERT_|SELF_SIGNED|UNABLE_TO_(?:GET|VERIFY)|tls: /i,
    params: (raw) => only({ host: first(raw, urlHost, /certificate is valid for [^,]+, not ([^\s,]+)/) }),
  },
  {
    reason: 'proxy-auth',
    test: /\b407\b|Proxy Authentication Required/i,
    params: (raw) => only({ host: first(raw, urlHost) }),
  },
  {
    reason: 'refused',
    test: /ECONNREFUSED|connection refused/i,
    params: (raw) =>
      only({
        address: first(raw, /ECONNREFUSED ([^\s,;)]+)/, /dial tcp ([^\s]+): connect/, /to ([^\s]+:\d+)/),
      }),
  },
  {
    reason: 'reset',
    test: /ECONNRESET|connection reset|socket hang up|EPIPE/i,
    params: (raw) => only({ host: first(raw, urlHost) }),
  },
  {
    reason: 'timeout',
    test: /ETIMEDOUT|i\/o timeout|handshake timeout|Client\.Timeout|timed out|deadline exceeded|UND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT/i,
    params: (raw) => only({ host: first(raw, urlHost, /dial tcp ([^\s:]+)/) }),
  },
  {
    reason: 'auth',
    test: /\b(?:401|403)\b(?: Unauthorized| Forbidden)|\bHTTP (?:401|403)\b|terminal prompts disabled|Authentication failed|could not read Username/i,
    params: (raw) => only({ host: first(raw, urlHost), status: first(raw, /\b(401|403)\b/) }),
  },
  {
    reason: 'server-error',
    test: /\b(?:HTTP |status )?(5\d\d) (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)|\bHTTP (5\d\d)\b/,
    params: (raw) => only({ status: first(raw, /\b(5\d\d)\b/), host: first(raw, urlHost) }),
  },
  {
    reason: 'http-status',
    test: /answered HTTP (\d{3})/,
    params: (raw) => only({ status: first(raw, /answered HTTP (\d{3})/), host: first(raw, urlHost) }),
  },
  {
    reason: 'bad-answer',
    test: /did not name a version|not what a module mirror sends|unexpected content type/i,
  },
  {
    reason: 'permission',
    test: /EACCES|EPERM|permission denied/i,
    params: (raw) =>
      only({ path: first(raw, /(?:EACCES|EPERM)[^']*'([^']+)'/, /open ([^\s:]+): permission denied/) }),
  },
  {
    reason: 'not-found',
    test: /ENOENT|no such file or directory/i,
    params: (raw) =>
      only({ path: first(raw, /ENOENT[^']*'([^']+)'/, /(?:open|stat|lstat) ([^\s:]+): no such file/) }),
  },
];

/** Long output (go's, with its progress lines) says what went wrong near its start or its end. */
const READ_AT_MOST = 4096;

/** The first reason whose pattern the raw text matches, with what it says about host, address... */
export function diagnose(full: string): Diagnosis | null {
  // Bounded: some patterns scan to the next quote or slash, which over megabytes of output adds up.
  const raw =
    full.length > READ_AT_MOST
      ? `${full.slice(0, READ_AT_MOST / 2)}\n${full.slice(-READ_AT_MOST / 2)}`
      : full;
  for (const rule of RULES) {
    if (rule.test.test(raw)) return { reason: rule.reason, params: rule.params?.(raw) ?? {} };
  }
  return null;
}

/** The words put in for a parameter the raw text did not say ("the host"), as i18n keys. */
const FALLBACKS: Record<string, string> = {
  host: 'diagnosis.theHost',
  address: 'diagnosis.theAddress',
  path: 'diagnosis.theFile',
  url: 'diagnosis.theAddress',
};

/** A diagnosis's values for its message: what the raw text said, else the general words. */
export function diagnosisValues(
  t: (key: string) => string,
  params: Record<string, string>,
): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(FALLBACKS).map(([name, key]) => [name, t(key)])), ...params };
}
