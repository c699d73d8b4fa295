import type { ProbeError, ProbeErrorKind, ProbePhase } from '../../../shared/contract';

/**
 * How a probe request failed, as the user should hear it: one of the error kinds of DESIGN §5, the
 * phase it failed in, and a message that says what happened, to which mirror, and what to do next.
 * Everything here is pure: the network code throws these, the summary counts them.
 */

export class ProbeFailure extends Error {
  constructor(readonly error: ProbeError) {
    super(error.message);
    this.name = 'ProbeFailure';
  }
}

export class ProbeCancelled extends Error {
  constructor() {
    super('The probe was cancelled.');
    this.name = 'ProbeCancelled';
  }
}

/** Who was being talked to: the mirror (`subject`, its host[:port]) and, when go would use one, the proxy. */
export interface FailureContext {
  subject: string;
  timeoutMs: number;
  /** The HTTP proxy in between, password hidden. */
  proxy?: string;
}

const PHASE_WORDS: Record<ProbePhase, string> = {
  dns: 'DNS lookup',
  connect: 'TCP connect',
  tls: 'TLS handshake',
  ttfb: 'waiting for the answer',
  body: 'reading the answer',
};

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function failure(kind: ProbeErrorKind, phase: ProbePhase, message: string, extra: Partial<ProbeError> = {}) {
  return new ProbeFailure({ kind, phase, message, ...extra });
}

export function timeoutFailure(phase: ProbePhase, ctx: FailureContext): ProbeFailure {
  return failure(
    'timeout',
    phase,
    `${ctx.subject} did not answer within ${formatDuration(ctx.timeoutMs)} (${PHASE_WORDS[phase]}). ` +
      'Check the HTTP proxy or pick another mirror.',
  );
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN']);
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_SOCKET_CLOSED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** OpenSSL's and Node's certificate errors, as the problem a user can act on. */
const CERTIFICATE_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown-authority',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown-authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown-authority',
  CERT_UNTRUSTED: 'unknown-authority',
  CERT_SIGNATURE_FAILURE: 'unknown-authority',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrong-host',
  CERT_REVOKED: 'revoked',
};

function certificateProblem(code: string | undefined): string | undefined {
  return code === undefined ? undefined : CERTIFICATE_PROBLEMS[code];
}

function tlsMessage(problem: string, subject: string, code: string, reason: string, names?: string): string {
  switch (problem) {
    case 'self-signed':
      return (
        `${subject} presented a self-signed certificate, which go will not trust. If your network ` +
        'intercepts TLS, give go its CA with SSL_CERT_FILE; otherwise do not use this mirror.'
      );
    case 'unknown-authority':
      return (
        `${subject} presented a certificate from an authority this machine does not trust (${code}). ` +
        'If your network intercepts TLS, add its CA (SSL_CERT_FILE or the system store); otherwise do not use this mirror.'
      );
    case 'expired':
      return `${subject}'s certificate has expired, so go will refuse it. Check this machine's clock, or pick another mirror.`;
    case 'not-yet-valid':
      return `${subject}'s certificate is not valid yet, so go will refuse it. Check this machine's clock.`;
    case 'wrong-host':
      return (
        `${subject} presented a certificate for ${names ?? `another name (${reason})`}. The address may be ` +
        'wrong or the connection intercepted; pick another mirror.'
      );
    case 'revoked':
      return `${subject}'s certificate has been revoked. Do not use this mirror.`;
    default:
      return (
        `The TLS handshake with ${subject} failed (${code || reason}). Is it really an https:// server? ` +
        "Check the URL's scheme and port."
      );
  }
}

/**
 * A network-level error (errno, OpenSSL, undici) as a probe error. `phase` is where the request was
 * when it happened; errors on the way to a proxy are proxy errors.
 */
export function classifyError(error: unknown, phase: ProbePhase, ctx: FailureContext): ProbeError {
  if (error instanceof ProbeFailure) return error.error;
  const err = error as NodeJS.ErrnoException & { reason?: string; cert?: { subjectaltname?: string } };
  const code = err?.code ?? '';
  const reason = err?.reason ?? err?.message ?? String(error);

  if (ctx.proxy !== undefined && (phase === 'dns' || phase === 'connect')) {
    const why = DNS_CODES.has(code) ? 'its name does not resolve' : code || reason;
    return {
      kind: 'proxy',
      phase,
      detail: 'unreachable',
      message:
        `The HTTP proxy ${ctx.proxy} is not reachable (${why}). Start it, or fix or unset ` +
        'HTTPS_PROXY/HTTP_PROXY.',
    };
  }
  if (DNS_CODES.has(code)) {
    const temporary = code === 'EAI_AGAIN';
    return {
      kind: 'dns',
      phase: 'dns',
      message: temporary
        ? `The DNS lookup of ${ctx.subject} failed for now (EAI_AGAIN). Check your network and DNS settings.`
        : `The name of ${ctx.subject} does not resolve (${code}). Check the mirror address or your DNS settings.`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      kind: 'refused',
      phase: 'connect',
      message: `${ctx.subject} refused the connection: nothing listens there. Check the address and port, or pick another mirror.`,
    };
  }
  if (UNREACHABLE_CODES.has(code)) {
    return {
      kind: 'refused',
      phase: 'connect',
      detail: 'unreachable',
      message: `${ctx.subject} cannot be reached (${code}): no route to it. Check your network connection.`,
    };
  }
  const problem = certificateProblem(code);
  if (problem !== undefined || phase === 'tls') {
    if (problem === undefined && RESET_CODES.has(code)) return resetError(phase, ctx);
    return {
      kind: 'tls',
      phase: 'tls',
      detail: problem ?? 'handshake',
      message: tlsMessage(problem ?? 'handshake', ctx.subject, code, reason, err?.cert?.subjectaltname),
    };
  }
  if (code.startsWith('HPE_') || code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_INFO') {
    return {
      kind: 'bad-response',
      phase,
      detail: 'malformed-http',
      message: `${ctx.subject} did not answer with valid HTTP (${code}: ${reason}). Check the URL's scheme and port.`,
    };
  }
  return resetError(phase, ctx);
}

const RESET_WHEN: Record<ProbePhase, string> = {
  dns: 'before it was connected',
  connect: 'right after accepting it, before any request',
  tls: 'during the TLS handshake',
  ttfb: 'after the request, without answering',
  body: 'in the middle of the answer',
};

function resetError(phase: ProbePhase, ctx: FailureContext): ProbeError {
  return {
    kind: 'reset',
    phase,
    message:
      `${ctx.subject} closed the connection ${RESET_WHEN[phase]}. ` +
      'A firewall or proxy may be cutting it; try again or pick another mirror.',
  };
}

export function proxyAuthFailure(ctx: FailureContext): ProbeFailure {
  return failure(
    'proxy',
    'connect',
    `The HTTP proxy ${ctx.proxy} requires authentication (407). Put the credentials in the proxy URL: ` +
      'http://user:password@host:port.',
    { status: 407, detail: 'auth-required' },
  );
}

export function tunnelRefused(status: number, target: string, ctx: FailureContext): ProbeFailure {
  return failure(
    'proxy',
    'connect',
    `The HTTP proxy ${ctx.proxy} refused to connect to ${target} (HTTP ${status}). It may block this mirror; ` +
      'ask its administrator, or add the mirror to NO_PROXY.',
    { status, detail: 'tunnel-refused' },
  );
}

export function proxyTimeout(ctx: FailureContext): ProbeFailure {
  return failure(
    'proxy',
    'connect',
    `The HTTP proxy ${ctx.proxy} did not answer within ${formatDuration(ctx.timeoutMs)}. Check the proxy, ` +
      'or unset HTTPS_PROXY/HTTP_PROXY.',
    { detail: 'timeout' },
  );
}

export function proxyConfigFailure(detail: 'cgi' | 'unsupported', proxy: string): ProbeFailure {
  return failure(
    'proxy',
    'connect',
    detail === 'cgi'
      ? 'go refuses HTTP_PROXY while REQUEST_METHOD is set (a CGI client could have injected it). ' +
          'Unset REQUEST_METHOD, or use an https:// mirror.'
      : `go would use the proxy ${proxy}, whose scheme the probe does not speak. Use an http:// or https:// ` +
          'proxy to have it probed.',
    { detail },
  );
}

/** The answer's status as go sees it: 404/410 make go try the next GOPROXY entry, others stop it. */
export function statusFailure(status: number, path: string, ctx: FailureContext): ProbeFailure {
  let advice: string;
  if (status >= 500)
    advice = 'The mirror or its upstream is failing; try again later or pick another mirror.';
  else if (status === 404 || status === 410)
    advice = 'The mirror does not have it; go would fall back to the next GOPROXY entry.';
  else if (status === 401 || status === 403)
    advice = 'The mirror refuses this client; check its credentials or pick another mirror.';
  else advice = 'go stops on this answer; pick another mirror.';
  return failure('http-status', 'ttfb', `${ctx.subject} answered HTTP ${status} for ${path}. ${advice}`, {
    status,
  });
}

export function tooManyRedirects(status: number, location: string, max: number, ctx: FailureContext) {
  return failure(
    'http-status',
    'ttfb',
    `${ctx.subject} redirected more than ${max} times (last: HTTP ${status} to ${location}). ` +
      'It looks like a redirect loop; pick another mirror.',
    { status, detail: 'too-many-redirects' },
  );
}

export function tooLarge(limit: number, path: string, ctx: FailureContext): ProbeFailure {
  return failure(
    'bad-response',
    'body',
    `${ctx.subject} sent more than ${Math.round(limit / 1024)} KiB for ${path}, far more than module info. ` +
      'Pick another mirror.',
    { detail: 'too-large' },
  );
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Checks an .info answer the way go reads it (encoding/json into a RevInfo, keys matched without regard
 * to case, Time as RFC 3339) and rejects, as go does, info for another version than the one asked for
 * (`version`; null when go would not check, for a query that is not a canonical version).
 * Returns the problem, or null when go would accept the answer.
 */
export function checkInfo(
  body: Uint8Array,
  contentType: string | undefined,
  version: string | null,
  ctx: FailureContext,
): ProbeFailure | null {
  const text = new TextDecoder().decode(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const fields =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  const field = (name: string): unknown => {
    if (fields === null) return undefined;
    if (name in fields) return fields[name];
    const key = Object.keys(fields).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : fields[key];
  };
  const got = field('Version');
  const time = field('Time');
  if (fields === null || typeof got !== 'string' || (time !== undefined && !isRfc3339(time))) {
    const html = /html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body)/i.test(text);
    return failure(
      'bad-response',
      'body',
      html
        ? `${ctx.subject} answered with an HTML page instead of module info: a captive portal or login page? ` +
            'Sign in to the network, or pick another mirror.'
        : `${ctx.subject} answered with something that is not module info JSON (${JSON.stringify(text.slice(0, 60))}). ` +
            'go cannot use it; pick another mirror.',
      { detail: html ? 'html' : 'not-json' },
    );
  }
  if (version !== null && got !== version) {
    return failure(
      'bad-response',
      'body',
      `${ctx.subject} answered with info for ${got} instead of ${version}. go rejects such answers; pick another mirror.`,
      { detail: 'wrong-version' },
    );
  }
  return null;
}

function isRfc3339(value: unknown): boolean {
  return (
    value === null || (typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value)))
  );
}
