import { describe, expect, it } from 'vitest';
import {
  checkInfo,
  classifyError,
  formatDuration,
  ProbeFailure,
  statusFailure,
  timeoutFailure,
  type FailureContext,
} from '../../electron/services/probe/classification';

const ctx: FailureContext = { subject: 'goproxy.cn', timeoutMs: 5000 };
const viaProxy: FailureContext = { ...ctx, proxy: 'http://proxy.corp:3128' };
const err = (code: string, message = code, extra: object = {}) =>
  Object.assign(new Error(message), { code }, extra);
const info = (text: string) => new TextEncoder().encode(text);

describe('classifyError: network errors as the kinds of DESIGN §5', () => {
  it.each([
    ['ENOTFOUND', 'dns', { kind: 'dns', phase: 'dns' }],
    ['EAI_AGAIN', 'dns', { kind: 'dns', phase: 'dns' }],
    ['ECONNREFUSED', 'connect', { kind: 'refused', phase: 'connect' }],
    ['EHOSTUNREACH', 'connect', { kind: 'refused', phase: 'connect', detail: 'unreachable' }],
    ['ECONNRESET', 'ttfb', { kind: 'reset', phase: 'ttfb' }],
    ['UND_ERR_SOCKET', 'body', { kind: 'reset', phase: 'body' }],
    ['ECONNRESET', 'tls', { kind: 'reset', phase: 'tls' }],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', { kind: 'tls', phase: 'tls', detail: 'self-signed' }],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', { kind: 'tls', detail: 'self-signed' }],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls', { kind: 'tls', detail: 'unknown-authority' }],
    ['CERT_HAS_EXPIRED', 'tls', { kind: 'tls', detail: 'expired' }],
    ['CERT_NOT_YET_VALID', 'tls', { kind: 'tls', detail: 'not-yet-valid' }],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', { kind: 'tls', detail: 'wrong-host' }],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', { kind: 'tls', detail: 'handshake' }],
    ['HPE_INVALID_CONSTANT', 'ttfb', { kind: 'bad-response', detail: 'malformed-http' }],
  ] as const)('%s during %s', (code, phase, expected) => {
    expect(classifyError(err(code), phase, ctx)).toMatchObject(expected);
  });

  it('blames the proxy for failures on the way to it', () => {
    expect(classifyError(err('ECONNREFUSED'), 'connect', viaProxy)).toMatchObject({
      kind: 'proxy',
      phase: 'connect',
      detail: 'unreachable',
      message:
        'The HTTP proxy http://proxy.corp:3128 is not reachable (ECONNREFUSED). Start it, or fix or unset HTTPS_PROXY/HTTP_PROXY.',
    });
    expect(classifyError(err('ENOTFOUND'), 'dns', viaProxy).message).toContain('its name does not resolve');
    // Once through the proxy, the mirror's own TLS is the mirror's.
    expect(classifyError(err('CERT_HAS_EXPIRED'), 'tls', viaProxy).kind).toBe('tls');
  });

  it('names the certificate a wrong-host server presented', () => {
    const e = err('ERR_TLS_CERT_ALTNAME_INVALID', 'x', { cert: { subjectaltname: 'DNS:other.example' } });
    expect(classifyError(e, 'tls', ctx).message).toBe(
      'goproxy.cn presented a certificate for DNS:other.example. The address may be wrong or the connection intercepted; pick another mirror.',
    );
  });

  it('passes a probe failure through unchanged', () => {
    const failure = timeoutFailure('tls', ctx);
    expect(classifyError(failure, 'connect', ctx)).toBe(failure.error);
  });

  it('says what happened, to what, and what to do next', () => {
    expect(timeoutFailure('tls', ctx).error).toEqual({
      kind: 'timeout',
      phase: 'tls',
      message:
        'goproxy.cn did not answer within 5 s (TLS handshake). Check the HTTP proxy or pick another mirror.',
    });
    expect(statusFailure(404, '/rsc.io/quote/@v/v1.5.2.info', ctx).error.message).toBe(
      'goproxy.cn answered HTTP 404 for /rsc.io/quote/@v/v1.5.2.info. The mirror does not have it; go would fall back to the next GOPROXY entry.',
    );
    expect(statusFailure(502, '/x', ctx).error).toMatchObject({
      kind: 'http-status',
      phase: 'ttfb',
      status: 502,
    });
  });

  it('writes durations the way people read them', () => {
    expect(formatDuration(800)).toBe('800 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(5000)).toBe('5 s');
  });
});

describe('checkInfo: what go accepts as .info', () => {
  const check = (text: string, contentType = 'application/json', version: string | null = 'v1.5.2') =>
    checkInfo(info(text), contentType, version, ctx)?.error ?? null;

  it('accepts info JSON for the requested version, keys in any case, Time in RFC 3339 or absent', () => {
    expect(check('{"Version":"v1.5.2","Time":"2018-02-14T15:44:20Z"}')).toBeNull();
    expect(check('{"version":"v1.5.2","time":"2018-02-14T15:44:20.123+08:00"}')).toBeNull();
    expect(check('{"Version":"v1.5.2"}')).toBeNull();
    expect(check('{"Version":"v1.5.2","Time":null,"Origin":{"VCS":"git"}}')).toBeNull();
  });

  it('rejects an HTML page (a captive portal) as bad-response', () => {
    expect(check('<html>captive portal</html>', 'text/html')).toMatchObject({
      kind: 'bad-response',
      detail: 'html',
    });
    expect(check('<!DOCTYPE html><title>Login</title>', 'application/octet-stream')).toMatchObject({
      detail: 'html',
    });
  });

  it('rejects what is not info JSON', () => {
    for (const text of [
      'hello',
      '[]',
      '{"Time":"2018-02-14T15:44:20Z"}',
      '{"Version":1}',
      '{"Version":"v1.5.2","Time":"yesterday"}',
    ]) {
      expect(check(text, 'text/plain'), text).toMatchObject({ kind: 'bad-response', detail: 'not-json' });
    }
  });

  it('rejects info for another version, as go does for a canonical version only', () => {
    expect(check('{"Version":"v1.0.0"}')).toMatchObject({ kind: 'bad-response', detail: 'wrong-version' });
    expect(check('{"Version":"v1.0.0"}', 'application/json', null)).toBeNull();
  });

  it('is a ProbeFailure the network code can throw', () => {
    expect(checkInfo(info('x'), undefined, 'v1.5.2', ctx)).toBeInstanceOf(ProbeFailure);
  });
});
