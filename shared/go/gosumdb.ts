import { fields, fromBytes, isSpace, runes, toBytes, validUtf8 } from './gostrings';
import { formatUrlStruct, parseUrl } from './neturl';
import type { GoResult } from './result';

/**
 * GOSUMDB as cmd/go/internal/modfetch's dbDial reads it (go 1.19), with the verifier key checked
 * as golang.org/x/mod/sumdb/note.NewVerifier does.
 */
export type SumDbConfig =
  | { off: true }
  | {
      off: false;
      name: string;
      /** The full verifier key: `name+hash+key`. */
      key: string;
      /**
       * Where go reaches the database: the URL given in GOSUMDB, used as is, or else `https://<name>`,
       * which go uses only after asking each GOPROXY entry for `<proxy>/sumdb/<name>/supported`.
       */
      url: string;
      urlExplicit: boolean;
    };

const KNOWN_GOSUMDB: Readonly<Record<string, string>> = {
  'sum.golang.org': 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
};

/**
 * What go prints when dbDial dereferences the nil URL of a database name that url.Parse rejects
 * (`a:b`, `x%zz`): go 1.19 crashes instead of reporting the name.
 */
export const GOSUMDB_NAME_PANIC = 'panic: runtime error: invalid memory address or nil pointer dereference';

/**
 * Pass the effective value: go replaces an unset or empty GOSUMDB with `sum.golang.org` before this
 * point, so '' here is go's `missing GOSUMDB`. Errors are go's messages, verbatim.
 */
export function parseGoSumDb(value: string): GoResult<SumDbConfig> {
  if (value === 'off') return { ok: true, value: { off: true } };
  const result = dialSumDb(
    toBytes(value === 'sum.golang.google.cn' ? 'sum.golang.org https://sum.golang.google.cn' : value),
  );
  if (!result.ok) return { ok: false, error: fromBytes(result.error) };
  const { name, key, url, urlExplicit } = result.value;
  return {
    ok: true,
    value: { off: false, name: fromBytes(name), key: fromBytes(key), url: fromBytes(url), urlExplicit },
  };
}

interface SumDb {
  name: string;
  key: string;
  url: string;
  urlExplicit: boolean;
}

function dialSumDb(gosumdb: string): GoResult<SumDb> {
  const key = fields(gosumdb);
  if (key.length === 0) return { ok: false, error: 'missing GOSUMDB' };
  const first = key[0]!;
  // Own keys only: a GOSUMDB of `__proto__` or `constructor` is just a malformed name.
  key[0] = Object.hasOwn(KNOWN_GOSUMDB, first) ? KNOWN_GOSUMDB[first]! : first;
  if (key.length > 2) return { ok: false, error: 'invalid GOSUMDB: too many fields' };
  const verifier = verifierName(key[0]);
  if (!verifier.ok) return { ok: false, error: `invalid GOSUMDB: ${verifier.error}` };
  const name = verifier.value;

  // "No funny business in the database name": https://<name> must parse to just a host and a path.
  const direct = parseUrl('https://' + name);
  if (!direct.ok) return { ok: false, error: GOSUMDB_NAME_PANIC };
  const u = direct.value;
  const plain =
    u.opaque === '' &&
    u.user === null &&
    !u.omitHost &&
    !u.forceQuery &&
    u.rawQuery === '' &&
    u.fragment === '' &&
    u.rawFragment === '';
  if (name.endsWith('/') || !plain || u.rawPath !== '' || u.host === '') {
    return { ok: false, error: `invalid sumdb name (must be host[/path]): ${name} ${formatUrlStruct(u)}` };
  }

  const explicit = key[1];
  if (explicit !== undefined) {
    const base = parseUrl(explicit);
    if (!base.ok) return { ok: false, error: `invalid GOSUMDB URL: ${base.error}` };
  }
  return {
    ok: true,
    value: { name, key: key[0], url: explicit ?? 'https://' + name, urlExplicit: explicit !== undefined },
  };
}

/** note.NewVerifier, reduced to what dbDial uses: the verifier's name, or the note package's error. */
function verifierName(vkey: string): GoResult<string> {
  const [name, rest] = chop(vkey, '+');
  const [hash16, key64] = chop(rest, '+');
  const key = decodeBase64(key64);
  if (!/^[0-9a-fA-F]{8}$/.test(hash16) || key === null || !isValidName(name) || key.length === 0) {
    return { ok: false, error: 'malformed verifier id' };
  }
  if (parseInt(hash16, 16) !== keyHash(name, key)) return { ok: false, error: 'invalid verifier hash' };
  // Algorithm 1 is Ed25519, the only one note knows; its public key is 32 bytes.
  if (key[0] !== 1) return { ok: false, error: 'unknown verifier algorithm' };
  if (key.length !== 33) return { ok: false, error: 'malformed verifier id' };
  return { ok: true, value: name };
}

function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

function isValidName(name: string): boolean {
  if (name === '' || !validUtf8(name) || name.includes('+')) return false;
  for (const [r] of runes(name)) if (isSpace(r)) return false;
  return true;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * base64.StdEncoding.DecodeString: padding required, unused trailing bits ignored. (It also skips
 * '\r' and '\n', which cannot occur in a GOSUMDB field.)
 */
function decodeBase64(s: string): number[] | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return null;
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of s.replace(/=+$/, '')) {
    acc = (acc << 6) | BASE64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

/** note's keyHash: the first 4 bytes of SHA-256(name + "\n" + key), big-endian. */
function keyHash(name: string, key: number[]): number {
  const data = [...name].map((c) => c.charCodeAt(0));
  const digest = sha256([...data, 0x0a, ...key]);
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}

const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/**
 * SHA-256 (FIPS 180-4), synchronous because parsing is: shared/ cannot use node:crypto, and the
 * browser's crypto.subtle is asynchronous. Only short inputs (a key and its name) pass through here.
 */
function sha256(message: number[]): number[] {
  const bitLength = message.length * 8;
  const padded = [...message, 0x80];
  while (padded.length % 64 !== 56) padded.push(0);
  for (let shift = 56; shift >= 0; shift -= 8) padded.push(shift >= 32 ? 0 : (bitLength >>> shift) & 0xff);
  const h = Uint32Array.from([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (padded[j]! << 24) | (padded[j + 1]! << 16) | (padded[j + 2]! << 8) | padded[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = w[i - 16]! + s0 + w[i - 7]! + s1;
    }
    let [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, hh = 0] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!;
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = h[i]! + v));
  }
  return [...h].flatMap((v) => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
}
