import { createHash } from 'node:crypto';
import { encodeBase64, type Tree } from './note';

/**
 * The checksum database's transparency log, as golang.org/x/mod/sumdb/tlog computes it (RFC 6962
 * Merkle trees, hashes stored in Crosby–Wallach order, published as tiles). The math is Go's, step for
 * step, so that the tiles and proofs a real server publishes check out here exactly when they do in `go`.
 *
 * Indexes and sizes are JS numbers: exact up to 2^53, far beyond any real log (sum.golang.org holds
 * tens of millions of records). Shifts are written as multiplications because JS's `<<` is 32-bit.
 */

export const HASH_SIZE = 32;
/** sum.golang.org and every client of it use tiles of height 8 (256 hashes). */
export const TILE_HEIGHT = 8;

export type Hash = Uint8Array;

/** Reads tile data by its path (`tile/8/0/x001/234.p/5`), relative to the database's base URL. */
export type FetchTile = (path: string) => Promise<Uint8Array>;

/** Returns the hashes at the given stored hash indexes, in order (tlog.HashReader). */
export type HashReader = (indexes: readonly number[]) => Promise<Hash[]>;

export type TlogErrorCode =
  | 'invalid-input'
  | 'malformed-record'
  | 'tile-fetch'
  /** A tile had the wrong length for its path. */
  | 'tile-size'
  /** The tiles served do not hash up to the signed tree root: the server or something in between altered them. */
  | 'inconsistent-tile'
  /** The record text is not the one the signed tree holds at that id. */
  | 'record-mismatch'
  /** An older signed tree is not a prefix of a newer one: two different histories were signed. */
  | 'fork'
  | 'proof-failed';

export class TlogError extends Error {
  constructor(
    readonly code: TlogErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'TlogError';
  }
}

export interface Tile {
  /** Height: the tile holds a subtree of 2^h leaves (1..30). */
  h: number;
  /** Level in the tiling; -1 is the record data tiles (`tile/h/data/...`). */
  l: number;
  /** Index within the level. */
  n: number;
  /** Width: how many of the 2^h hashes it holds; less than 2^h for a partial tile. */
  w: number;
}

const shl = (x: number, k: number) => x * 2 ** k;
const shr = (x: number, k: number) => Math.floor(x / 2 ** k);

function trailingZeros(x: number): number {
  let z = 0;
  while (x > 0 && x % 2 === 0) {
    x /= 2;
    z++;
  }
  return z;
}

/** k, the largest power of 2 smaller than n, and log2 k. */
function maxPow2(n: number): [k: number, level: number] {
  let l = 0;
  while (2 ** (l + 1) < n) l++;
  return [2 ** l, l];
}

function sha256(...parts: Uint8Array[]): Hash {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

const ZERO_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** The leaf hash of a record: SHA-256(0x00 || data). */
export function recordHash(data: Uint8Array): Hash {
  return sha256(ZERO_PREFIX, data);
}

/** An interior node's hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return sha256(NODE_PREFIX, left, right);
}

export function hashEqual(a: Hash, b: Hash): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function formatHash(h: Hash): string {
  return encodeBase64(h);
}

/** Where the hash of node (level, n) is stored: level L's n'th hash follows level L+1's (2n+1)'th. */
export function storedHashIndex(level: number, n: number): number {
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  // Level 0's n'th hash is written at n + n/2 + n/4 + ...
  let i = 0;
  for (; n > 0; n = shr(n, 1)) i += n;
  return i + level;
}

/** The inverse of storedHashIndex. */
export function splitStoredHashIndex(index: number): [level: number, n: number] {
  // NaN and Infinity would loop forever below, a fraction would make tile ranges that are not hashes.
  if (!isCount(index)) throw new TlogError('invalid-input', `invalid stored hash index ${index}`);
  // storedHashIndex(0, n) < 2n, so the record that wrote this index is in [index/2, index/2 + log2(index)].
  let n = shr(index, 1);
  let indexN = storedHashIndex(0, n);
  for (;;) {
    // Record n adds 1 + trailingZeros(n+1) hashes: its leaf and the subtrees it completes.
    const x = indexN + 1 + trailingZeros(n + 1);
    if (x > index) break;
    n++;
    indexN = x;
  }
  const level = index - indexN;
  return [level, shr(n, level)];
}

/** How many hashes a tree of n records stores. */
export function storedHashCount(n: number): number {
  if (n === 0) return 0;
  let count = storedHashIndex(0, n - 1) + 1;
  for (let i = n - 1; i % 2 === 1; i = shr(i, 1)) count++;
  return count;
}

/**
 * The hashes to store when appending record n with leaf hash h, starting at storedHashIndex(0, n):
 * the leaf, then one hash per subtree the leaf completes (reading their left halves from `read`).
 */
export async function storedHashesForRecordHash(n: number, h: Hash, read: HashReader): Promise<Hash[]> {
  const hashes = [h];
  const m = trailingZeros(n + 1);
  const indexes: number[] = new Array<number>(m);
  for (let i = 0; i < m; i++) indexes[m - 1 - i] = storedHashIndex(i, shr(n, i) - 1);
  const old = await readExactly(read, indexes);
  for (let i = 0; i < m; i++) {
    h = nodeHash(old[m - 1 - i]!, h);
    hashes.push(h);
  }
  return hashes;
}

async function readExactly(read: HashReader, indexes: readonly number[]): Promise<Hash[]> {
  if (indexes.length === 0) return [];
  const hashes = await read(indexes);
  if (hashes.length !== indexes.length) {
    throw new TlogError(
      'invalid-input',
      `hash reader returned ${hashes.length} hashes for ${indexes.length} indexes`,
    );
  }
  return hashes;
}

/** The storage indexes of the complete subtrees whose hashes combine into the hash of records [lo, hi). */
function subTreeIndex(lo: number, hi: number, need: number[]): number[] {
  while (lo < hi) {
    const [k, level] = maxPow2(hi - lo + 1);
    if (lo % k !== 0) throw new Error('tlog: bad math in subTreeIndex');
    need.push(storedHashIndex(level, shr(lo, level)));
    lo += k;
  }
  return need;
}

/** Consumes hashes in the order subTreeIndex listed them. */
class HashQueue {
  private pos = 0;
  constructor(private readonly hashes: readonly Hash[]) {}
  take(count: number): Hash[] {
    if (this.pos + count > this.hashes.length) throw new Error('tlog: bad index math');
    const out = this.hashes.slice(this.pos, this.pos + count);
    this.pos += count;
    return out;
  }
  get done(): boolean {
    return this.pos === this.hashes.length;
  }
}

/** The hash of records [lo, hi): the largest complete subtrees from the left, folded from the right. */
function subTreeHash(lo: number, hi: number, q: HashQueue): Hash {
  let numTree = 0;
  while (lo < hi) {
    const [k] = maxPow2(hi - lo + 1);
    numTree++;
    lo += k;
  }
  const parts = q.take(numTree);
  let h = parts[numTree - 1]!;
  for (let i = numTree - 2; i >= 0; i--) h = nodeHash(parts[i]!, h);
  return h;
}

/** The root hash of the tree of n records; all zeros for the empty tree. */
export async function treeHash(n: number, read: HashReader): Promise<Hash> {
  if (n === 0) return new Uint8Array(HASH_SIZE);
  const q = new HashQueue(await readExactly(read, subTreeIndex(0, n, [])));
  const h = subTreeHash(0, n, q);
  if (!q.done) throw new Error('tlog: bad index math in treeHash');
  return h;
}

function leafProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (lo + 1 === hi) return need;
  const [k] = maxPow2(hi - lo);
  if (n < lo + k) {
    leafProofIndex(lo, lo + k, n, need);
    subTreeIndex(lo + k, hi, need);
  } else {
    subTreeIndex(lo, lo + k, need);
    leafProofIndex(lo + k, hi, n, need);
  }
  return need;
}

function leafProof(lo: number, hi: number, n: number, q: HashQueue): Hash[] {
  // At the leaf: the verifier has its hash, so the proof does not carry it.
  if (lo + 1 === hi) return [];
  const [k] = maxPow2(hi - lo);
  let p: Hash[];
  let th: Hash;
  if (n < lo + k) {
    p = leafProof(lo, lo + k, n, q);
    th = subTreeHash(lo + k, hi, q);
  } else {
    th = subTreeHash(lo, lo + k, q);
    p = leafProof(lo + k, hi, n, q);
  }
  p.push(th);
  return p;
}

function checkSizes(ok: boolean, what: string): void {
  if (!ok) throw new TlogError('invalid-input', `invalid inputs in ${what}`);
}

function isCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** The inclusion proof ("audit path") that the tree of size t holds record n. */
export async function proveRecord(t: number, n: number, read: HashReader): Promise<Hash[]> {
  checkSizes(isCount(t) && isCount(n) && n < t, 'proveRecord');
  const q = new HashQueue(await readExactly(read, leafProofIndex(0, t, n, [])));
  const p = leafProof(0, t, n, q);
  if (!q.done) throw new Error('tlog: bad index math in proveRecord');
  return p;
}

const proofFailed = () => new TlogError('proof-failed', 'invalid transparency proof');

/** Checks that p proves the tree of size t with root th has record n with leaf hash h. */
export function checkRecord(p: readonly Hash[], t: number, th: Hash, n: number, h: Hash): void {
  checkSizes(isCount(t) && isCount(n) && n < t, 'checkRecord');
  if (!hashEqual(runRecordProof(p, 0, t, n, h), th)) throw proofFailed();
}

function runRecordProof(p: readonly Hash[], lo: number, hi: number, n: number, leaf: Hash): Hash {
  if (lo + 1 === hi) {
    // The proof must not carry unneeded hashes.
    if (p.length !== 0) throw proofFailed();
    return leaf;
  }
  if (p.length === 0) throw proofFailed();
  const [k] = maxPow2(hi - lo);
  const last = p[p.length - 1]!;
  const rest = p.slice(0, -1);
  return n < lo + k
    ? nodeHash(runRecordProof(rest, lo, lo + k, n, leaf), last)
    : nodeHash(last, runRecordProof(rest, lo + k, hi, n, leaf));
}

function treeProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (n === hi) return lo === 0 ? need : subTreeIndex(lo, hi, need);
  const [k] = maxPow2(hi - lo);
  if (n <= lo + k) {
    treeProofIndex(lo, lo + k, n, need);
    subTreeIndex(lo + k, hi, need);
  } else {
    subTreeIndex(lo, lo + k, need);
    treeProofIndex(lo + k, hi, n, need);
  }
  return need;
}

function treeProof(lo: number, hi: number, n: number, q: HashQueue): Hash[] {
  if (n === hi) {
    // The subtree that is exactly the old tree: the verifier knows its hash.
    return lo === 0 ? [] : [subTreeHash(lo, hi, q)];
  }
  const [k] = maxPow2(hi - lo);
  let p: Hash[];
  let th: Hash;
  if (n <= lo + k) {
    p = treeProof(lo, lo + k, n, q);
    th = subTreeHash(lo + k, hi, q);
  } else {
    th = subTreeHash(lo, lo + k, q);
    p = treeProof(lo + k, hi, n, q);
  }
  p.push(th);
  return p;
}

/** The consistency proof that the tree of size t has the tree of size n (0 < n <= t) as a prefix. */
export async function proveTree(t: number, n: number, read: HashReader): Promise<Hash[]> {
  checkSizes(isCount(t) && isCount(n) && n >= 1 && n <= t, 'proveTree');
  const q = new HashQueue(await readExactly(read, treeProofIndex(0, t, n, [])));
  const p = treeProof(0, t, n, q);
  if (!q.done) throw new Error('tlog: bad index math in proveTree');
  return p;
}

/** Checks that p proves the tree of size t with root th contains the tree of size n with root h. */
export function checkTree(p: readonly Hash[], t: number, th: Hash, n: number, h: Hash): void {
  checkSizes(isCount(t) && isCount(n) && n >= 1 && n <= t, 'checkTree');
  const [oh, nh] = runTreeProof(p, 0, t, n, h);
  if (!hashEqual(oh, h) || !hashEqual(nh, th)) throw proofFailed();
}

/** The implied hashes of records [lo, hi) in the old tree and in the new tree. */
function runTreeProof(p: readonly Hash[], lo: number, hi: number, n: number, old: Hash): [Hash, Hash] {
  if (n === hi) {
    if (lo === 0) {
      if (p.length !== 0) throw proofFailed();
      return [old, old];
    }
    if (p.length !== 1) throw proofFailed();
    return [p[0]!, p[0]!];
  }
  if (p.length === 0) throw proofFailed();
  const [k] = maxPow2(hi - lo);
  const last = p[p.length - 1]!;
  const rest = p.slice(0, -1);
  if (n <= lo + k) {
    const [oh, th] = runTreeProof(rest, lo, lo + k, n, old);
    return [oh, nodeHash(th, last)];
  }
  const [oh, th] = runTreeProof(rest, lo + k, hi, n, old);
  return [nodeHash(last, oh), nodeHash(last, th)];
}

// ---- Tiles ----

/** The tile of height h and least width that stores the hash at this index, and where in it. */
function tileForIndexWithRange(h: number, index: number): [tile: Tile, start: number, end: number] {
  const [level0, n0] = splitStoredHashIndex(index);
  const l = Math.floor(level0 / h);
  const level = level0 - l * h; // level within the tile
  const n = shr(shl(n0, level), h);
  const within = n0 - shr(shl(n, h), level); // index within the tile, at that level
  const w = shl(within + 1, level);
  return [{ h, l, n, w }, shl(within, level) * HASH_SIZE, shl(within + 1, level) * HASH_SIZE];
}

export function tileForIndex(h: number, index: number): Tile {
  if (!(Number.isInteger(h) && h >= 1 && h <= 30))
    throw new TlogError('invalid-input', `invalid tile height ${h}`);
  return tileForIndexWithRange(h, index)[0];
}

/** The hash at `index`, from tile t's data, where t is tileForIndex(t.h, index) or a wider version of it. */
export function hashFromTile(t: Tile, data: Uint8Array, index: number): Hash {
  // Integers first: NaN passes every comparison, and tilePath loops forever on n = Infinity.
  if (![t.h, t.l, t.n, t.w].every(Number.isSafeInteger)) {
    throw new TlogError('invalid-input', `invalid tile h=${t.h} l=${t.l} n=${t.n} w=${t.w}`);
  }
  if (t.h < 1 || t.h > 30 || t.l < 0 || t.l >= 64 || t.w < 1 || t.w > 2 ** t.h) {
    throw new TlogError('invalid-input', `invalid tile ${tilePath(t)}`);
  }
  if (data.length < t.w * HASH_SIZE) {
    throw new TlogError('tile-size', `data length ${data.length} too short for tile ${tilePath(t)}`);
  }
  const [t1, start, end] = tileForIndexWithRange(t.h, index);
  if (t.l !== t1.l || t.n !== t1.n || t.w < t1.w) {
    throw new TlogError('invalid-input', `index ${index} is in ${tilePath(t1)} not ${tilePath(t)}`);
  }
  return tileHash(data.subarray(start, end));
}

/** The hash of the subtree whose 2^k leaf hashes are in data. */
function tileHash(data: Uint8Array): Hash {
  if (data.length === HASH_SIZE) return data.slice();
  const half = data.length / 2;
  return nodeHash(tileHash(data.subarray(0, half)), tileHash(data.subarray(half)));
}

const PATH_BASE = 1000;

/** `tile/H/L/NNN[.p/W]`, N written three digits per path element, all but the last prefixed with x. */
export function tilePath(t: Tile): string {
  let n = t.n;
  let nStr = String(n % PATH_BASE).padStart(3, '0');
  while (n >= PATH_BASE) {
    n = Math.floor(n / PATH_BASE);
    nStr = `x${String(n % PATH_BASE).padStart(3, '0')}/${nStr}`;
  }
  const partial = t.w !== 2 ** t.h ? `.p/${t.w}` : '';
  return `tile/${t.h}/${t.l === -1 ? 'data' : t.l}/${nStr}${partial}`;
}

/** tlog.ParseTilePath: only the canonical path of a tile is accepted. */
export function parseTilePath(path: string): Tile {
  const bad = () => new TlogError('invalid-input', `malformed tile path ${JSON.stringify(path)}`);
  // strconv.Atoi: optional sign, decimal digits.
  const atoi = (s: string) => (/^[+-]?[0-9]+$/.test(s) ? Number(s) : NaN);
  let f = path.split('/');
  if (f.length < 4 || f[0] !== 'tile') throw bad();
  const h = atoi(f[1]!);
  const isData = f[2] === 'data';
  const l = isData ? 0 : atoi(f[2]!);
  if (!Number.isSafeInteger(h) || !Number.isSafeInteger(l) || h < 1 || l < 0 || h > 30) throw bad();
  let w = 2 ** h;
  const dotP = f[f.length - 2]!;
  if (dotP.endsWith('.p')) {
    const ww = atoi(f[f.length - 1]!);
    if (!Number.isSafeInteger(ww) || ww <= 0 || ww >= w) throw bad();
    w = ww;
    f = [...f.slice(0, -2), dotP.slice(0, -2)];
  }
  let n = 0;
  for (const s of f.slice(3)) {
    const nn = atoi(s.startsWith('x') ? s.slice(1) : s);
    if (!Number.isSafeInteger(nn) || nn < 0 || nn >= PATH_BASE) throw bad();
    n = n * PATH_BASE + nn;
    if (!Number.isSafeInteger(n)) throw bad();
  }
  const t: Tile = { h, l: isData ? -1 : l, n, w };
  if (tilePath(t) !== path) throw bad();
  return t;
}

/** The tiles to publish when a tree of size oldSize grows to newSize. */
export function newTiles(h: number, oldSize: number, newSize: number): Tile[] {
  if (!(h >= 1 && h <= 30)) throw new TlogError('invalid-input', `invalid tile height ${h}`);
  const tiles: Tile[] = [];
  for (let level = 0; shr(newSize, h * level) > 0; level++) {
    const oldN = shr(oldSize, h * level);
    const newN = shr(newSize, h * level);
    for (let n = shr(oldN, h); n < shr(newN, h); n++) tiles.push({ h, l: level, n, w: 2 ** h });
    const n = shr(newN, h);
    const maxW = newN - shl(n, h);
    const minW = oldN > shl(n, h) ? oldN - shl(n, h) : 1;
    for (let w = minW; w <= maxW; w++) tiles.push({ h, l: level, n, w });
  }
  return tiles;
}

/** The data of tile t, read from stored hashes (what a server publishes). */
export async function readTileData(t: Tile, read: HashReader): Promise<Uint8Array> {
  const size = t.w === 0 ? 2 ** t.h : t.w;
  const start = shl(t.n, t.h);
  const indexes = Array.from({ length: size }, (_, i) => storedHashIndex(t.h * t.l, start + i));
  const hashes = await readExactly(read, indexes);
  const data = new Uint8Array(size * HASH_SIZE);
  hashes.forEach((h, i) => data.set(h, i * HASH_SIZE));
  return data;
}

/** t's k'th parent tile in the tiling of a tree of size n, or null past the top. */
function tileParent(t: Tile, k: number, n: number): Tile | null {
  const l = t.l + k;
  const tn = shr(t.n, k * t.h);
  let w = 2 ** t.h;
  const max = shr(n, l * t.h);
  if (shl(tn, t.h) + w >= max) {
    if (shl(tn, t.h) >= max) return null;
    w = max - shl(tn, t.h);
  }
  return { h: t.h, l, n: tn, w };
}

/**
 * Fetches a tile. A partial tile that is gone has been completed since the tree was signed: as `go`
 * does, fall back to the full tile and keep the prefix the signed tree covers.
 */
async function readTile(t: Tile, fetchTile: FetchTile): Promise<Uint8Array> {
  const path = tilePath(t);
  let data: Uint8Array;
  try {
    data = await fetchTile(path);
  } catch (err) {
    const fullPath = tilePath({ ...t, w: 2 ** t.h });
    if (fullPath === path) throw fetchFailed(path, err);
    let full: Uint8Array;
    try {
      full = await fetchTile(fullPath);
    } catch {
      throw fetchFailed(path, err);
    }
    data = full.subarray(0, Math.floor(full.length / 2 ** t.h) * t.w);
  }
  if (data.length !== t.w * HASH_SIZE) {
    throw new TlogError(
      'tile-size',
      `${path} is ${data.length} bytes, expected ${t.w * HASH_SIZE} (${t.w} hashes)`,
    );
  }
  return data;
}

function fetchFailed(path: string, err: unknown): TlogError {
  const why = err instanceof Error ? err.message : String(err);
  return new TlogError('tile-fetch', `could not fetch ${path}: ${why}`, { path, cause: why });
}

/**
 * tlog.TileHashReader: a HashReader that answers from the tiles of `tree`, fetched with fetchTile, and
 * authenticates them first: the tiles covering the tree's right edge must hash to the signed root, and
 * every other tile must hash to its entry in an authenticated parent. So every hash it returns is proven
 * to be in the tree. Tiles are fetched once per reader.
 */
export function tileHashReader(tree: Tree, fetchTile: FetchTile, height: number = TILE_HEIGHT): HashReader {
  const cache = new Map<string, Promise<Uint8Array>>();
  const fetchCached = (t: Tile) => {
    const key = tilePath(t);
    let p = cache.get(key);
    if (p === undefined) {
      p = readTile(t, fetchTile);
      cache.set(key, p);
    }
    return p;
  };

  return async (indexes) => {
    const tiles: Tile[] = [];
    const order = new Map<string, number>();
    const add = (t: Tile) => {
      order.set(tilePath(t), tiles.length);
      tiles.push(t);
    };
    const bug = (what: string) => new Error(`tlog: bad math in tileHashReader (tree ${tree.size}): ${what}`);

    // First the tiles that recompute the tree hash: if it matches, they are authentic.
    const stx = subTreeIndex(0, tree.size, []);
    const stxOrder = stx.map((x) => {
      const t = tileParent(tileForIndexWithRange(height, x)[0], 0, tree.size);
      if (t === null) throw bug(`no tile for index ${x}`);
      const key = tilePath(t);
      if (!order.has(key)) add(t);
      return order.get(key)!;
    });

    // Then the tiles holding the requested indexes, each after the parents that authenticate it.
    const indexOrder = indexes.map((x) => {
      if (!isCount(x) || x >= storedHashIndex(0, tree.size)) {
        throw new TlogError('invalid-input', `hash index ${x} is not in the tree of size ${tree.size}`);
      }
      const t = tileForIndexWithRange(height, x)[0];
      let k = 0;
      for (; ; k++) {
        const p = tileParent(t, k, tree.size);
        if (p === null) throw bug(`lost the parents of index ${x}`);
        if (order.has(tilePath(p))) break;
      }
      for (k--; k >= 0; k--) {
        const p = tileParent(t, k, tree.size)!;
        // Only full tiles have parents, and this one has a parent.
        if (p.w !== 2 ** p.h) throw bug(`partial tile ${tilePath(p)} below the top`);
        add(p);
      }
      return order.get(tilePath(tileParent(t, 0, tree.size)!))!;
    });

    const data = await Promise.all(tiles.map(fetchCached));

    let th = hashFromTile(tiles[stxOrder.at(-1)!]!, data[stxOrder.at(-1)!]!, stx.at(-1)!);
    for (let i = stx.length - 2; i >= 0; i--) {
      th = nodeHash(hashFromTile(tiles[stxOrder[i]!]!, data[stxOrder[i]!]!, stx[i]!), th);
    }
    if (!hashEqual(th, tree.hash)) throw inconsistent(tree, tiles.slice(0, new Set(stxOrder).size));

    // Tiles are in order parents first, so each parent is authenticated before its children.
    for (let i = new Set(stxOrder).size; i < tiles.length; i++) {
      const t = tiles[i]!;
      const p = tileParent(t, 1, tree.size);
      const j = p === null ? undefined : order.get(tilePath(p));
      if (p === null || j === undefined) throw bug(`lost the parent of ${tilePath(t)}`);
      const expected = hashFromTile(p, data[j]!, storedHashIndex(p.l * p.h, t.n));
      if (!hashEqual(expected, tileHash(data[i]!))) throw inconsistent(tree, [t]);
    }

    return indexes.map((x, i) => hashFromTile(tiles[indexOrder[i]!]!, data[indexOrder[i]!]!, x));
  };
}

function inconsistent(tree: Tree, tiles: readonly Tile[]): TlogError {
  const paths = tiles.map(tilePath);
  return new TlogError(
    'inconsistent-tile',
    `downloaded inconsistent tile: ${paths.join(', ')} ${paths.length === 1 ? 'does' : 'do'} not hash to the signed tree #${tree.size} (${formatHash(tree.hash)}); the server or something in between altered ${paths.length === 1 ? 'it' : 'them'}`,
    { tiles: paths },
  );
}

// ---- Records ----

/** tlog's record text rule: valid UTF-8, no control characters but newline, no blank line, ends with a newline. */
function isValidRecordText(text: Uint8Array): boolean {
  const decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let s: string;
  try {
    s = decoded.decode(text);
  } catch {
    return false;
  }
  // A control character, or a blank line (two newlines in a row), or a missing final newline.
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0009\u000b-\u001f]|\n\n/.test(s) && s.endsWith('\n');
}

export interface LookupRecord {
  id: number;
  /** The record's text (the go.sum lines), which is what the leaf hash covers. */
  text: Uint8Array;
  /** What follows the blank line: in a /lookup answer, the signed tree note. */
  rest: Uint8Array;
}

/**
 * tlog.ParseRecord, for the body of a checksum database `/lookup/M@V` answer: the record id on a line,
 * the record text, a blank line, and the rest (the signed tree note).
 */
export function parseRecord(msg: Uint8Array): LookupRecord {
  const bad = (why: string) => new TlogError('malformed-record', `malformed record data: ${why}`);
  const nl = msg.indexOf(0x0a);
  if (nl < 0) throw bad('no record id line');
  const idText = new TextDecoder().decode(msg.subarray(0, nl));
  // strconv.ParseInt accepts a sign; a negative id cannot name a record, so it is refused here.
  if (!/^\+?[0-9]+$/.test(idText) || !Number.isSafeInteger(Number(idText))) {
    throw bad(`bad record id ${JSON.stringify(idText)}`);
  }
  const body = msg.subarray(nl + 1);
  let blank = -1;
  for (let i = 0; i + 1 < body.length; i++) {
    if (body[i] === 0x0a && body[i + 1] === 0x0a) {
      blank = i;
      break;
    }
  }
  if (blank < 0) throw bad('no blank line after the record text');
  const text = body.subarray(0, blank + 1);
  if (!isValidRecordText(text)) throw bad('the record text has control characters or invalid UTF-8');
  return { id: Number(idText), text, rest: body.subarray(blank + 2) };
}

/** tlog.FormatRecord: the id line, the text, and the blank line a /lookup answer puts before the tree note. */
export function formatRecord(id: number, text: Uint8Array): Uint8Array {
  if (!isValidRecordText(text)) throw new TlogError('malformed-record', 'malformed record data');
  const head = new TextEncoder().encode(`${id}\n`);
  const out = new Uint8Array(head.length + text.length + 1);
  out.set(head);
  out.set(text, head.length);
  out[out.length - 1] = 0x0a;
  return out;
}

// ---- What a client checks ----

/**
 * Proves that record `id` of the signed `tree` has leaf hash `leaf` (recordHash of the lookup's record
 * text), as `go` does: read that leaf's hash through tiles authenticated against the signed root.
 * Throws TlogError ('record-mismatch' when the tree holds something else at that id).
 */
export async function verifyInclusion(
  tree: Tree,
  id: number,
  leaf: Hash,
  fetchTile: FetchTile,
  height: number = TILE_HEIGHT,
): Promise<void> {
  if (!isCount(id) || id >= tree.size) {
    throw new TlogError('invalid-input', `cannot validate record ${id} in tree of size ${tree.size}`);
  }
  const [h] = await tileHashReader(tree, fetchTile, height)([storedHashIndex(0, id)]);
  if (!hashEqual(h!, leaf)) {
    throw new TlogError(
      'record-mismatch',
      `cannot authenticate record data in server response: the signed tree #${tree.size} holds a different record ${id}`,
    );
  }
}

/**
 * Proves that the smaller of two signed trees is a prefix of the larger, so both come from one
 * append-only history, as `go` does when a new tree head arrives: recompute the smaller tree's root from
 * tiles authenticated against the larger one. A mismatch is a 'fork', reported with the proof of it.
 */
export async function verifyConsistency(
  oldTree: Tree,
  newTree: Tree,
  fetchTile: FetchTile,
  height: number = TILE_HEIGHT,
): Promise<void> {
  if (!isCount(oldTree.size) || !isCount(newTree.size)) {
    throw new TlogError('invalid-input', 'tree sizes must be non-negative integers');
  }
  const [older, newer] = oldTree.size <= newTree.size ? [oldTree, newTree] : [newTree, oldTree];
  const read = tileHashReader(newer, fetchTile, height);
  const h = await treeHash(older.size, read);
  if (hashEqual(h, older.hash)) return;
  const proof = older.size > 0 ? (await proveTree(newer.size, older.size, read)).map(formatHash) : [];
  throw new TlogError(
    'fork',
    `SECURITY ERROR: the checksum database signed two histories that disagree: tree #${older.size} (${formatHash(older.hash)}) is not a prefix of tree #${newer.size} (${formatHash(newer.hash)}), whose first ${older.size} records hash to ${formatHash(h)}`,
    { older: older.size, newer: newer.size, computed: formatHash(h), proof },
  );
}
