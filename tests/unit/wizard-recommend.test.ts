import { describe, expect, it } from 'vitest';
import type { MirrorEntry, ProbeResult } from '../../shared/contract';
import {
  barPercent,
  chainSteps,
  defaultMirrorState,
  goProxyFor,
  healthyByLatency,
  recommendChain,
  standings,
} from '../../renderer/pages/Wizard/recommend';

const mirror = (id: string, url: string): MirrorEntry => ({
  id,
  name: id,
  url,
  region: 'cn',
  notes: '',
  custom: false,
});

function result(
  url: string,
  status: ProbeResult['status'],
  p50: number | null,
  successRate = 1,
): ProbeResult {
  const phases = { dns: null, connect: null, tls: null, ttfb: null, total: p50 };
  return {
    id: url.replace(/^https?:\/\//, ''),
    url,
    status,
    successRate,
    latency: { p50, p95: p50, min: p50, max: p50 },
    phases,
    warm: { ttfb: null, total: null },
    samples: [],
    toolchain: null,
    ...(status === 'dead'
      ? { error: { kind: 'dns' as const, phase: 'dns' as const, message: 'does not resolve' } }
      : {}),
  };
}

const GOLANG = mirror('proxy.golang.org', 'https://proxy.golang.org');
const CN = mirror('goproxy.cn', 'https://goproxy.cn');
const IO = mirror('goproxy.io', 'https://goproxy.io/');
const ALIYUN = mirror('aliyun', 'https://mirrors.aliyun.com/goproxy/');

describe('the recommended chain', () => {
  const list = standings(
    [GOLANG, CN, IO, ALIYUN],
    [
      result('https://proxy.golang.org', 'dead', null, 0),
      result('https://goproxy.cn', 'ok', 80),
      // The probe reports base URLs without the trailing slash the catalogue may have.
      result('https://goproxy.io', 'ok', 40),
      result('https://mirrors.aliyun.com/goproxy', 'degraded', 10, 0.6),
    ],
  );

  it('pairs results with mirrors whether or not the URL ends in a slash', () => {
    expect(list.map((s) => s.result?.status)).toEqual(['dead', 'ok', 'ok', 'degraded']);
  });

  it('puts the fastest healthy mirror first and the second fastest after it; a faster flaky one is left out', () => {
    expect(healthyByLatency(list).map((s) => s.mirror.id)).toEqual(['goproxy.io', 'goproxy.cn']);
    expect(recommendChain(list)).toEqual({ primary: 'https://goproxy.io/', fallback: 'https://goproxy.cn' });
    expect(goProxyFor(recommendChain(list))).toBe('https://goproxy.io|https://goproxy.cn,direct');
  });

  it('recommends one mirror then direct when only one answers, and nothing when none does', () => {
    const one = standings(
      [CN, GOLANG],
      [result('https://goproxy.cn', 'ok', 50), result('https://proxy.golang.org', 'dead', null, 0)],
    );
    expect(goProxyFor(recommendChain(one))).toBe('https://goproxy.cn,direct');
    const none = standings([GOLANG], [result('https://proxy.golang.org', 'slow', 4000)]);
    expect(recommendChain(none)).toEqual({ primary: null, fallback: null });
    expect(goProxyFor(recommendChain(none))).toBe('direct');
  });

  it('never uses the same mirror twice', () => {
    expect(goProxyFor({ primary: 'https://goproxy.cn/', fallback: 'https://goproxy.cn' })).toBe(
      'https://goproxy.cn,direct',
    );
  });

  it("says whether go's default mirror answers, is down, or was not in the list", () => {
    expect(defaultMirrorState(list)).toMatchObject({ state: 'down', result: { error: { kind: 'dns' } } });
    expect(defaultMirrorState(standings([CN], []))).toEqual({ state: 'absent' });
    expect(defaultMirrorState(standings([GOLANG], []))).toEqual({ state: 'not-probed' });
    expect(
      defaultMirrorState(standings([GOLANG], [result('https://proxy.golang.org', 'slow', 900)])),
    ).toEqual({
      state: 'ok',
      ms: 900,
    });
  });

  it('scales the bars to the slowest answering mirror', () => {
    expect(barPercent(80, list)).toBe(100);
    expect(barPercent(40, list)).toBe(50);
    expect(barPercent(null, list)).toBe(0);
  });
});

describe('chainSteps (what GOPROXY makes go do, entry by entry)', () => {
  it("follows each separator: '|' falls back on any error, ',' only on not found", () => {
    expect(chainSteps('https://goproxy.io|https://goproxy.cn,direct')).toEqual([
      { kind: 'first', url: 'https://goproxy.io' },
      { kind: 'next', after: 'any', url: 'https://goproxy.cn' },
      { kind: 'nextDirect', after: 'notfound' },
    ]);
  });

  it('says that a chain ending in a mirror fails when that mirror fails', () => {
    expect(chainSteps('goproxy.cn')).toEqual([
      { kind: 'first', url: 'https://goproxy.cn' },
      { kind: 'lastFails', url: 'https://goproxy.cn' },
    ]);
  });

  it('reads direct and off alone, and ignores what go ignores after them', () => {
    expect(chainSteps('direct')).toEqual([{ kind: 'directOnly' }]);
    expect(chainSteps('off,https://goproxy.cn')).toEqual([{ kind: 'offOnly' }]);
  });

  it("reports go's own error for a value go rejects", () => {
    expect(chainSteps('ftp://x')).toEqual([
      { kind: 'invalid', error: 'invalid proxy URL scheme (must be https, http, file): ftp://x' },
    ]);
  });
});
