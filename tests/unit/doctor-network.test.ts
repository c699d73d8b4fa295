import { describe, expect, it } from 'vitest';
import type { ProbeError } from '../../shared/contract';
import { LANGUAGES } from '../../shared/i18n';
import { render } from '../../electron/services/doctor/engine';
import type { NetworkFacts, ProxyFacts, SumdbFacts, TlsFacts } from '../../electron/services/doctor/network';
import { networkRules } from '../../electron/services/doctor/rules-network';
import type { Facts, Hit, Rule } from '../../electron/services/doctor/types';
import {
  facts,
  goFacts,
  mirror,
  network,
  probeResult,
  SUMDB_OK,
  type GoFactsOptions,
} from '../fixtures/doctor-facts';

/** The rules over the live checks, each on hand-built facts: it fires in one case and keeps quiet in another. */

function rule(id: string): Rule {
  const found = networkRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function withNetwork(net: Partial<NetworkFacts>, go: GoFactsOptions = {}): Facts {
  return facts({ go: goFacts(go), network: network(net) });
}

function proxyFacts(over: Partial<ProxyFacts> = {}): ProxyFacts {
  return {
    url: 'http://127.0.0.1:3128',
    variables: ['HTTPS_PROXY', 'HTTP_PROXY'],
    credentials: false,
    state: 'ok',
    observations: ['connect: the proxy opened a tunnel'],
    addedHeaders: [],
    ...over,
  };
}

const refused: ProbeError = {
  kind: 'refused',
  phase: 'connect',
  message: 'goproxy.example refused the connection: nothing listens there.',
};
const status500: ProbeError = {
  kind: 'http-status',
  phase: 'ttfb',
  status: 500,
  message: 'goproxy.example answered HTTP 500 for /rsc.io/quote/@v/v1.5.2.info.',
};
const notFound: ProbeError = { ...status500, status: 404, message: 'answered HTTP 404' };
const hang: ProbeError = {
  kind: 'timeout',
  phase: 'ttfb',
  message: 'goproxy.example did not answer within 3 s (waiting for the answer).',
};
const proxyDown: ProbeError = {
  kind: 'proxy',
  phase: 'connect',
  detail: 'unreachable',
  message: 'The HTTP proxy http://127.0.0.1:9 is not reachable (ECONNREFUSED).',
};

const hits = (id: string, f: Facts): Hit[] => rule(id).check(f);

describe('the network rules as a set', () => {
  it('have unique kebab-case ids, texts in both languages and only placeholders both languages share', () => {
    const ids = networkRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of networkRules) {
      expect(r.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      const names = (language: (typeof LANGUAGES)[number]) =>
        [
          ...Object.values(r.text[language])
            .join(' ')
            .matchAll(/\{\{(\w+)\}\}/g),
        ]
          .map((m) => m[1])
          .sort();
      for (const language of LANGUAGES) {
        for (const part of ['title', 'detail', 'remedy'] as const)
          expect(r.text[language][part].trim()).not.toBe('');
      }
      expect(new Set(names('zh-CN'))).toEqual(new Set(names('en')));
    }
  });

  it('keep quiet on a clean machine, probed or not', () => {
    for (const r of networkRules) {
      expect(r.check(facts()), r.id).toEqual([]);
      expect(r.check(withNetwork({})), r.id).toEqual([]);
    }
  });
});

/** Every rule's firing case: the hit renders in both languages with every placeholder filled, and no secret. */
const FIRING: Record<string, Facts> = {
  'mirror-dead': withNetwork(
    {
      mirrors: [
        mirror(0, 'https://goproxy.example', {
          probe: probeResult('https://goproxy.example', { errors: [refused, refused] }),
        }),
      ],
    },
    { vars: { GOPROXY: 'https://goproxy.example,https://goproxy.cn,direct' } },
  ),
  'mirror-unreliable': withNetwork({
    mirrors: [
      mirror(0, 'https://goproxy.cn', {
        probe: probeResult('https://goproxy.cn', { errors: [undefined, status500] }),
      }),
    ],
  }),
  'mirror-slow': withNetwork({
    mirrors: [
      mirror(0, 'https://goproxy.cn', {
        probe: probeResult('https://goproxy.cn', {
          status: 'slow',
          latency: { p50: 1850, p95: 2100, min: 1800, max: 2100 },
        }),
      }),
    ],
  }),
  'mirror-stale': withNetwork({
    mirrors: [
      mirror(0, 'https://goproxy.cn', {
        probe: probeResult('https://goproxy.cn', {
          freshness: {
            module: 'github.com/aws/aws-sdk-go-v2',
            latest: 'v1.30.0',
            behind: 4,
            behindMs: 3 * 86_400_000,
          },
        }),
      }),
    ],
  }),
  'chain-stops-on-error': withNetwork(
    {
      mirrors: [
        mirror(0, 'https://gopher:xxxxx@goproxy.example', {
          probe: probeResult('https://gopher:xxxxx@goproxy.example', { errors: [status500, status500] }),
        }),
        mirror(1, 'https://goproxy.cn'),
      ],
    },
    { vars: { GOPROXY: 'https://gopher:s3cret@goproxy.example,https://goproxy.cn,direct' } },
  ),
  'single-mirror-no-fallback': facts({ go: goFacts({ vars: { GOPROXY: 'https://goproxy.cn' } }) }),
  'http-proxy-dead': withNetwork({ proxies: [proxyFacts({ state: 'unreachable' })] }),
  'http-proxy-auth': withNetwork({ proxies: [proxyFacts({ state: 'auth-required', status: 407 })] }),
  'hangs-no-timeout': withNetwork({
    mirrors: [
      mirror(0, 'https://goproxy.cn', { probe: probeResult('https://goproxy.cn', { errors: [hang, hang] }) }),
    ],
  }),
  'proxy-adds-headers': withNetwork({
    proxies: [
      proxyFacts({
        addedHeaders: [
          { name: 'via', value: '1.1 proxy (tinyproxy/1.11.1)' },
          { name: 'x-tinyproxy', value: '10.1.2.3' },
        ],
      }),
    ],
  }),
  'response-discloses-internals': withNetwork({
    mirrors: [
      mirror(0, 'https://goproxy.cn', {
        headers: { server: 'nginx/1.18.0 (Ubuntu)', 'x-powered-by': 'Express' },
      }),
    ],
  }),
  'sumdb-unreachable': withNetwork({
    mirrors: [
      mirror(0, 'https://goproxy.cn', { probe: probeResult('https://goproxy.cn', { sumdb: false }) }),
    ],
    sumdb: {
      ...SUMDB_OK,
      direct: {
        ok: false,
        error: {
          kind: 'timeout',
          phase: 'connect',
          message: 'sum.golang.org did not answer within 3 s (TCP connect).',
        },
      },
      alternative: { url: 'https://sum.golang.google.cn', ok: true, status: 200, ms: 60 },
    },
  }),
  'tls-interception': withNetwork({
    tls: [
      {
        host: 'goproxy.cn:443',
        role: 'mirror',
        publicService: true,
        chain: {
          goTrusts: false,
          goError: 'SELF_SIGNED_CERT_IN_CHAIN',
          publicRoot: false,
          issuer: 'CN=Corp Inspection CA, O=Corp',
          topFingerprint: 'CC:DD',
        },
      },
    ],
  }),
  'git-proxy-mismatch': facts({
    go: goFacts({
      gitProxy: 'http://alice:pa55@proxy.corp:3128',
      processProxy: { httpsProxy: 'http://other.corp:8080' },
    }),
  }),
};

describe('every network rule', () => {
  it('has a firing case here', () => {
    expect(Object.keys(FIRING).sort()).toEqual(networkRules.map((r) => r.id).sort());
  });

  for (const r of networkRules) {
    it(`${r.id}: fires once, fills every placeholder in both languages, shows no password`, () => {
      const found = r.check(FIRING[r.id]!);
      expect(found).toHaveLength(1);
      for (const language of LANGUAGES) {
        const finding = render({ rule: r, hit: found[0]! }, language);
        const text = [
          finding.title,
          finding.detail,
          finding.remedy,
          ...finding.evidence,
          finding.fix?.summary ?? '',
        ].join('\n');
        expect(text).not.toMatch(/\{\{/);
        expect(text).not.toMatch(/s3cret|pa55/);
      }
    });
  }
});

describe('mirror-dead', () => {
  it('offers to remove the dead entry, keeping the separators of the others', () => {
    const [hit] = hits('mirror-dead', FIRING['mirror-dead']!);
    expect(hit!.fix?.action).toEqual({ kind: 'goenv', set: ['GOPROXY=https://goproxy.cn,direct'] });
    expect(hit!.evidence[1]).toContain('0/2 requests answered; goproxy.example refused the connection');
  });

  it('removes a dead last entry with the separator before it, and offers nothing when nothing would be left', () => {
    const last = withNetwork(
      {
        mirrors: [
          mirror(0, 'https://goproxy.cn'),
          mirror(1, 'https://goproxy.example', {
            probe: probeResult('https://goproxy.example', { errors: [refused] }),
          }),
        ],
      },
      { vars: { GOPROXY: 'https://goproxy.cn|https://goproxy.example' } },
    );
    expect(hits('mirror-dead', last)[0]!.fix?.action).toEqual({
      kind: 'goenv',
      set: ['GOPROXY=https://goproxy.cn'],
    });
    const only = withNetwork(
      {
        mirrors: [
          mirror(0, 'https://goproxy.example', {
            probe: probeResult('https://goproxy.example', { errors: [refused] }),
          }),
        ],
      },
      { vars: { GOPROXY: 'https://goproxy.example' } },
    );
    expect(hits('mirror-dead', only)[0]!.fix).toBeUndefined();
  });

  it('leaves a mirror that is dead because of the proxy, or because it hangs, to those rules', () => {
    for (const e of [proxyDown, hang]) {
      const f = withNetwork({
        mirrors: [
          mirror(0, 'https://goproxy.cn', { probe: probeResult('https://goproxy.cn', { errors: [e, e] }) }),
        ],
      });
      expect(hits('mirror-dead', f)).toEqual([]);
    }
  });
});

describe('chain-stops-on-error', () => {
  it("puts '|' after the failing entry only, keeping the password in the fix but not in what is shown", () => {
    const [hit] = hits('chain-stops-on-error', FIRING['chain-stops-on-error']!);
    expect(hit!.fix?.action).toEqual({
      kind: 'goenv',
      set: ['GOPROXY=https://gopher:s3cret@goproxy.example|https://goproxy.cn,direct'],
    });
    expect(hit!.params!.value).toBe('https://gopher:xxxxx@goproxy.example|https://goproxy.cn,direct');
  });

  it("keeps quiet for 404 (go falls back), after '|', and for the last entry", () => {
    const failing = (e: ProbeError) =>
      mirror(0, 'https://goproxy.example', {
        probe: probeResult('https://goproxy.example', { errors: [e, e] }),
      });
    const cases: [ProbeError, string][] = [
      [notFound, 'https://goproxy.example,https://goproxy.cn'],
      [status500, 'https://goproxy.example|https://goproxy.cn'],
      [status500, 'https://goproxy.example'],
      [status500, 'https://goproxy.example,off'],
    ];
    for (const [e, value] of cases) {
      expect(
        hits('chain-stops-on-error', withNetwork({ mirrors: [failing(e)] }, { vars: { GOPROXY: value } })),
        value,
      ).toEqual([]);
    }
  });
});

describe('single-mirror-no-fallback', () => {
  it("adds ',direct' after a trailing separator is dropped", () => {
    const [hit] = hits(
      'single-mirror-no-fallback',
      facts({ go: goFacts({ vars: { GOPROXY: 'https://goproxy.cn,' } }) }),
    );
    expect(hit!.fix?.action).toEqual({ kind: 'goenv', set: ['GOPROXY=https://goproxy.cn,direct'] });
  });

  it('keeps quiet with direct, with a second mirror, or with off (a deliberate choice)', () => {
    for (const value of [
      'https://goproxy.cn,direct',
      'https://goproxy.cn|https://goproxy.io',
      'https://goproxy.cn,off',
      'off',
    ]) {
      expect(
        hits('single-mirror-no-fallback', facts({ go: goFacts({ vars: { GOPROXY: value } }) })),
        value,
      ).toEqual([]);
    }
  });
});

describe('the proxy rules', () => {
  it('tell each state apart', () => {
    const states = (state: ProxyFacts['state']) => withNetwork({ proxies: [proxyFacts({ state })] });
    expect(hits('http-proxy-dead', states('auth-required'))).toEqual([]);
    expect(hits('http-proxy-auth', states('unreachable'))).toEqual([]);
    expect(hits('hangs-no-timeout', states('hangs'))[0]!.params).toEqual({
      url: 'http://127.0.0.1:3128',
      timeout: '3 s',
    });
    expect(hits('hangs-no-timeout', states('ok'))).toEqual([]);
  });

  it('proxy-adds-headers ignores harmless added headers and hides forwarded credentials', () => {
    const harmless = withNetwork({
      proxies: [proxyFacts({ addedHeaders: [{ name: 'cache-control', value: 'max-age=0' }] })],
    });
    expect(hits('proxy-adds-headers', harmless)).toEqual([]);
    const creds = withNetwork({
      proxies: [proxyFacts({ addedHeaders: [{ name: 'proxy-authorization', value: '(hidden)' }] })],
    });
    expect(hits('proxy-adds-headers', creds)[0]!.evidence[0]).toContain('passes your proxy credentials on');
    const [hit] = hits('proxy-adds-headers', FIRING['proxy-adds-headers']!);
    expect(hit!.params!.headers).toBe('via, x-tinyproxy');
  });
});

describe('response-discloses-internals', () => {
  it('names versions, powered-by and private addresses, not a bare product name', () => {
    const [hit] = hits(
      'response-discloses-internals',
      withNetwork({
        mirrors: [
          mirror(0, 'https://goproxy.cn', { headers: { server: 'nginx', via: '1.1 10.0.3.7:8080 (squid)' } }),
        ],
      }),
    );
    expect(hit!.params!.headers).toBe('via');
    const quiet = withNetwork({
      mirrors: [mirror(0, 'https://goproxy.cn', { headers: { server: 'cloudflare', via: '1.1 google' } })],
    });
    expect(hits('response-discloses-internals', quiet)).toEqual([]);
  });
});

describe('sumdb-unreachable', () => {
  const unreachable: SumdbFacts = { ...SUMDB_OK, direct: { ok: false, error: refused } };

  it('offers sum.golang.google.cn only when it answered', () => {
    const [hit] = hits('sumdb-unreachable', FIRING['sumdb-unreachable']!);
    expect(hit!.fix?.action).toEqual({ kind: 'goenv', set: ['GOSUMDB=sum.golang.google.cn'] });
    const noAlternative = withNetwork({
      mirrors: [
        mirror(0, 'https://goproxy.cn', { probe: probeResult('https://goproxy.cn', { sumdb: false }) }),
      ],
      sumdb: unreachable,
    });
    expect(hits('sumdb-unreachable', noAlternative)[0]!.fix).toBeUndefined();
  });

  it('keeps quiet when a mirror proxies it, after a mirror that does not', () => {
    const f = withNetwork(
      {
        mirrors: [
          mirror(0, 'https://goproxy.example', {
            probe: probeResult('https://goproxy.example', { sumdb: false }),
          }),
          mirror(1, 'https://goproxy.cn'),
        ],
        sumdb: unreachable,
      },
      { vars: { GOPROXY: 'https://goproxy.example,https://goproxy.cn,direct' } },
    );
    expect(hits('sumdb-unreachable', f)).toEqual([]);
  });

  it('fires when GOSUMDB names its URL, which go reaches without asking the mirrors', () => {
    const f = withNetwork({ sumdb: { ...unreachable, url: 'https://sum.example', explicit: true } });
    expect(hits('sumdb-unreachable', f)[0]!.evidence).toContain(
      'GOSUMDB names its URL, so go does not ask the GOPROXY mirrors for it',
    );
  });

  it('keeps quiet when the database answers, and with GOSUMDB=off (no sumdb facts)', () => {
    expect(
      hits(
        'sumdb-unreachable',
        withNetwork({
          mirrors: [
            mirror(0, 'https://goproxy.cn', { probe: probeResult('https://goproxy.cn', { sumdb: false }) }),
          ],
        }),
      ),
    ).toEqual([]);
    expect(hits('sumdb-unreachable', withNetwork({ sumdb: null }))).toEqual([]);
  });
});

describe('tls-interception', () => {
  const chain = (over: Partial<NonNullable<TlsFacts['chain']>>, publicService = true): Facts =>
    withNetwork({
      tls: [
        {
          host: 'goproxy.cn:443',
          role: 'mirror',
          publicService,
          chain: { goTrusts: true, publicRoot: false, issuer: 'CN=Corp CA', topFingerprint: 'EE', ...over },
        },
      ],
    });

  it('is an error when go rejects the chain, a warning when the CA is installed', () => {
    expect(hits('tls-interception', FIRING['tls-interception']!)[0]!.severity).toBe('error');
    expect(hits('tls-interception', chain({}))[0]!.severity).toBe('warning');
  });

  it('keeps quiet for a private mirror with its own CA', () => {
    expect(hits('tls-interception', chain({}, false))).toEqual([]);
  });
});

describe('git-proxy-mismatch', () => {
  const mismatch = (gitProxy: string | null, httpsProxy: string) =>
    hits('git-proxy-mismatch', facts({ go: goFacts({ gitProxy, processProxy: { httpsProxy } }) }));

  it('compares the addresses each tool connects to', () => {
    expect(mismatch('proxy.corp:3128', 'http://proxy.corp:3128/')).toEqual([]);
    expect(mismatch('HTTP://Proxy.Corp:3128', 'http://proxy.corp:3128')).toEqual([]);
    expect(mismatch(null, 'http://proxy.corp:3128')).toEqual([]);
    // curl's default proxy port is 1080, go's is 80: the same text reaches two ports.
    expect(mismatch('http://proxy.corp', 'http://proxy.corp')[0]!.evidence[0]).toContain('proxy.corp:1080');
    expect(mismatch('http://proxy.corp:3128', '')[0]!.evidence[1]).toBe('HTTPS_PROXY is not set');
  });
});
