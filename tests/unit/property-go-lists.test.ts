import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChain, chainWithMirror, normalizeMirrorUrl } from '../../shared/go/chain';
import { goAuthGitDirs, parseGoAuth } from '../../shared/go/goauth';
import { httpMirrors, parseGoProxy, redactUrl, type ProxyEntry } from '../../shared/go/goproxy';
import { parseGoSumDb } from '../../shared/go/gosumdb';
import { allowedVcs, DEFAULT_GOVCS_RULES, parseGoVcs } from '../../shared/go/govcs';
import { proxyFunc, useProxy, type ProxyConfig } from '../../shared/go/noproxy';
import { parseUrl } from '../../shared/go/neturl';
import { matchPrefixPatterns, pathMatch, patternProblems } from '../../shared/go/patterns';
import { withinBounds } from '../fixtures/bounds';

/**
 * The comma/pipe/semicolon lists go reads from its environment (GOPROXY, GOSUMDB, GOVCS, GOPRIVATE and
 * friends, NO_PROXY, GOAUTH) and the chain editor built on GOPROXY: any text in, go's answer or go's
 * error out, never an exception, in linear time.
 */

const TOKENS = [
  ',',
  '|',
  ';',
  ':',
  '/',
  '//',
  '://',
  '=',
  '"',
  "'",
  '#',
  '\\',
  '\r',
  '\n',
  ' ',
  '\t',
  '\v',
  '\f',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\ufeff',
  '\0',
  '\x1b',
  '%',
  '%25',
  '%zz',
  '@',
  '[',
  ']',
  '*',
  '?',
  '.',
  '+',
  '-',
  'direct',
  'off',
  'netrc',
  'git',
  'https',
  'http',
  'file',
  'goproxy.cn',
  'corp.example.com',
  'sum.golang.org',
  'public',
  'private',
  'all',
  'hg',
  '127.0.0.1',
  '::1',
  '10.0.0.0/8',
  'localhost',
  'é',
  '\u{1f600}',
  '\ud800',
];
/** Arbitrary text, biased towards the lists' own separators and words. */
const listText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join('')),
);

const noThrow = { numRuns: 300 } as const;

describe('GOPROXY (parseGoProxy, httpMirrors, redactUrl)', () => {
  it('never throws, and an accepted list holds only well-formed entries', () => {
    fc.assert(
      fc.property(listText, fc.boolean(), (value, windows) => {
        const parsed = parseGoProxy(value, { windows });
        if (!parsed.ok) {
          expect(typeof parsed.error).toBe('string');
          return;
        }
        expect(parsed.value.length).toBeGreaterThan(0);
        for (const [i, e] of parsed.value.entries()) {
          if (e.kind !== 'proxy') expect(i).toBe(parsed.value.length - 1);
          else expect(e.url).toMatch(/^[^,|]+$/);
        }
        for (const url of httpMirrors(value, { windows })) expect(url).toMatch(/^https?:\/\//i);
        expect(typeof redactUrl(value)).toBe('string');
      }),
      noThrow,
    );
  });

  it('round-trips: formatChain of a parsed list parses to the same entries', () => {
    fc.assert(
      fc.property(listText, (value) => {
        const parsed = parseGoProxy(value);
        if (!parsed.ok) return;
        // Nothing follows the last entry, so its own separator (and so its fallback) is not kept.
        const last = (entries: ProxyEntry[]) =>
          entries.map((e, i) => (i === entries.length - 1 ? { ...e, fallback: 'notfound' } : e));
        const again = parseGoProxy(formatChain(parsed.value));
        expect(again.ok && last(again.value)).toEqual(last(parsed.value));
      }),
      noThrow,
    );
  });

  it('never shows a password redactUrl was given', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(
      fc.property(
        word,
        word,
        fc.stringMatching(/^[a-zA-Z0-9._~!$&'()*+;=-]{1,10}$/),
        listText,
        (scheme, user, secret, tail) => {
          const shown = redactUrl(`${scheme}://${user}:PW${secret}@host.example${tail.replace(/PW/g, '')}`);
          expect(shown).not.toContain(`PW${secret}`);
        },
      ),
      noThrow,
    );
  });

  it('reads 1M commas, 250k entries and 250k blanks around one entry in linear time', () => {
    withinBounds(1e6, 8000, () => parseGoProxy(','.repeat(1e6) + 'direct'));
    withinBounds(1e6, 8000, () => parseGoProxy('a.b|'.repeat(250_000)));
    const blanks = ' \u00a0'.repeat(125_000) + 'goproxy.cn' + '\u3000\t'.repeat(125_000);
    withinBounds(blanks.length, 8000, () => parseGoProxy(blanks));
    const long = 'https://' + 'a'.repeat(1e6);
    withinBounds(long.length, 8000, () => redactUrl(long + '@' + long));
  });
});

describe('GOPROXY chains (normalizeMirrorUrl, chainWithMirror)', () => {
  it('normalizes idempotently and never throws', () => {
    fc.assert(
      fc.property(listText, (raw) => {
        const once = normalizeMirrorUrl(raw);
        if (!once.ok) return;
        expect(once.value).not.toMatch(/\/$/);
        expect(normalizeMirrorUrl(once.value)).toEqual(once);
      }),
      noThrow,
    );
  });

  it('puts a normalized mirror first in any chain, and the result is a chain go accepts', () => {
    const mirror = fc
      .oneof(listText, fc.webUrl())
      .map(normalizeMirrorUrl)
      .filter((r) => r.ok)
      .map((r) => (r.ok ? r.value : ''));
    fc.assert(
      fc.property(listText, mirror, (current, url) => {
        const chain = chainWithMirror(current, url);
        expect(chain.ok).toBe(true);
        if (!chain.ok) return;
        const parsed = parseGoProxy(chain.value);
        expect(parsed.ok && parsed.value[0]).toMatchObject({ kind: 'proxy', url });
      }),
      { numRuns: 200 },
    );
  });
});

describe('GOSUMDB (parseGoSumDb)', () => {
  it('never throws; an accepted database has a name its key starts with', () => {
    fc.assert(
      fc.property(listText, (value) => {
        const parsed = parseGoSumDb(value);
        if (!parsed.ok || parsed.value.off) return;
        expect(parsed.value.name).not.toBe('');
        expect(parsed.value.key.startsWith(`${parsed.value.name}+`)).toBe(true);
      }),
      noThrow,
    );
  });

  it('reads a 1 MB name or key in linear time', () => {
    withinBounds(1e6, 8000, () => parseGoSumDb(`a+01234567+${'A'.repeat(1e6)}!`));
    withinBounds(1e6, 8000, () => parseGoSumDb(`a+01234567+${'A'.repeat(1e6)}`));
    withinBounds(1e6, 8000, () => parseGoSumDb(`${'a'.repeat(1e6)}+01234567+AQAA`));
    withinBounds(1e6, 8000, () => parseGoSumDb(' '.repeat(1e6)));
  });
});

describe('GOVCS (parseGoVcs, allowedVcs)', () => {
  it('never throws; accepted rules have comma-free patterns and non-empty names, then go defaults', () => {
    fc.assert(
      fc.property(listText, listText, fc.boolean(), (value, path, isPrivate) => {
        const parsed = parseGoVcs(value);
        if (!parsed.ok) return;
        expect(parsed.value.slice(-2)).toEqual(DEFAULT_GOVCS_RULES);
        for (const rule of parsed.value) {
          expect(rule.pattern).not.toMatch(/,/);
          expect(rule.allowed.length).toBeGreaterThan(0);
          for (const name of rule.allowed) expect(name).not.toMatch(/^$|\|/);
        }
        expect(typeof allowedVcs(parsed.value, path, isPrivate, 'git')).toBe('boolean');
      }),
      noThrow,
    );
  });

  it('reads 170k rules and 1M blanks in linear time', () => {
    withinBounds(1e6, 8000, () => parseGoVcs('a:git,'.repeat(166_000) + 'b:git|hg'));
    withinBounds(1e6, 8000, () => parseGoVcs(`${' '.repeat(1e6)}a:git`));
  });
});

describe('GOPRIVATE-style globs (pathMatch, matchPrefixPatterns, patternProblems)', () => {
  const glob = fc.oneof(
    listText,
    fc
      .array(fc.constantFrom('*', '?', '[', ']', '^', '-', '\\', '/', 'a', 'b', '.', ','), { maxLength: 20 })
      .map((t) => t.join('')),
  );
  const literal = fc.stringMatching(/^[a-z0-9.-]{1,10}(?:\/[a-z0-9.-]{1,10}){0,3}$/);

  it('never throws, whatever the glob and the path', () => {
    fc.assert(
      fc.property(glob, listText, (pattern, target) => {
        expect(typeof pathMatch(pattern, target).matched).toBe('boolean');
        expect(typeof matchPrefixPatterns(pattern, target)).toBe('boolean');
        for (const p of patternProblems(pattern)) expect(pattern.split(',')).toContain(p.pattern);
      }),
      noThrow,
    );
  });

  it('a bad pattern never matches, and a literal glob matches itself and the paths under it', () => {
    fc.assert(
      fc.property(glob, listText, (pattern, target) => {
        const r = pathMatch(pattern, target);
        if (r.bad) expect(r.matched).toBe(false);
      }),
      noThrow,
    );
    fc.assert(
      fc.property(literal, fc.stringMatching(/^(?:\/[a-z]{1,5}){0,3}$/), (path, under) => {
        expect(pathMatch(path, path)).toEqual({ matched: true, bad: false });
        expect(matchPrefixPatterns(`x.invalid,${path}`, path + under)).toBe(true);
        expect(patternProblems(path)).toEqual([]);
      }),
      noThrow,
    );
  });

  it('reads 500k globs, a 1 MB glob and a 1 MB path in linear time', () => {
    withinBounds(1e6, 8000, () => matchPrefixPatterns('a,'.repeat(500_000), 'b/c'));
    withinBounds(1e6, 8000, () => patternProblems('a/*,'.repeat(250_000)));
    withinBounds(2e6, 8000, () => matchPrefixPatterns('a'.repeat(1e6), 'a'.repeat(1e6)));
    withinBounds(1e6, 8000, () => matchPrefixPatterns('*/'.repeat(250_000) + 'x', 'a/'.repeat(250_000)));
    // Each star tries every position of what is left; stars that match at once keep this linear.
    withinBounds(3e4, 8000, () => pathMatch('*a'.repeat(10_000) + 'b', 'a'.repeat(20_000)));
  });
});

describe('NO_PROXY (useProxy, proxyFunc)', () => {
  const config = fc.record({
    httpProxy: listText,
    httpsProxy: listText,
    noProxy: listText,
    cgi: fc.boolean(),
  });

  it('never throws, whatever the variables and the address', () => {
    fc.assert(
      fc.property(config, listText, (cfg: ProxyConfig, addr) => {
        expect(typeof useProxy(cfg, addr)).toBe('boolean');
        const url = parseUrl(addr);
        if (url.ok) expect(proxyFunc(cfg)(url.value)).toHaveProperty('proxy');
      }),
      noThrow,
    );
  });

  it('"*" anywhere in the list, and localhost always, go direct', () => {
    fc.assert(
      fc.property(config, fc.integer({ min: 1, max: 65535 }), fc.domain(), (cfg: ProxyConfig, port, host) => {
        expect(useProxy({ ...cfg, noProxy: `${cfg.noProxy.replace(/\*/g, '')},*` }, `${host}:${port}`)).toBe(
          false,
        );
        expect(useProxy(cfg, `localhost:${port}`)).toBe(false);
        expect(useProxy(cfg, `127.0.0.1:${port}`)).toBe(false);
      }),
      noThrow,
    );
  });

  it('reads 250k entries, one 1 MB entry and 250k IPv6 entries in linear time', () => {
    const addr = 'x.example:443';
    const cfg = (noProxy: string): ProxyConfig => ({ httpProxy: '', httpsProxy: '', noProxy, cgi: false });
    withinBounds(1e6, 10_000, () => useProxy(cfg('a.b,'.repeat(250_000)), addr));
    withinBounds(1e6, 10_000, () => useProxy(cfg('1'.repeat(1e6)), addr));
    withinBounds(1e6, 10_000, () => useProxy(cfg(`::${'1:'.repeat(5e5)}/3`), addr));
    withinBounds(1e6, 10_000, () => useProxy(cfg('::1,'.repeat(250_000)), '[::2]:443'));
    withinBounds(1e6, 10_000, () => useProxy(cfg(''), `${'a'.repeat(1e6)}:1`));
  });
});

describe('GOAUTH (parseGoAuth, goAuthGitDirs)', () => {
  it('never throws; an accepted value has one command per ";" part, first word deciding its kind', () => {
    fc.assert(
      fc.property(listText, (value) => {
        const parsed = parseGoAuth(value, { goauth: true });
        if (parsed.ok) expect(parsed.value).toHaveLength((value === '' ? 'netrc' : value).split(';').length);
        else expect(parsed.error).toMatch(/^go: GOAUTH/);
        for (const dir of goAuthGitDirs(value)) expect(dir.startsWith('/')).toBe(true);
      }),
      noThrow,
    );
  });

  it('reads 250k commands and a 1 MB command in linear time', () => {
    withinBounds(1e6, 8000, () => parseGoAuth('netrc;'.repeat(166_000) + 'netrc', { goauth: true }));
    withinBounds(1e6, 8000, () => goAuthGitDirs('git /a;'.repeat(142_000)));
    withinBounds(1e6, 8000, () => parseGoAuth(`cmd ${'x '.repeat(5e5)}`, { goauth: true }));
  });
});
