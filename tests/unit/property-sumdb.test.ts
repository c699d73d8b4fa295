import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  encodeBase64,
  formatTree,
  keyHash,
  NoteError,
  openNote,
  parseTree,
  parseVerifierKey,
  type Verifier,
} from '../../electron/services/sumdb/note';
import {
  formatRecord,
  hashFromTile,
  parseRecord,
  parseTilePath,
  tileForIndex,
  tilePath,
  TlogError,
  type Tile,
} from '../../electron/services/sumdb/tlog';
import { withinBounds } from '../fixtures/bounds';

/**
 * The checksum database's parsers: signed notes, verifier keys, tree notes, tile paths, tile data and
 * lookup records. Whatever the server (or something in between) sends, they answer with their own
 * error (NoteError, TlogError), never a JS engine error, and in linear time.
 */

/** Runs work; anything thrown must be an instance of `type`. Returns what it returned, or the error. */
function onlyThrows<T>(type: new (...args: never[]) => Error, work: () => T): T | Error {
  try {
    return work();
  } catch (err) {
    expect(err).toBeInstanceOf(type);
    return err as Error;
  }
}

/** A fresh Ed25519 signer in note's format: its verifier key string and a note.Sign equivalent. */
function signer(name: string): { vkey: string; sign: (text: string) => string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const key = new Uint8Array([1, ...raw]);
  const hash = keyHash(name, key);
  const hashBytes = Buffer.alloc(4);
  hashBytes.writeUInt32BE(hash);
  const signText = (text: string, k: KeyObject = privateKey) => {
    const sig = sign(null, Buffer.from(text), k);
    return `${text}\n— ${name} ${encodeBase64(new Uint8Array([...hashBytes, ...sig]))}\n`;
  };
  return { vkey: `${name}+${hash.toString(16).padStart(8, '0')}+${encodeBase64(key)}`, sign: signText };
}

const alice = signer('alice.example');
const bob = signer('bob');
const known: Verifier[] = [parseVerifierKey(alice.vkey), parseVerifierKey(bob.vkey)];
const noThrow = { numRuns: 300 } as const;

const NOTE_TOKENS = [
  '\n',
  '\n\n',
  '— ',
  '—',
  ' ',
  '+',
  '=',
  'alice.example',
  'bob',
  'AAAA',
  'AQ==',
  'go.sum database tree',
  '1',
  '0',
  '\r',
  '\t',
  '\0',
  'é',
  '\ud800',
  '\u{1f600}',
];
const noteText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom(...NOTE_TOKENS), { maxLength: 40 }).map((t) => t.join('')),
);
/** Note-shaped text: real signature lines (valid or not) after random text. */
const signedish = fc
  .tuple(noteText, fc.array(fc.constantFrom(alice, bob), { maxLength: 3 }), noteText)
  .map(([text, who, tail]) => who.map((s) => s.sign(text)).join('') + tail);
/** A note's text as note.Sign accepts it: lines without control characters, ending in "\n". */
const cleanText = fc
  .array(
    // eslint-disable-next-line no-control-regex
    fc.string({ unit: 'grapheme', minLength: 1 }).map((l) => l.replace(/[\u0000-\u001f]/g, 'x')),
    { minLength: 1, maxLength: 4 },
  )
  .map((lines) => lines.map((l) => `${l}\n`).join(''));

describe('signed notes (openNote, parseVerifierKey)', () => {
  it('never throws anything but NoteError, whatever the message and the keys', () => {
    fc.assert(
      fc.property(fc.oneof(noteText, signedish), noteText, (msg, vkey) => {
        onlyThrows(NoteError, () => openNote(msg, known));
        onlyThrows(NoteError, () => openNote(new TextEncoder().encode(msg), []));
        onlyThrows(NoteError, () => parseVerifierKey(vkey));
        onlyThrows(NoteError, () => parseVerifierKey(`bob+${vkey}`));
      }),
      noThrow,
    );
  });

  it('verifies a note signed with a generated key, and no single-byte change forges one', () => {
    fc.assert(
      fc.property(cleanText, fc.nat(), fc.integer({ min: 1, max: 255 }), (text, at, delta) => {
        const signed = new TextEncoder().encode(alice.sign(text));
        const note = openNote(signed, known);
        expect(note.text).toBe(text);
        expect(note.sigs.map((s) => s.name)).toEqual(['alice.example']);

        const altered = signed.slice();
        const i = at % altered.length;
        altered[i] = (altered[i]! + delta) % 256;
        const result = onlyThrows(NoteError, () => openNote(altered, known));
        if (result instanceof Error) return;
        // Go's base64 ignores the unused low bits of the last character: the same signature, respelled.
        expect(result.text).toBe(text);
        expect(i).toBe(signed.length - 3);
        expect(decodeBase64(result.sigs[0]!.base64)).toEqual(decodeBase64(note.sigs[0]!.base64));
      }),
      noThrow,
    );
  });

  it('reads a 1 MB note and multi-MB signature lines and keys in linear time', () => {
    const text = 'a\n'.repeat(5e5);
    withinBounds(1e6, 8000, () => onlyThrows(NoteError, () => openNote(bob.sign(text), known)));
    const big = 'AAAA'.repeat(2e6);
    withinBounds(8e6, 8000, () => onlyThrows(NoteError, () => openNote(`a\n\n— bob ${big}\n`, known)));
    withinBounds(8e6, 8000, () => onlyThrows(NoteError, () => parseVerifierKey(`bob+00000000+${big}`)));
    withinBounds(1e6, 8000, () =>
      onlyThrows(NoteError, () => openNote(`a\n\n${`— bob AAAAAAAA\n`.repeat(7e4)}`, known)),
    );
    withinBounds(1e6, 8000, () => onlyThrows(NoteError, () => openNote('\n'.repeat(1e6), known)));
  });
});

describe('base64 and tree notes (decodeBase64, parseTree)', () => {
  // The rule as it was written before, fine on short input: quads, then an optional padded quad.
  const strict = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
  const b64ish = fc.oneof(
    noteText,
    fc.string({ unit: fc.constantFrom('A', 'b', '0', '+', '/', '=', '\n', '\r', '-', '_', ' ') }),
  );

  it('decodes exactly what Go decodes, and encodeBase64 round-trips through it', () => {
    fc.assert(
      fc.property(b64ish, fc.uint8Array({ maxLength: 70 }), (s, bytes) => {
        const clean = s.replace(/[\r\n]/g, '');
        const decoded = decodeBase64(s);
        expect(decoded !== null).toBe(strict.test(clean));
        if (decoded !== null) expect(Buffer.from(decoded)).toEqual(Buffer.from(clean, 'base64'));
        expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
        expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      noThrow,
    );
  });

  it('parseTree never throws anything but NoteError and reads back formatTree', () => {
    fc.assert(
      fc.property(
        noteText,
        fc.maxSafeNat(),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (junk, size, hash) => {
          onlyThrows(NoteError, () => parseTree(junk));
          onlyThrows(NoteError, () => parseTree(`go.sum database tree\n${junk}`));
          expect(parseTree(formatTree({ size, hash }) + junk)).toEqual({ size, hash });
        },
      ),
      noThrow,
    );
  });

  it('decodes 40 MB of base64 and refuses 1 MB trees in linear time', () => {
    withinBounds(4e7, 8000, () => decodeBase64('AAAA'.repeat(1e7)));
    withinBounds(4e7, 8000, () => decodeBase64(`${'AAAA'.repeat(1e7)}A===`) ?? 'refused');
    withinBounds(1e6, 8000, () =>
      onlyThrows(NoteError, () => parseTree(`go.sum database tree\n1\n${'A'.repeat(1e6)}`)),
    );
    withinBounds(1e6, 8000, () => onlyThrows(NoteError, () => parseTree('\n'.repeat(1e6))));
  });
});

describe('tlog: tile paths, tile data, records', () => {
  const anyNumber = fc.oneof(
    fc.integer({ min: -3, max: 300 }),
    fc.maxSafeNat(),
    fc.double(),
    fc.constantFrom(NaN, Infinity, -Infinity, 0.5, -0, 2 ** 53, 2 ** 53 - 1, 1e308),
  );
  const anyTile = fc.record({ h: anyNumber, l: anyNumber, n: anyNumber, w: anyNumber });
  const pathish = fc.oneof(
    noteText,
    fc
      .array(
        fc.constantFrom(
          'tile',
          '/',
          '8',
          '0',
          '1',
          '30',
          '31',
          'data',
          '.p',
          'x',
          '000',
          '001',
          '999',
          '-1',
          '+1',
          '256',
        ),
        {
          maxLength: 14,
        },
      )
      .map((t) => t.join('')),
  );

  it('never throws anything but TlogError on any tile path, tile, index or data', () => {
    fc.assert(
      fc.property(
        pathish,
        anyTile,
        anyNumber,
        anyNumber,
        fc.uint8Array({ maxLength: 300 }),
        (p, t, h, index, data) => {
          const parsed = onlyThrows(TlogError, () => parseTilePath(p));
          if (!(parsed instanceof Error)) expect(tilePath(parsed)).toBe(p);
          onlyThrows(TlogError, () => tileForIndex(h, index));
          onlyThrows(TlogError, () => hashFromTile(t, data, index));
          onlyThrows(TlogError, () => hashFromTile({ h: 1, l: 0, n: 0, w: 2 }, new Uint8Array(64), index));
        },
      ),
      noThrow,
    );
  });

  it('tile paths round-trip, and a tile\u2019s data gives a 32-byte hash for each index it stores', () => {
    const tile = fc.integer({ min: 1, max: 30 }).chain((h) =>
      fc.record({
        h: fc.constant(h),
        l: fc.integer({ min: -1, max: 63 }),
        n: fc.maxSafeNat(),
        w: fc.integer({ min: 1, max: 2 ** h }),
      }),
    );
    fc.assert(
      fc.property(tile, fc.integer({ min: 1, max: 8 }), fc.maxSafeNat(), (t: Tile, h, index) => {
        expect(parseTilePath(tilePath(t))).toEqual(t);
        const at = onlyThrows(TlogError, () => tileForIndex(h, index));
        fc.pre(!(at instanceof Error));
        if (at instanceof Error) return;
        expect(at.h).toBe(h);
        const data = new Uint8Array(at.w * 32).map((_, i) => i);
        expect(hashFromTile(at, data, index)).toHaveLength(32);
      }),
      noThrow,
    );
  });

  it('parseRecord never throws anything but TlogError and reads back formatRecord', () => {
    // eslint-disable-next-line no-control-regex
    const line = fc.string({ unit: 'grapheme', minLength: 1 }).map((l) => l.replace(/[\u0000-\u001f]/g, 'x'));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array(),
          noteText.map((s) => new TextEncoder().encode(s)),
        ),
        fc.maxSafeNat(),
        fc.array(line, { minLength: 1, maxLength: 4 }),
        (junk, id, lines) => {
          onlyThrows(TlogError, () => parseRecord(junk));
          onlyThrows(TlogError, () => formatRecord(id, junk));
          const text = new TextEncoder().encode(lines.map((l) => `${l}\n`).join(''));
          const record = parseRecord(formatRecord(id, text));
          expect(record.id).toBe(id);
          expect(Buffer.from(record.text)).toEqual(Buffer.from(text));
          expect(record.rest).toHaveLength(0);
        },
      ),
      noThrow,
    );
  });

  it('reads 1 MB tile paths and records in linear time', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    withinBounds(1e6, 8000, () =>
      onlyThrows(TlogError, () => parseTilePath(`tile/8/0/${'x001/'.repeat(2e5)}001`)),
    );
    withinBounds(1e6, 8000, () => onlyThrows(TlogError, () => parseTilePath('/'.repeat(1e6))));
    withinBounds(1e6, 8000, () => onlyThrows(TlogError, () => parseTilePath(`tile/8/0/${'0'.repeat(1e6)}`)));
    withinBounds(1e6, 8000, () => parseRecord(enc(`1\n${'a\n'.repeat(5e5)}\n`)));
    withinBounds(1e6, 8000, () => onlyThrows(TlogError, () => parseRecord(enc(`1\n${'a'.repeat(1e6)}`))));
    withinBounds(1e6, 8000, () => onlyThrows(TlogError, () => parseRecord(enc('9'.repeat(1e6)))));
    withinBounds(1e6, 8000, () => onlyThrows(TlogError, () => parseRecord(enc(`${'9'.repeat(1e6)}\n`))));
  });
});
