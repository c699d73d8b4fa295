import { createPrivateKey, sign } from 'node:crypto';
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
  type Note,
} from '../../electron/services/sumdb/note';

// The example keys and notes of golang.org/x/mod/sumdb/note (note.go's doc comment and note_test.go).
const PETER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const SUM_GOLANG_ORG = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const PETER = {
  name: 'PeterNeumann',
  hash: 0xc74f20a3,
  base64: 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
};
const ENOCH = {
  name: 'EnochRoot',
  hash: 0xaf0cfe78,
  base64: 'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=',
};

const peter = parseVerifierKey(PETER_KEY);
const enoch = parseVerifierKey(ENOCH_KEY);

/** note.Sign with an encoded signer key, done with node:crypto: the test's own signer. */
function signNote(text: string, skey: string): string {
  const [, , name = '', hash16 = '', ...key64] = skey.split('+');
  const seed = decodeBase64(key64.join('+'))!.subarray(1);
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const sig = sign(null, Buffer.from(text), key);
  return `${text}\n— ${name} ${encodeBase64(new Uint8Array([...Buffer.from(hash16, 'hex'), ...sig]))}\n`;
}

function noteError(fn: () => unknown): NoteError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NoteError);
    return err as NoteError;
  }
  throw new Error('expected a NoteError');
}

describe('parseVerifierKey', () => {
  it("reads Go's example key and the sum.golang.org key", () => {
    expect([peter.name, peter.keyHash]).toEqual(['PeterNeumann', 0xc74f20a3]);
    const sumdb = parseVerifierKey(SUM_GOLANG_ORG);
    expect([sumdb.name, sumdb.keyHash]).toEqual(['sum.golang.org', 0x033de0ae]);
    expect(keyHash('PeterNeumann', decodeBase64('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')!)).toBe(
      0xc74f20a3,
    );
  });

  it('refuses every substring and every one-byte change of a valid key, as note_test.go does', () => {
    let refused = 0;
    for (let i = 0; i <= PETER_KEY.length; i++) {
      for (let j = i + 1; j <= PETER_KEY.length; j++) {
        if (i === 0 && j === PETER_KEY.length) continue;
        noteError(() => parseVerifierKey(PETER_KEY.slice(i, j)));
        refused++;
      }
    }
    for (let i = 0; i < PETER_KEY.length; i++) {
      const k =
        PETER_KEY.slice(0, i) + String.fromCharCode(PETER_KEY.charCodeAt(i) + 1) + PETER_KEY.slice(i + 1);
      noteError(() => parseVerifierKey(k));
      refused++;
    }
    const n = PETER_KEY.length;
    expect(refused).toBe((n * (n + 1)) / 2 - 1 + n);
  });

  it('says which part of a key is wrong', () => {
    // note_test.go: the wrong key length and an unknown algorithm, each with a matching key hash.
    expect(
      noteError(() =>
        parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
      ).code,
    ).toBe('malformed-key');
    expect(
      noteError(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))
        .code,
    ).toBe('key-algorithm');
    const err = noteError(() =>
      parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
    );
    expect(err.code).toBe('key-hash');
    expect(err.message).toContain('expected c74f20a3');
    for (const k of [
      '',
      'sum.golang.org',
      'a b+c74f20a3+ARpc',
      'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn',
    ]) {
      expect(noteError(() => parseVerifierKey(k)).code, k).toBe('malformed-key');
    }
  });

  it('verifies only signatures of the right length by its key', () => {
    const sig = decodeBase64(PETER.base64)!.subarray(4);
    const text = new TextEncoder().encode(TEXT);
    expect(peter.verify(text, sig)).toBe(true);
    expect(peter.verify(text, sig.subarray(1))).toBe(false);
    expect(enoch.verify(text, sig)).toBe(false);
  });
});

describe('openNote', () => {
  it("signs Go's example text to exactly Go's signature", () => {
    expect(signNote(TEXT, PETER_SKEY)).toBe(TEXT + '\n' + PETER_SIG);
  });

  it('keeps signatures by unknown keys as unverified and verifies the known ones', () => {
    const msg = TEXT + '\n' + PETER_SIG + ENOCH_SIG;
    expect(openNote(msg, [peter])).toEqual<Note>({ text: TEXT, sigs: [PETER], unverifiedSigs: [ENOCH] });
    expect(openNote(msg, [peter, enoch])).toEqual<Note>({
      text: TEXT,
      sigs: [PETER, ENOCH],
      unverifiedSigs: [],
    });
  });

  it('refuses a note signed only by unknown keys, naming who signed it', () => {
    const err = noteError(() =>
      openNote(TEXT + '\n' + PETER_SIG + ENOCH_SIG, [parseVerifierKey(SUM_GOLANG_ORG)]),
    );
    expect(err.code).toBe('unverified');
    expect(err.message).toBe(
      'note is not signed by sum.golang.org+033de0ae (it is signed only by PeterNeumann+c74f20a3, EnochRoot+af0cfe78)',
    );
    expect(err.note?.unverifiedSigs).toEqual([PETER, ENOCH]);
  });

  it('ignores, as go does, a trusted name with another key hash, and says so when nothing else verifies', () => {
    const other = PETER_SIG.replace('x08g', 'xxxx');
    const err = noteError(() => openNote(TEXT + '\n' + other, [peter]));
    expect(err.code).toBe('unverified');
    expect(err.message).toContain('is not the key trusted for PeterNeumann');
    expect(openNote(TEXT + '\n' + other + PETER_SIG, [peter]).sigs).toEqual([PETER]);
  });

  it("refuses a known key's bad signature even next to a good one", () => {
    const bad = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
    const err = noteError(() => openNote(TEXT + '\n' + bad, [peter]));
    expect(err.code).toBe('bad-signature');
    expect(err.message).toContain('signature by PeterNeumann+c74f20a3 does not verify');
    expect(noteError(() => openNote(TEXT + '\n' + ENOCH_SIG + bad, [peter, enoch])).code).toBe(
      'bad-signature',
    );
    // The text changed after signing.
    expect(
      noteError(() => openNote(TEXT.replace('cryptography', 'Cryptography') + '\n' + PETER_SIG, [peter]))
        .code,
    ).toBe('bad-signature');
  });

  it('counts duplicate signatures once and duplicate trusted keys as ambiguous', () => {
    const enochBad = ENOCH_SIG.slice(0, 60) + 'ABCD' + ENOCH_SIG.slice(60);
    const n = openNote(TEXT + '\n' + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enochBad, [peter]);
    expect(n.sigs).toEqual([PETER]);
    expect(n.unverifiedSigs.map((s) => s.base64)).toEqual([ENOCH.base64, enochBad.slice(12, -1)]);
    expect(noteError(() => openNote(TEXT + '\n' + ENOCH_SIG, [enoch, peter, enoch])).code).toBe(
      'ambiguous-key',
    );
    expect(openNote(TEXT + '\n' + PETER_SIG, [enoch, peter, enoch]).sigs).toEqual([PETER]);
  });

  it('refuses malformed notes', () => {
    const bad: Array<string | Uint8Array> = [
      TEXT,
      TEXT + '\n',
      TEXT + '\n' + PETER_SIG.slice(0, -1),
      '\x01' + TEXT + '\n' + PETER_SIG,
      TEXT + '\r\n' + PETER_SIG,
      new Uint8Array([0xff, ...new TextEncoder().encode(TEXT + '\n' + PETER_SIG)]),
      TEXT +
        '\n' +
        '— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
      TEXT + '\n' + PETER_SIG + 'Unexpected line.\n',
      TEXT + '\n' + '- PeterNeumann ' + PETER.base64 + '\n',
      TEXT + '\n' + '— PeterNeumann AAAA\n',
      TEXT + '\n' + '— PeterNeumann\n',
      TEXT + '\n' + PETER_SIG.repeat(101),
    ];
    for (const msg of bad)
      expect(noteError(() => openNote(msg, [peter])).code, String(msg)).toBe('malformed-note');
    expect(openNote(TEXT + '\n' + PETER_SIG.repeat(100), [peter]).sigs).toEqual([PETER]);
  });
});

describe('parseTree', () => {
  const root = 'K9B5g3ZtkcYEfxe2TE6L3lUh0C5XhcYQzUqNd3Au8Wk=';

  it('reads the signed tree of a checksum database', () => {
    const note = openNote(signNote(`go.sum database tree\n31337\n${root}\n`, PETER_SKEY), [peter]);
    const tree = parseTree(note.text);
    expect(tree.size).toBe(31337);
    expect(encodeBase64(tree.hash)).toBe(root);
    expect(formatTree(tree)).toBe(note.text);
    // Go ignores what follows the third line (later formats add lines there).
    expect(parseTree(`go.sum database tree\n5\n${root}\nextra\n`).size).toBe(5);
  });

  it('refuses malformed tree texts', () => {
    for (const t of [
      `go.sum database tree\n5\n${root}`,
      `go.sum database tree\n05\n${root}\n`,
      `go.sum database tree\n+5\n${root}\n`,
      `go.sum database tree\n-1\n${root}\n`,
      `go.sum database tree\n5\n${root.slice(4)}\n`,
      `go.sum database tree\n5\nnot base64\n`,
      `go.sum database tree \n5\n${root}\n`,
      `Go.sum database tree\n5\n${root}\n`,
    ]) {
      expect(noteError(() => parseTree(t)).code, t).toBe('malformed-tree');
    }
  });
});

describe('base64', () => {
  it("decodes like Go's StdEncoding: padding required, newlines skipped", () => {
    expect(decodeBase64('AQID')).toEqual(Uint8Array.of(1, 2, 3));
    expect(decodeBase64('AQ==')).toEqual(Uint8Array.of(1));
    expect(decodeBase64('AQ\n==')).toEqual(Uint8Array.of(1));
    expect(decodeBase64('AQ')).toBeNull();
    expect(decodeBase64('AQ=')).toBeNull();
    expect(decodeBase64('A===')).toBeNull();
    expect(encodeBase64(Uint8Array.of(1, 2, 3, 4))).toBe('AQIDBA==');
  });
});
