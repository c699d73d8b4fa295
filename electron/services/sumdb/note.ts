import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { decodeRune, isSpace, RUNE_ERROR, runes } from '../../../shared/go/gostrings';
import { trimEnd } from '../../../shared/text';

/**
 * Signed notes as golang.org/x/mod/sumdb/note reads them, and the tree note of sumdb/tlog. Every
 * acceptance rule is Go's, so a note this module accepts is exactly a note `go` accepts; the error
 * messages say more than Go's ("malformed note") because a person has to act on them.
 *
 * Bytes are handled as Go does: internally as "byte strings" (one JS code unit per byte, see
 * shared/go/gostrings), because Go's rules index and compare bytes, not characters.
 */

export type NoteErrorCode =
  /** The verifier key is not `name+hash+base64`, or its key is not 33 bytes. */
  | 'malformed-key'
  /** The key's hash does not match its name and key bytes. */
  | 'key-hash'
  /** The key's algorithm byte is not 1 (Ed25519), the only one Go knows. */
  | 'key-algorithm'
  | 'malformed-note'
  /** Two trusted verifiers have the same name and key hash, and the note is signed by that pair. */
  | 'ambiguous-key'
  /** A trusted key's signature is present but does not verify: the text was altered or forged. */
  | 'bad-signature'
  /** No signature by a trusted key. */
  | 'unverified'
  | 'malformed-tree';

export class NoteError extends Error {
  constructor(
    readonly code: NoteErrorCode,
    message: string,
    /** For 'unverified': the note as read, with every signature in `unverifiedSigs`. */
    readonly note?: Note,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

export interface Verifier {
  name: string;
  keyHash: number;
  /** The verifier key it was parsed from: `name+hash+key`. */
  key: string;
  verify(msg: Uint8Array, sig: Uint8Array): boolean;
}

export interface Signature {
  name: string;
  hash: number;
  base64: string;
}

export interface Note {
  text: string;
  sigs: Signature[];
  unverifiedSigs: Signature[];
}

/** A transparency log head: `size` records whose Merkle tree has root `hash`. */
export interface Tree {
  size: number;
  hash: Uint8Array;
}

const ALG_ED25519 = 1;
const SIG_PREFIX = toByteString(new TextEncoder().encode('— '));
// Go's Open accepts no more; counted over all lines, verified or not, so a note cannot make us do unbounded work.
const MAX_SIGNATURES = 100;

export function hexHash(hash: number): string {
  return hash.toString(16).padStart(8, '0');
}

/** note's keyHash: the first 4 bytes, big-endian, of SHA-256(name + "\n" + key), where key includes the algorithm byte. */
export function keyHash(name: string, key: Uint8Array): number {
  const digest = createHash('sha256').update(name, 'utf8').update('\n').update(key).digest();
  return digest.readUInt32BE(0);
}

/** note.NewVerifier: `name+hash+base64(0x01 || 32-byte Ed25519 public key)`, every part checked. */
export function parseVerifierKey(vkey: string): Verifier {
  const bytes = toByteString(new TextEncoder().encode(vkey));
  const [name, rest] = chop(bytes, '+');
  const [hash16, key64] = chop(rest, '+');
  const key = decodeBase64(key64);
  const shown = JSON.stringify(vkey);
  if (!/^[0-9a-fA-F]{8}$/.test(hash16) || key === null || key.length === 0 || !isValidName(name)) {
    throw new NoteError(
      'malformed-key',
      `malformed verifier key ${shown}: expected name+hash+key, with an 8-digit hex hash and a base64 key`,
    );
  }
  const decodedName = fromByteString(name);
  const hash = parseInt(hash16, 16);
  const actual = keyHash(decodedName, key);
  if (hash !== actual) {
    throw new NoteError(
      'key-hash',
      `invalid verifier key ${shown}: its hash ${hash16} does not match its name and key (expected ${hexHash(actual)}); the key was mistyped or altered`,
    );
  }
  if (key[0] !== ALG_ED25519) {
    throw new NoteError(
      'key-algorithm',
      `verifier key ${shown} uses unknown algorithm ${key[0]} (only 1, Ed25519, exists)`,
    );
  }
  if (key.length !== 33) {
    throw new NoteError(
      'malformed-key',
      `malformed verifier key ${shown}: an Ed25519 key is 32 bytes, not ${key.length - 1}`,
    );
  }
  const publicKey = ed25519PublicKey(key.subarray(1));
  return {
    name: decodedName,
    keyHash: hash,
    key: vkey,
    verify: (msg, sig) => {
      // Go's ed25519.Verify answers false for a wrong-length signature; OpenSSL would throw.
      if (publicKey === null || sig.length !== 64) return false;
      try {
        return cryptoVerify(null, msg, publicKey, sig);
      } catch {
        return false;
      }
    },
  };
}

/** Go accepts any 32 bytes as a key and fails at verification; OpenSSL may refuse some at import. */
function ed25519PublicKey(raw: Uint8Array): KeyObject | null {
  const x = trimEnd(encodeBase64(raw), (c) => c === '=')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch {
    return null;
  }
}

/**
 * note.Open: the text ends in "\n", then a blank line, then one or more lines
 * `— name base64(4-byte key hash || signature)`. Signatures by keys not in `known` are kept
 * unverified; at least one known key must have signed, and a known key's bad signature is an error.
 */
export function openNote(msg: Uint8Array | string, known: readonly Verifier[]): Note {
  const m = toByteString(typeof msg === 'string' ? new TextEncoder().encode(msg) : msg);
  for (let i = 0; i < m.length;) {
    const [r, size] = decodeRune(m, i);
    if ((r < 0x20 && r !== 0x0a) || (r === RUNE_ERROR && size === 1)) {
      throw malformed(`byte ${i} is a control character or invalid UTF-8`);
    }
    i += size;
  }

  const split = m.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line separates the text from the signatures');
  const text = m.slice(0, split + 1);
  let sigs = m.slice(split + 2);
  if (sigs.length === 0 || !sigs.endsWith('\n'))
    throw malformed('the signature lines must end with a newline');

  const textBytes = fromByteStringToBytes(text);
  const note: Note = { text: fromByteString(text), sigs: [], unverifiedSigs: [] };
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  let numSig = 0;
  while (sigs.length > 0) {
    const nl = sigs.indexOf('\n');
    let line = sigs.slice(0, nl);
    sigs = sigs.slice(nl + 1);
    if (!line.startsWith(SIG_PREFIX))
      throw malformed(`a signature line does not start with "— ": ${quoted(line)}`);
    line = line.slice(SIG_PREFIX.length);
    const [rawName, b64] = chop(line, ' ');
    const sig = decodeBase64(b64);
    if (sig === null || !isValidName(rawName) || b64 === '' || sig.length < 5) {
      throw malformed(`bad signature line: ${quoted(line)}`);
    }
    if (++numSig > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);
    const name = fromByteString(rawName);
    const hash = ((sig[0]! << 24) | (sig[1]! << 16) | (sig[2]! << 8) | sig[3]!) >>> 0;
    const signature: Signature = { name, hash, base64: fromByteString(b64) };

    const matches = known.filter((v) => v.name === name && v.keyHash === hash);
    if (matches.length === 0) {
      if (!seenUnverified.has(line)) {
        seenUnverified.add(line);
        note.unverifiedSigs.push(signature);
      }
      continue;
    }
    const id = `${name}+${hexHash(hash)}`;
    if (matches.length > 1) throw new NoteError('ambiguous-key', `ambiguous key ${id}: it is trusted twice`);
    if (seen.has(id)) continue;
    seen.add(id);
    if (!matches[0]!.verify(textBytes, sig.subarray(4))) {
      throw new NoteError(
        'bad-signature',
        `signature by ${id} does not verify: the note was altered after signing, or the signature is forged`,
      );
    }
    note.sigs.push(signature);
  }

  if (note.sigs.length === 0) throw unverified(note, known);
  return note;
}

function unverified(note: Note, known: readonly Verifier[]): NoteError {
  const trusted = known.map((v) => `${v.name}+${hexHash(v.keyHash)}`).join(', ') || 'no trusted key';
  const others = note.unverifiedSigs.map((s) => `${s.name}+${hexHash(s.hash)}`);
  let message = `note is not signed by ${trusted}`;
  if (others.length > 0) message += ` (it is signed only by ${others.join(', ')})`;
  // Go ignores such a signature like any unknown one; saying so points at a key rotation or an impostor.
  const impostor = note.unverifiedSigs.find((s) => known.some((v) => v.name === s.name));
  if (impostor !== undefined) {
    message += `; ${impostor.name}+${hexHash(impostor.hash)} is not the key trusted for ${impostor.name}`;
  }
  return new NoteError('unverified', message, note);
}

const TREE_PREFIX = 'go.sum database tree\n';
const HASH_SIZE = 32;

/** tlog.ParseTree: `go.sum database tree\n<size>\n<base64 root>\n`; Go ignores any further lines. */
export function parseTree(text: string): Tree {
  const bytes = toByteString(new TextEncoder().encode(text));
  const bad = (why: string) => new NoteError('malformed-tree', `malformed tree note: ${why}`);
  if (!bytes.startsWith(TREE_PREFIX) || bytes.split('\n').length - 1 < 3 || bytes.length > 1e6) {
    throw bad('expected "go.sum database tree", a size and a root hash, one per line');
  }
  const lines = bytes.split('\n');
  const sizeText = lines[1]!;
  // Go requires the canonical decimal form (no sign, no leading zeros); sizes past 2^53 do not exist.
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw bad(`bad tree size ${quoted(sizeText)}`);
  }
  const hash = decodeBase64(lines[2]!);
  if (hash === null || hash.length !== HASH_SIZE) throw bad(`bad root hash ${quoted(lines[2]!)}`);
  return { size: Number(sizeText), hash };
}

/** tlog.FormatTree. */
export function formatTree(tree: Tree): string {
  return `${TREE_PREFIX}${tree.size}\n${encodeBase64(tree.hash)}\n`;
}

function malformed(why: string): NoteError {
  return new NoteError('malformed-note', `malformed note: ${why}`);
}

function quoted(byteString: string): string {
  return JSON.stringify(
    fromByteString(byteString.length > 80 ? byteString.slice(0, 80) + '...' : byteString),
  );
}

function isValidName(name: string): boolean {
  if (name === '' || name.includes('+')) return false;
  for (const [r, , w] of runes(name)) if ((r === RUNE_ERROR && w === 1) || isSpace(r)) return false;
  return true;
}

function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * base64.StdEncoding.DecodeString: padding required, unused trailing bits ignored, '\r' and '\n'
 * skipped. Node's Buffer decoder is laxer (no padding needed, junk skipped), so it would accept keys Go rejects.
 */
export function decodeBase64(s: string): Uint8Array | null {
  const clean = s.replace(/[\r\n]/g, '');
  // Quads, the last one padded with at most two '='. Not one regex with a repeated group: V8 keeps a
  // backtrack entry per repetition and throws RangeError past a few MB.
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:|=|==)$/.test(clean)) return null;
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of trimEnd(clean, (c) => c === '=')) {
    acc = ((acc << 6) | BASE64.indexOf(c)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

export function encodeBase64(data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 3) {
    const n = (data[i]! << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0);
    const left = data.length - i;
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += left > 1 ? BASE64[(n >> 6) & 63]! : '=';
    out += left > 2 ? BASE64[n & 63]! : '=';
  }
  return out;
}

function toByteString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

function fromByteStringToBytes(b: string): Uint8Array {
  const bytes = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);
  return bytes;
}

function fromByteString(b: string): string {
  return new TextDecoder().decode(fromByteStringToBytes(b));
}
