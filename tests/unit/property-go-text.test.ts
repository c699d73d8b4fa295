import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkImportPath,
  checkPath,
  escapePath,
  escapeVersion,
  splitPathVersion,
  unescapePath,
  unescapeVersion,
} from '../../shared/go/modpath';
import { credentialFor, parseNetrc, scanNetrc, type NetrcLine } from '../../shared/go/netrc';
import { parseUrl, urlRedacted, urlString } from '../../shared/go/neturl';
import { fields, fromBytes, quote, toBytes, trimSpace } from '../../shared/go/gostrings';
import {
  goverCompare,
  goverFromToolchain,
  goverIsPrerelease,
  goverIsValid,
  goverLang,
  goverMax,
  goverModCompare,
  goverModIsValid,
  goverModMajorMinor,
  goverPrev,
  goVersionCompare,
  goVersionLang,
} from '../../shared/go/gover';
import {
  semverBuild,
  semverCanonical,
  semverCompare,
  semverIsValid,
  semverMajor,
  semverMajorMinor,
  semverPrerelease,
  semverSortCompare,
} from '../../shared/go/semver';
import { goModLookup, selectToolchain } from '../../shared/go/toolchain';
import { goFacts } from '../../shared/go/versions';
import { maskPasswords } from '../../shared/redact';
import { withinBounds } from '../fixtures/bounds';

/**
 * Go's text-level parsers as ported here (net/url, .netrc, module paths, semver and go versions, the
 * toolchain switch) and the password masker: any text in, never an exception, linear time.
 */

const TOKENS = [
  ':',
  '/',
  '//',
  '://',
  '?',
  '#',
  '@',
  '%',
  '%25',
  '%2F',
  '%zz',
  '[',
  ']',
  '.',
  '-',
  '+',
  '!',
  '~',
  '=',
  ',',
  '|',
  '"',
  "'",
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
  '\x7f',
  'v',
  'v1',
  '.2',
  '.3',
  '-pre',
  '+meta',
  '0',
  '01',
  'go',
  'go1.21',
  'rc1',
  'https',
  'http',
  'file',
  'host',
  'machine',
  'login',
  'password',
  'default',
  'macdef',
  'é',
  '\u{1f600}',
];
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join('')),
);
/** A byte string (one char per byte), as the neturl port takes. */
const bytes = fc.oneof(
  text.map(toBytes),
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) }),
);
const noThrow = { numRuns: 300 } as const;

describe('gostrings', () => {
  it('toBytes/fromBytes round-trip well-formed text, and trimSpace/fields never keep edge spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), bytes, (s, b) => {
        expect(fromBytes(toBytes(s))).toBe(s);
        // eslint-disable-next-line no-control-regex
        expect(toBytes(s)).toMatch(/^[\x00-\xff]*$/);
        const t = trimSpace(b);
        expect(b).toContain(t);
        expect(trimSpace(t)).toBe(t);
        for (const f of fields(b)) expect(trimSpace(f)).toBe(f);
        // eslint-disable-next-line no-control-regex
        expect(quote(b)).toMatch(/^"[^\x00-\x1f\x7f]*"$/);
      }),
      noThrow,
    );
  });
});

describe('url.Parse port (parseUrl, urlString, urlRedacted)', () => {
  it('never throws; String of a parsed URL parses to the same URL', () => {
    fc.assert(
      fc.property(
        fc.oneof(bytes, fc.webUrl({ withQueryParameters: true, withFragments: true }).map(toBytes)),
        (raw) => {
          const parsed = parseUrl(raw);
          if (!parsed.ok) {
            expect(parsed.error).toMatch(/^parse "/);
            return;
          }
          const again = parseUrl(urlString(parsed.value));
          expect(again.ok).toBe(true);
          if (again.ok) expect(urlString(again.value)).toBe(urlString(parsed.value));
          // eslint-disable-next-line no-control-regex
          expect(urlRedacted(parsed.value)).not.toMatch(/[\x00-\x1f\x7f]/);
        },
      ),
      noThrow,
    );
  });

  it('reads a 1 MB host, path, query and 250k escapes in linear time', () => {
    withinBounds(1e6, 8000, () => parseUrl(`https://${'a'.repeat(1e6)}/`));
    withinBounds(1e6, 8000, () => parseUrl(`https://h/${'%41'.repeat(333_000)}`));
    withinBounds(1e6, 8000, () => parseUrl(`https://h/?${'a&'.repeat(5e5)}#${'%20'.repeat(1e5)}`));
    withinBounds(1e6, 8000, () => parseUrl(`https://${'u:p@'.repeat(250_000)}h`));
    withinBounds(1e6, 8000, () => parseUrl(`https://[${':'.repeat(1e6)}]:1`));
  });
});

describe('maskPasswords', () => {
  it('never throws and never lets a password through, whatever surrounds it', () => {
    fc.assert(
      fc.property(text, text, fc.stringMatching(/^[a-zA-Z0-9]{1,12}$/), (before, after, secret) => {
        const clean = (s: string) => s.replace(/SECRET/g, '');
        const input = `${clean(before)} https://user:SECRET${secret}@host${clean(after)}`;
        expect(maskPasswords(input, { stops: ' ' })).not.toContain(`SECRET${secret}`);
        expect(maskPasswords(input, { stops: ' ', scheme: true })).not.toContain(`SECRET${secret}`);
        expect(maskPasswords(clean(before), { stops: '' })).toBe(
          clean(before).includes('@') ? maskPasswords(clean(before), { stops: '' }) : clean(before),
        );
      }),
      noThrow,
    );
  });

  it('masks a 5 MB host and 1M "//" in linear time', () => {
    const host = `https://u:p@${'a'.repeat(5e6)}`;
    withinBounds(host.length, 8000, () => maskPasswords(host, { stops: ' ', scheme: true }));
    withinBounds(2e6, 8000, () => maskPasswords('//'.repeat(1e6), { stops: ' ', scheme: true }));
    withinBounds(2e6, 8000, () => maskPasswords(`a:${'//a:b'.repeat(4e5)}`, { stops: '' }));
  });
});

describe('.netrc (scanNetrc, credentialFor)', () => {
  const netrc = fc.oneof(
    text,
    fc
      .array(
        fc.constantFrom(
          'machine',
          'login',
          'password',
          'default',
          'macdef',
          'h.example',
          'u',
          'p',
          ' ',
          '\n',
          '\r\n',
          '\t',
          '\n\n',
          '#',
        ),
        { maxLength: 60 },
      )
      .map((t) => t.join(' ')),
  );

  it('never throws; entries are complete, point at real lines, and credentialFor only returns them', () => {
    fc.assert(
      fc.property(netrc, text, fc.boolean(), fc.boolean(), (file, url, goauth, netrcHostPort) => {
        const scan = scanNetrc(file);
        const lineCount = file.split('\n').length;
        for (const l of scan.lines) {
          expect(l.machine && l.login && l.password).toBeTruthy();
          expect(l.line).toBeGreaterThanOrEqual(1);
          expect(l.line).toBeLessThanOrEqual(lineCount);
        }
        const found = credentialFor(scan.lines, `https://${url}`, { goauth, netrcHostPort });
        if (found !== null)
          expect(scan.lines.some((l) => l.machine === found.machine && l.line === found.line)).toBe(true);
        expect(JSON.stringify(found)).not.toContain('"password"');
      }),
      noThrow,
    );
  });

  it('finds for a URL the entry of its longest "/" prefix, as auth.loadCredential walks the path up (1.25+)', () => {
    /** The lookup as go does it: the whole URL, then each shorter prefix before a "/", first entry winning. */
    const reference = (lines: NetrcLine[], url: string): NetrcLine | undefined => {
      const key = (m: string) => {
        const k = m.startsWith('https://') ? m.slice(8) : m;
        return k.endsWith('/') ? k.slice(0, -1) : k;
      };
      let current = url.slice('https://'.length);
      if (current.endsWith('/')) current = current.slice(0, -1);
      for (;;) {
        const entry = lines.find((l) => key(l.machine) === current);
        if (entry || !current.includes('/')) return entry;
        current = current.slice(0, current.lastIndexOf('/'));
      }
    };
    const segment = fc.constantFrom('h.example', 'a', 'b', '', 'https:', 'c.d');
    const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((p) => p.join('/'));
    const entry = fc.record({
      machine: fc.oneof(
        path,
        path.map((p) => `https://${p}`),
        path.map((p) => `${p}/`),
      ),
      login: fc.constant('u'),
      password: fc.constant('p'),
      line: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), path, (lines, p) => {
        const url = `https://h.example/${p}`;
        const parsed = parseUrl(url);
        fc.pre(parsed.ok && urlString(parsed.value) === url);
        const want = reference(lines, url);
        const got = credentialFor(lines, url, {
          goauth: true,
          netrcHostPort: true,
          goauthPathPrefixes: true,
        });
        expect(got && { machine: got.machine, line: got.line }).toEqual(
          want ? { machine: want.machine, line: want.line } : null,
        );
      }),
      noThrow,
    );
  });

  it('reads 100k entries, a 1 MB token and 1M blank lines in linear time', () => {
    const entries = 'machine h.example login u password p\n'.repeat(100_000);
    withinBounds(entries.length, 8000, () => scanNetrc(entries));
    withinBounds(1e6, 8000, () => scanNetrc(`machine ${'a'.repeat(1e6)}`));
    withinBounds(1e6, 8000, () => scanNetrc('\n'.repeat(1e6)));
    withinBounds(1e6, 8000, () => scanNetrc('macdef x\n' + 'a\n'.repeat(5e5)));
    const lines = parseNetrc(entries);
    withinBounds(1e6, 8000, () =>
      credentialFor(lines, `https://x.example/${'a/'.repeat(5e5)}`, {
        goauth: true,
        netrcHostPort: true,
        goauthPathPrefixes: true,
      }),
    );
  });
});

describe('module paths (checkPath, escapePath, unescapePath, escapeVersion)', () => {
  it('never throws; escaping round-trips and escaped paths have no upper case', () => {
    fc.assert(
      fc.property(
        fc.oneof(text, fc.stringMatching(/^[a-zA-Z0-9.~_-]{1,8}(?:\/[a-zA-Z0-9.~_-]{1,8}){0,3}$/)),
        (path) => {
          checkImportPath(path);
          splitPathVersion(path);
          const escaped = escapePath(path);
          expect(escaped.ok).toBe(checkPath(path) === null);
          if (escaped.ok) {
            expect(escaped.value).not.toMatch(/[A-Z]/);
            expect(unescapePath(escaped.value)).toEqual({ ok: true, value: path });
          }
          const version = escapeVersion(path);
          if (version.ok) expect(unescapeVersion(version.value)).toEqual({ ok: true, value: path });
          unescapeVersion(path);
        },
      ),
      noThrow,
    );
  });

  it('checks a 1 MB path, 250k elements and 500k "!" escapes in linear time', () => {
    withinBounds(1e6, 8000, () => checkPath(`example.com/${'a'.repeat(1e6)}`));
    withinBounds(1e6, 8000, () => escapePath(`example.com${'/aB'.repeat(333_000)}`));
    withinBounds(1e6, 8000, () => unescapePath(`example.com/${'!a'.repeat(5e5)}`));
    withinBounds(1e6, 8000, () => unescapePath(`example.com/${'!a'.repeat(5e5)}!`));
    withinBounds(1e6, 8000, () => checkPath(`gopkg.in/${'9'.repeat(1e6)}`));
  });
});

describe('versions (semver, gover): cheap invariants', () => {
  const semverish = fc.oneof(
    text,
    fc
      .array(fc.constantFrom('v', '1', '2', '0', '10', '.', '-', '+', 'pre', 'rc', 'a'), { maxLength: 12 })
      .map((t) => t.join('')),
  );
  const goverish = fc.oneof(
    text,
    fc
      .array(fc.constantFrom('1', '2', '21', '0', '.', 'rc', 'beta', 'go', '3'), { maxLength: 8 })
      .map((t) => t.join('')),
  );
  const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);

  it('semverCompare is a total preorder agreeing with Canonical; nothing throws', () => {
    fc.assert(
      fc.property(semverish, semverish, semverish, (a, b, c) => {
        expect(sign(semverCompare(a, b)) + sign(semverCompare(b, a))).toBe(0);
        expect(semverCompare(a, a)).toBe(0);
        if (semverCompare(a, b) <= 0 && semverCompare(b, c) <= 0)
          expect(semverCompare(a, c)).toBeLessThanOrEqual(0);
        if (semverIsValid(a) && semverIsValid(b))
          expect(semverCompare(a, b) === 0).toBe(semverCanonical(a) === semverCanonical(b));
        expect(semverIsValid(a)).toBe(semverCanonical(a) !== '');
        if (semverIsValid(a)) expect(semverCanonical(semverCanonical(a))).toBe(semverCanonical(a));
        semverMajor(a);
        semverMajorMinor(a);
        semverPrerelease(a);
        semverBuild(a);
        expect(sign(semverSortCompare(a, b)) + sign(semverSortCompare(b, a))).toBe(0);
      }),
      noThrow,
    );
  });

  it('goverCompare is antisymmetric and transitive; nothing throws', () => {
    fc.assert(
      fc.property(goverish, goverish, goverish, (a, b, c) => {
        expect(sign(goverCompare(a, b)) + sign(goverCompare(b, a))).toBe(0);
        if (goverCompare(a, b) <= 0 && goverCompare(b, c) <= 0)
          expect(goverCompare(a, c)).toBeLessThanOrEqual(0);
        expect([a, b]).toContain(goverMax(a, b));
        goverIsValid(a);
        goverLang(a);
        goverIsPrerelease(a);
        goverPrev(a);
        goverFromToolchain(a);
        goVersionCompare(a, b);
        goVersionLang(a);
        goverModCompare('go', a, b);
        goverModMajorMinor('toolchain', a);
        goverModIsValid('example.com/m', a);
      }),
      noThrow,
    );
  });

  it('reads 1 MB versions in linear time', () => {
    const long = `v1.2.3-${'a.'.repeat(5e5)}a`;
    withinBounds(1e6, 8000, () => semverCompare(long, `${long}b`));
    withinBounds(1e6, 8000, () => semverIsValid(`v${'1'.repeat(1e6)}`));
    withinBounds(1e6, 8000, () => goverCompare(`1.${'9'.repeat(1e6)}`, `1.${'9'.repeat(1e6)}rc1`));
    withinBounds(1e6, 8000, () =>
      semverCompare(`v1.0.0-${'1.'.repeat(5e5)}1`, `v1.0.0-${'1.'.repeat(5e5)}2`),
    );
  });
});

describe('toolchain selection (goModLookup, selectToolchain)', () => {
  it('never throws, whatever GOTOOLCHAIN and go.mod say', () => {
    const facts = goFacts('go1.25.1');
    fc.assert(
      fc.property(
        text,
        text,
        fc.option(fc.record({ go: text, toolchain: text })),
        (gotoolchain, gomod, file) => {
          goModLookup(gomod, 'go');
          goModLookup(gomod, 'toolchain');
          const decision = selectToolchain(facts, {
            local: 'go1.25.1',
            gotoolchain,
            file: file && { path: '/p/go.mod', ...file },
            goos: 'linux',
            goarch: 'amd64',
          });
          expect(typeof decision.ok).toBe('boolean');
        },
      ),
      noThrow,
    );
  });

  it('looks up a key in 200k lines and a 1 MB line in linear time', () => {
    const gomod = 'require x v1\n'.repeat(200_000) + 'go 1.22\n';
    withinBounds(gomod.length, 8000, () => goModLookup(gomod, 'go'));
    withinBounds(1e6, 8000, () => goModLookup(`go ${'/'.repeat(1e6)}`, 'go'));
  });
});
