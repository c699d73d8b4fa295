import { describe, expect, it } from 'vitest';
import type { ProbeError, ProbeResult, ProbeSample } from '../../shared/contract';
import { pickFastest } from '../../electron/services/probe';
import { median, percentile, summarize } from '../../electron/services/probe/summary';

const phases = (total: number, rest: Partial<ProbeSample['cold']> = {}): ProbeSample['cold'] => ({
  dns: null,
  connect: 1,
  tls: null,
  ttfb: total - 1,
  total,
  ...rest,
});

function ok(index: number, total: number, warmTtfb = 2): ProbeSample {
  return {
    index,
    ok: true,
    httpStatus: 200,
    redirects: 0,
    cold: phases(total),
    warm: { ttfb: warmTtfb, total: warmTtfb + 0.5, reused: true },
  };
}

function failed(index: number, error: Partial<ProbeError> & Pick<ProbeError, 'kind'>): ProbeSample {
  return {
    index,
    ok: false,
    redirects: 0,
    cold: { dns: null, connect: null, tls: null, ttfb: null, total: 5 },
    warm: null,
    error: { phase: 'connect', message: `${error.kind} happened`, ...error },
  };
}

describe('percentile and median', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([10, 20, 30, 40, 50], 50)).toBe(30);
    expect(percentile([50, 10, 40, 20, 30], 95)).toBe(48);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
  });

  it('has no value for no samples, and skips phases that did not happen', () => {
    expect(percentile([], 50)).toBeNull();
    expect(median([null, null])).toBeNull();
    expect(median([null, 4, 2])).toBe(3);
  });
});

describe('summarize: status rules', () => {
  it('is ok when every sample succeeded under the slow threshold', () => {
    const s = summarize([ok(0, 30), ok(1, 10), ok(2, 20)], 1000);
    expect(s.status).toBe('ok');
    expect(s.successRate).toBe(1);
    expect(s.latency).toEqual({ p50: 20, p95: 29, min: 10, max: 30 });
    expect(s.phases).toEqual({ dns: null, connect: 1, tls: null, ttfb: 19, total: 20 });
    expect(s.warm).toEqual({ ttfb: 2, total: 2.5 });
    expect(s.error).toBeUndefined();
  });

  it('is slow when the median total is above the threshold, even if one sample was fast', () => {
    expect(summarize([ok(0, 1200), ok(1, 50), ok(2, 1300)], 1000).status).toBe('slow');
    expect(summarize([ok(0, 1000), ok(1, 1000)], 1000).status).toBe('ok');
  });

  it('is degraded when some samples failed (a 5xx among them), and its numbers come from the good ones', () => {
    const s = summarize([ok(0, 10), failed(1, { kind: 'http-status', status: 502 }), ok(2, 30)], 1000);
    expect(s.status).toBe('degraded');
    expect(s.successRate).toBe(0.67);
    expect(s.latency.p50).toBe(20);
    expect(s.error).toMatchObject({ kind: 'http-status', status: 502 });
  });

  it('is degraded rather than slow when a slow mirror also fails', () => {
    expect(summarize([ok(0, 2000), failed(1, { kind: 'timeout' })], 1000).status).toBe('degraded');
  });

  it('is dead when no sample succeeded, with the most frequent failure (latest on a tie)', () => {
    const s = summarize(
      [
        failed(0, { kind: 'timeout', phase: 'ttfb' }),
        failed(1, { kind: 'reset', message: 'first reset' }),
        failed(2, { kind: 'reset', message: 'second reset' }),
      ],
      1000,
    );
    expect(s.status).toBe('dead');
    expect(s.successRate).toBe(0);
    expect(s.latency).toEqual({ p50: null, p95: null, min: null, max: null });
    expect(s.phases.total).toBeNull();
    expect(s.error).toMatchObject({ kind: 'reset', message: 'second reset' });
    expect(summarize([failed(0, { kind: 'dns' }), failed(1, { kind: 'refused' })]).error!.kind).toBe(
      'refused',
    );
  });

  it('is dead with nothing to go on when there are no samples', () => {
    expect(summarize([]).status).toBe('dead');
  });
});

describe('pickFastest (use fastest)', () => {
  const result = (
    id: string,
    status: ProbeResult['status'],
    p50: number | null,
    successRate = 1,
  ): ProbeResult => ({
    id,
    url: `https://${id}`,
    status,
    successRate,
    latency: { p50, p95: p50, min: p50, max: p50 },
    phases: { dns: null, connect: null, tls: null, ttfb: null, total: p50 },
    warm: { ttfb: null, total: null },
    samples: [],
    toolchain: null,
  });

  it('takes the healthy mirror with the lowest p50', () => {
    const fastest = pickFastest([result('a', 'ok', 80), result('b', 'ok', 35), result('c', 'ok', 50)]);
    expect(fastest?.id).toBe('b');
  });

  it('ignores slow, degraded and dead mirrors, however fast', () => {
    expect(
      pickFastest([
        result('slow', 'slow', 5),
        result('degraded', 'degraded', 1, 0.8),
        result('dead', 'dead', null, 0),
        result('fine', 'ok', 90),
      ])?.id,
    ).toBe('fine');
  });

  it('keeps the first of equals, and is null when nothing is healthy', () => {
    expect(pickFastest([result('x', 'ok', 10), result('y', 'ok', 10)])?.id).toBe('x');
    expect(pickFastest([result('dead', 'dead', null, 0)])).toBeNull();
    expect(pickFastest([])).toBeNull();
  });
});
