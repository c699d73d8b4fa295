import { describe, expect, it } from 'vitest';
import type { ProxyDetectResult } from '../../shared/contract';
import { osProxyRules } from '../../electron/services/doctor/rules-os-proxy';
import { facts, goFacts, mirror, network, probeResult } from '../fixtures/doctor-facts';

const rule = (id: string) => osProxyRules.find((r) => r.id === id)!;

const PAC: ProxyDetectResult = {
  source: 'KDE (kioslaverc)',
  mode: 'pac',
  pacUrl: 'http://wpad.corp.example/wpad.dat',
  decisions: [
    { url: 'https://proxy.golang.org', pac: 'PROXY 10.0.0.1:3128', proxy: 'http://10.0.0.1:3128' },
    { url: 'https://goproxy.cn', pac: 'DIRECT', proxy: null },
  ],
  suggestion: { http: 'http://10.0.0.1:3128', https: 'http://10.0.0.1:3128', noProxy: 'goproxy.cn' },
  warnings: [],
};

describe('os-proxy-mismatch', () => {
  it('is quiet when go decides as the system does', () => {
    const go = goFacts({ processProxy: { httpsProxy: 'http://10.0.0.1:3128', noProxy: 'goproxy.cn' } });
    expect(rule('os-proxy-mismatch').check(facts({ go, osProxy: PAC }))).toEqual([]);
    expect(rule('os-proxy-mismatch').check(facts({ osProxy: { ...PAC, mode: 'none' } }))).toEqual([]);
    expect(rule('os-proxy-mismatch').check(facts({ osProxy: null }))).toEqual([]);
  });

  it('warns where go goes direct and the system proxies, with the fix that applies the suggestion', () => {
    const [hit] = rule('os-proxy-mismatch').check(facts({ osProxy: PAC }));
    expect(hit?.severity).toBeUndefined();
    expect(hit?.evidence).toEqual([
      'https://proxy.golang.org: system → http://10.0.0.1:3128 (PROXY 10.0.0.1:3128); go → direct',
    ]);
    expect(hit?.fix?.action).toEqual({
      kind: 'netproxy',
      request: {
        https: 'http://10.0.0.1:3128',
        http: 'http://10.0.0.1:3128',
        noProxy: 'goproxy.cn',
        scopes: ['env', 'git'],
      },
    });
  });

  it('is an error when the address go reaches differently was also unreachable in the live checks', () => {
    const dead = network({
      mirrors: [
        mirror(0, 'https://proxy.golang.org', {
          probe: probeResult('https://proxy.golang.org', {
            errors: [{ kind: 'timeout', message: 'x' } as never, { kind: 'timeout', message: 'x' } as never],
          }),
        }),
      ],
    });
    const [hit] = rule('os-proxy-mismatch').check(facts({ osProxy: PAC, network: dead }));
    expect(hit?.severity).toBe('error');
  });

  it('also when go proxies what the system sends direct', () => {
    const go = goFacts({ processProxy: { httpsProxy: 'http://10.0.0.1:3128' } });
    const [hit] = rule('os-proxy-mismatch').check(facts({ go, osProxy: PAC }));
    expect(hit?.evidence).toEqual([
      'https://goproxy.cn: system → direct (DIRECT); go → http://10.0.0.1:3128',
    ]);
  });
});

describe('os-proxy-pac-failed', () => {
  it('reports a script that could not be fetched or run', () => {
    const failed = {
      ...PAC,
      decisions: [],
      suggestion: null,
      warnings: ['the PAC script http://wpad.corp.example/wpad.dat could not be fetched: timeout'],
    };
    expect(rule('os-proxy-pac-failed').check(facts({ osProxy: failed }))[0]?.evidence).toEqual([
      'PAC: http://wpad.corp.example/wpad.dat',
      'the PAC script http://wpad.corp.example/wpad.dat could not be fetched: timeout',
    ]);
    expect(rule('os-proxy-pac-failed').check(facts({ osProxy: PAC }))).toEqual([]);
  });
});
