import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGoEnvFile } from '../../shared/go/envfile';
import { updateEnvFile } from '../../electron/services/goenv/write';
import { withinBounds } from '../fixtures/bounds';

/**
 * The go env file, read (parseGoEnvFile) and edited as `go env -w/-u` does (updateEnvFile): whatever the
 * bytes, reading never throws, an edit changes only the keys it names, and both stay linear.
 */

// Bytes as a latin1 string, biased to what the format and its neighbours care about.
const TOKENS = [
  '=',
  '\n',
  '\r',
  '\r\n',
  '#',
  ' ',
  '\t',
  '\\',
  '"',
  "'",
  '\u00a0',
  '\v',
  '\f',
  '\0',
  '\x1b',
  'GO',
  'GOPROXY',
  'A',
  'a',
  '_',
  '\u00ef\u00bb\u00bf',
];
const byteText = fc.oneof(
  fc.string({ unit: 'binary-ascii' }),
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join('')),
);
const key = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/);
const value = fc.string({
  unit: fc
    .integer({ min: 1, max: 255 })
    .filter((c) => c !== 10)
    .map((c) => String.fromCharCode(c)),
});

describe('parseGoEnvFile', () => {
  it('never throws and keeps only keys go reads (A-Z first, no "=" or newline inside)', () => {
    fc.assert(
      fc.property(fc.oneof(byteText, fc.string({ unit: 'grapheme' })), (text) => {
        for (const [k, v] of parseGoEnvFile(text)) {
          expect(k).toMatch(/^[A-Z][^=\n]*$/);
          expect(v).not.toContain('\n');
          expect(text).toContain(`${k}=${v}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads what it is given back: written KEY=VALUE lines parse to the same map, last one winning', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 30 }), (pairs) => {
        const expected = new Map(pairs);
        const text = pairs.map(([k, v]) => `${k}=${v}\n`).join('');
        expect(parseGoEnvFile(text)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('reads 200k lines, one 4 MB line and 1M "=" in linear time', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `K${i}=v${i}`).join('\n');
    withinBounds(lines.length, 5000, () => parseGoEnvFile(lines));
    const long = 'GOPROXY=' + 'x'.repeat(4_000_000);
    withinBounds(long.length, 5000, () => parseGoEnvFile(long));
    const eqs = 'A' + '='.repeat(1_000_000);
    withinBounds(eqs.length, 5000, () => parseGoEnvFile(eqs));
    const newlines = '\n'.repeat(1_000_000);
    withinBounds(newlines.length, 5000, () => parseGoEnvFile(newlines));
  });
});

describe('updateEnvFile (go env -w / -u)', () => {
  // go env -w and -u are separate commands: a key is set or unset, never both in one edit.
  const edits = fc
    .record({
      add: fc.array(fc.tuple(key, value), { maxLength: 5 }).map((a) => new Map(a)),
      del: fc.array(key, { maxLength: 3 }),
    })
    .map(({ add, del }) => ({ add, del: new Set(del.filter((k) => !add.has(k))) }));

  it('changes only the keys it names, whatever else the file holds', () => {
    fc.assert(
      fc.property(byteText, edits, (text, { add, del }) => {
        const out = updateEnvFile(text, add, del);
        const expected = parseGoEnvFile(text);
        for (const [k, v] of add) expected.set(k, v);
        for (const k of del) expected.delete(k);
        expect(parseGoEnvFile(out)).toEqual(expected);
        // Every line it writes ends in "\n" (the last one gets one).
        expect(out === '' || out.endsWith('\n')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent: the same edit twice gives the same bytes', () => {
    fc.assert(
      fc.property(byteText, edits, (text, { add, del }) => {
        const once = updateEnvFile(text, add, del);
        expect(updateEnvFile(once, add, del)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the bytes of a file it has nothing to do to, but for a final newline and duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, value), { maxLength: 20 }).map((p) => [...new Map(p)]),
        (pairs) => {
          const text = pairs.map(([k, v]) => `${k}=${v}\n`).join('');
          const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          expect(updateEnvFile(text, new Map(), new Set())).toBe(
            sorted.map(([k, v]) => `${k}=${v}\n`).join(''),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('edits a file of 200k keys, 200k duplicates and 1M blank lines in linear time', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `K${199_999 - i}=v`).join('\n');
    withinBounds(keys.length, 8000, () =>
      updateEnvFile(keys, new Map([['GOPROXY', 'direct']]), new Set(['K5'])),
    );
    const dups = 'GOPROXY=x\n'.repeat(200_000);
    withinBounds(dups.length, 8000, () => updateEnvFile(dups, new Map([['GOPROXY', 'y']]), new Set()));
    const blank = '\n'.repeat(1_000_000);
    withinBounds(blank.length, 8000, () => updateEnvFile(blank, new Map([['A', 'b']]), new Set()));
  });
});
