import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch } from 'diff';
import {
  parseBypassList,
  fromWindowsOverride,
  toEnvNoProxy,
  toGitNoProxyUrls,
  toGnomeIgnoreHosts,
  toKdeNoProxyFor,
  toMacBypassDomains,
  toWindowsOverride,
} from '../../electron/services/netproxy/bypass';
import { unifiedDiff } from '../../electron/services/netproxy/diff';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  findBlock,
  lineEndingOf,
  parseShBlock,
  shellQuote,
  withBlock,
} from '../../electron/services/netproxy/env-unix';
import { gvariantString, gvariantStringArray, parseGVariant } from '../../electron/services/netproxy/gnome';
import {
  escapeKConfig,
  readKConfigGroup,
  setKConfigEntries,
  unescapeKConfig,
} from '../../electron/services/netproxy/kde';
import {
  parseBypassDomains,
  parseNetworkServices,
  parseScutilDictionary,
  parseWebProxy,
} from '../../electron/services/netproxy/macos';
import { parseProxyUrl } from '../../electron/services/netproxy/settings';
import { parseProxyServer, parseRegQuery } from '../../electron/services/netproxy/windows';
import { AppError } from '../../electron/dispatch';
import { DriverError } from '../../electron/services/netproxy/types';
import { withinBounds } from '../fixtures/bounds';

/**
 * The system proxy settings' readers and editors: start-up file blocks (bytes outside ours untouched),
 * the no-proxy list and its dialects, proxy URLs, KConfig, GVariant, networksetup/scutil and reg.exe
 * output, and the preview diff. Any input: a result or the module's own error, in linear time.
 */

const TOKENS = [
  ',',
  ';',
  ':',
  '/',
  '=',
  '"',
  "'",
  '#',
  '\\',
  '\r',
  '\n',
  '\r\n',
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
  '[',
  ']',
  '{',
  '}',
  '$',
  '*',
  '.',
  '@',
  '%',
  '<local>',
  'export ',
  'HTTP_PROXY',
  'example.com',
  '10.0.0.0/8',
  '::1',
  '[::1]:80',
  'http://',
  'https://',
  'u:p@',
  ':8080',
  '<dictionary> {',
  '<array> {',
  ' : ',
  'REG_SZ',
  '    ',
  'HKEY_CURRENT_USER',
  'Enabled: Yes',
  'Port: 80',
  'Server: h',
  '@as',
  BLOCK_BEGIN,
  BLOCK_END,
  'é',
  '\u{1f600}',
];
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join('')),
);
const latin1 = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) }),
  fc
    .array(fc.constantFrom(...TOKENS.filter((t) => /^[^\u0100-\uffff]*$/.test(t))), { maxLength: 40 })
    .map((t) => t.join('')),
);
const noThrow = { numRuns: 200 } as const;
const expectOwnError = (error: unknown, type: new (...args: never[]) => Error) => {
  if (!(error instanceof type)) throw error;
};

describe('start-up file blocks (findBlock, withBlock)', () => {
  const block = fc
    .array(
      fc.tuple(
        fc.constantFrom('HTTP_PROXY', 'no_proxy'),
        latin1.map((v) => v.replace(/[\r\n]/g, '')),
      ),
      { maxLength: 3 },
    )
    .map((vars) =>
      [BLOCK_BEGIN, ...vars.map(([k, v]) => `export ${k}=${shellQuote(v)}`), BLOCK_END, ''].join('\n'),
    );
  const outside = latin1.filter((t) => findBlock(t).kind === 'absent');

  it('never throws on finding, and refuses a damaged block with an AppError only', () => {
    fc.assert(
      fc.property(latin1, block, (t, b) => {
        const found = findBlock(t);
        lineEndingOf(t);
        try {
          withBlock(t, b);
        } catch (error) {
          expectOwnError(error, AppError);
          expect(found.kind).toBe('damaged');
        }
      }),
      noThrow,
    );
  });

  it('adds, replaces and removes its block leaving every byte outside it as it was', () => {
    fc.assert(
      fc.property(outside, block, block, (t, b1, b2) => {
        const added = withBlock(t, b1)!;
        expect(added.startsWith(t)).toBe(true);
        const found = findBlock(added);
        expect(found.kind).toBe('found');
        if (found.kind !== 'found') return;
        const replaced = withBlock(added, b2)!;
        expect(replaced.startsWith(added.slice(0, found.start))).toBe(true);
        expect(replaced.endsWith(added.slice(found.end))).toBe(true);
        const eol = lineEndingOf(t) ?? '\n';
        const removed = withBlock(replaced, null) ?? '';
        expect(removed).toBe(t === '' || t.endsWith('\n') ? t : t + eol);
      }),
      noThrow,
    );
  });

  it('reads back the values it quotes (parseShBlock of shellQuote)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).map((v) => v.replace(/[\r\n\u2028\u2029]/g, '')),
        (v) => {
          const line = Buffer.from(`export HTTP_PROXY=${shellQuote(v)}`, 'utf8').toString('latin1');
          expect(parseShBlock(line).get('HTTP_PROXY')).toBe(v);
        },
      ),
      noThrow,
    );
  });

  it('finds and edits a block in 200k lines and in one 4 MB line in linear time', () => {
    const lines = 'alias x=y\n'.repeat(200_000);
    const b = `${BLOCK_BEGIN}\nexport HTTP_PROXY='http://h:1'\n${BLOCK_END}\n`;
    withinBounds(lines.length, 8000, () => withBlock(lines, b));
    const withOurs = `${lines}\n${b}${lines}`;
    withinBounds(withOurs.length, 8000, () => withBlock(withOurs, null));
    const long = 'x'.repeat(4e6);
    withinBounds(long.length, 8000, () => withBlock(long, b));
    withinBounds(2e6, 8000, () => lineEndingOf('\r\n'.repeat(1e6)));
  });
});

describe('no-proxy lists (parseBypassList, the translators, fromWindowsOverride)', () => {
  it('never throws; every rule keeps its entry as written, and every dialect reads it', () => {
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parseBypassList(t);
        if (!parsed.ok) return;
        for (const r of parsed.rules) expect(t).toContain(r.text);
        for (const translate of [
          toEnvNoProxy,
          toWindowsOverride,
          toMacBypassDomains,
          toGnomeIgnoreHosts,
          toKdeNoProxyFor,
          toGitNoProxyUrls,
        ]) {
          translate(parsed.rules);
        }
        for (const r of fromWindowsOverride(toWindowsOverride(parsed.rules).value))
          expect(parseBypassList(r.text).ok).toBe(true);
      }),
      noThrow,
    );
  });

  it('reads any ProxyOverride into rules parseBypassList accepts', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const r of fromWindowsOverride(t)) expect(parseBypassList(r.text).ok).toBe(true);
      }),
      noThrow,
    );
  });

  it('reads and translates 20k entries and 1M separators in linear time', () => {
    const list = Array.from({ length: 20_000 }, (_, i) => `h${i}.example`).join(',');
    const parsed = parseBypassList(list);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    withinBounds(list.length, 8000, () => parseBypassList(list));
    for (const translate of [
      toEnvNoProxy,
      toWindowsOverride,
      toMacBypassDomains,
      toGnomeIgnoreHosts,
      toKdeNoProxyFor,
      toGitNoProxyUrls,
    ]) {
      withinBounds(list.length, 8000, () => translate(parsed.rules));
    }
    withinBounds(1e6, 8000, () => parseBypassList(',;'.repeat(5e5)));
    withinBounds(1e6, 8000, () => fromWindowsOverride('10.*;'.repeat(2e5)));
  });
});

describe('proxy URLs (parseProxyUrl)', () => {
  it('throws nothing but AppError; an accepted URL reads back the same and never shows its password', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.webUrl({ withQueryParameters: true })), (raw) => {
        let url;
        try {
          url = parseProxyUrl(raw);
        } catch (error) {
          expectOwnError(error, AppError);
          return;
        }
        expect(parseProxyUrl(url.href)).toEqual(url);
        if (url.password) expect(url.display).not.toContain(`:${url.password}@`);
        expect(url.href).not.toMatch(/[\s"'\\]/);
      }),
      noThrow,
    );
  });

  it('reads a 5 MB host or user name in linear time', () => {
    for (const raw of [
      `http://${'a'.repeat(5e6)}:80`,
      `http://${'%41'.repeat(1e6)}:p@h:1`,
      `http://${'@'.repeat(5e6)}`,
    ]) {
      withinBounds(raw.length, 8000, () => {
        try {
          return parseProxyUrl(raw);
        } catch (error) {
          expectOwnError(error, AppError);
          return error;
        }
      });
    }
  });
});

describe('KConfig (readKConfigGroup, setKConfigEntries, escapeKConfig)', () => {
  const value = fc.oneof(text, fc.string({ unit: 'grapheme' }));

  it('never throws, and unescape undoes escape', () => {
    fc.assert(
      fc.property(text, value, (file, v) => {
        readKConfigGroup(file, 'Proxy Settings');
        unescapeKConfig(file);
        expect(unescapeKConfig(escapeKConfig(v))).toBe(v);
        // eslint-disable-next-line no-control-regex
        expect(escapeKConfig(v)).not.toMatch(/[\x00-\x1f\x7f]/);
      }),
      noThrow,
    );
  });

  it('sets a key that then reads back, leaving the other groups and keys as they were', () => {
    fc.assert(
      // Any value, U+3000 or a BOM at its edges included: KConfig trims ASCII white space only.
      fc.property(text, value, (file, v) => {
        const before = readKConfigGroup(file, 'Other');
        const edited = setKConfigEntries(file, 'Proxy Settings', [['httpProxy', v]]);
        expect(readKConfigGroup(edited, 'Proxy Settings').entries.get('httpProxy')).toBe(v);
        expect(readKConfigGroup(edited, 'Other')).toEqual(before);
      }),
      noThrow,
    );
  });

  it('reads and edits 100k lines and one 4 MB value in linear time', () => {
    const file = `[Proxy Settings]\n${'Key=value\n'.repeat(100_000)}`;
    withinBounds(file.length, 8000, () => readKConfigGroup(file, 'Proxy Settings'));
    withinBounds(file.length, 8000, () =>
      setKConfigEntries(file, 'Proxy Settings', [['httpProxy', 'http://h 1']]),
    );
    const long = `[Proxy Settings]\nhttpProxy=${'\\x41'.repeat(1e6)}\n`;
    withinBounds(long.length, 8000, () => readKConfigGroup(long, 'Proxy Settings'));
    withinBounds(1e6, 8000, () => readKConfigGroup('['.repeat(1e6), 'Proxy Settings'));
  });
});

describe('GVariant text (parseGVariant, gvariantString)', () => {
  it('never throws, and reads back every string and array it writes', () => {
    fc.assert(
      fc.property(text, fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }), (t, items) => {
        parseGVariant(t);
        parseGVariant(`'${t}'`);
        for (const s of items) expect(parseGVariant(gvariantString(s))).toBe(s);
        expect(parseGVariant(gvariantStringArray(items))).toEqual(items);
      }),
      noThrow,
    );
    for (const escape of ['\\UFFFFFFFF', '\\U00110000', '\\uZZZZ'])
      expect(parseGVariant(`'${escape}'`)).toBeNull();
  });

  it('reads a 1 MB string and 100k items in linear time', () => {
    withinBounds(2e6, 8000, () => parseGVariant(`'${'\\u0041'.repeat(3e5)}'`));
    withinBounds(1e6, 8000, () => parseGVariant(`[${"'a', ".repeat(1e5)}'b']`));
    withinBounds(1e6, 8000, () => parseGVariant(`[${' '.repeat(1e6)}`));
  });
});

describe('networksetup, scutil and reg.exe output', () => {
  it('never throws anything but DriverError, whatever the tools print', () => {
    fc.assert(
      fc.property(text, (out) => {
        parseNetworkServices(out);
        parseBypassDomains(out);
        parseProxyServer(out);
        for (const v of parseRegQuery(out).values) expect(v.data).not.toMatch(/[\r\n]/);
        for (const parse of [
          parseWebProxy,
          parseScutilDictionary,
          (s: string) => parseScutilDictionary(`<dictionary> {\n${s}`),
        ]) {
          try {
            parse(out);
          } catch (error) {
            expectOwnError(error, DriverError);
          }
        }
      }),
      noThrow,
    );
  });

  it('refuses 100k nested scutil blocks with a DriverError, not a stack overflow', () => {
    const deep = `<dictionary> {\n${'k : <array> {\n'.repeat(1e5)}${'}\n'.repeat(1e5 + 1)}`;
    expect(() => parseScutilDictionary(deep)).toThrow(DriverError);
  });

  it('reads 200k lines of each in linear time', () => {
    const reg = `HKEY_CURRENT_USER\\Environment\n${'    Name    REG_SZ    value\n'.repeat(200_000)}`;
    withinBounds(reg.length, 8000, () => parseRegQuery(reg));
    const odd = `    ${'    REG_X '.repeat(2e5)}`;
    withinBounds(odd.length, 8000, () => parseRegQuery(odd));
    const scutil = `<dictionary> {\n${'  K : v\n'.repeat(200_000)}}\n`;
    withinBounds(scutil.length, 8000, () => parseScutilDictionary(scutil));
    const colons = `<dictionary> {\n${' :a'.repeat(5e5)}\n}\n`;
    withinBounds(colons.length, 8000, () => {
      try {
        return parseScutilDictionary(colons);
      } catch (error) {
        expectOwnError(error, DriverError);
        return error;
      }
    });
    withinBounds(2e6, 8000, () => parseNetworkServices('Service\n'.repeat(250_000)));
    withinBounds(2e6, 8000, () => parseProxyServer('http=h:1;'.repeat(200_000)));
  });
});

describe('preview diffs (unifiedDiff)', () => {
  const lines = fc.array(fc.constantFrom('a', 'b', 'c', '', ' ', '\r', 'x y', '\\ No newline'), {
    maxLength: 30,
  });
  const file = fc.oneof(
    lines.map((l) => l.join('\n')),
    lines.map((l) => `${l.join('\n')}\n`),
    text,
  );

  it('is a patch that takes the old text to the new one', () => {
    fc.assert(
      fc.property(file, file, (before, after) => {
        const diff = unifiedDiff('f', before, after);
        if (before === after) expect(diff).toBe('');
        else expect(applyPatch(before, diff)).toBe(after);
      }),
      noThrow,
    );
  });

  it('previews a changed block in a 100k-line file in linear time', () => {
    const body = 'alias x=y\n'.repeat(100_000);
    const before = `${body}${BLOCK_BEGIN}\nexport A='1'\n${BLOCK_END}\n${body}`;
    withinBounds(before.length, 8000, () => unifiedDiff('.bashrc', before, before.replace("A='1'", "A='2'")));
  });
});
