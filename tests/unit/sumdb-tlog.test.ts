import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatTree, parseTree, type Tree } from '../../electron/services/sumdb/note';
import {
  checkRecord,
  checkTree,
  formatHash,
  formatRecord,
  hashEqual,
  hashFromTile,
  newTiles,
  nodeHash,
  parseRecord,
  parseTilePath,
  proveRecord,
  proveTree,
  readTileData,
  recordHash,
  splitStoredHashIndex,
  storedHashCount,
  storedHashesForRecordHash,
  storedHashIndex,
  tileForIndex,
  tileHashReader,
  tilePath,
  treeHash,
  verifyConsistency,
  verifyInclusion,
  TlogError,
  type FetchTile,
  type Hash,
  type HashReader,
} from '../../electron/services/sumdb/tlog';

const enc = new TextEncoder();
const record = (i: number) => enc.encode(`example.com/mod${i % 7} v1.${i}.0 h1:record-${i}=\n`);

/** A log in memory, built with the module's own append path, and a tile server over it. */
async function buildLog(count: number, recordOf: (i: number) => Uint8Array = record) {
  const stored: Hash[] = [];
  const read: HashReader = async (indexes) => indexes.map((x) => stored[x]!);
  for (let i = 0; i < count; i++)
    stored.push(...(await storedHashesForRecordHash(i, recordHash(recordOf(i)), read)));
  const tree = async (size: number): Promise<Tree> => ({ size, hash: await treeHash(size, read) });
  return { stored, read, tree };
}

interface Server {
  fetchTile: FetchTile;
  fetched: string[];
}

/** Serves the tiles of `read` the way a checksum database does, with hooks to misbehave. */
function tileServer(
  read: HashReader,
  opts: { alter?: (path: string, data: Uint8Array) => Uint8Array; missing?: (path: string) => boolean } = {},
): Server {
  const fetched: string[] = [];
  return {
    fetched,
    async fetchTile(path) {
      fetched.push(path);
      if (opts.missing?.(path)) throw new Error(`404 Not Found: ${path}`);
      const data = await readTileData(parseTilePath(path), read);
      return opts.alter ? opts.alter(path, data) : data;
    },
  };
}

/** RFC 6962's MTH, written directly from the definition: an independent check of treeHash. */
function mth(leaves: Hash[]): Hash {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

async function expectTlogError(p: Promise<unknown>, code: string): Promise<TlogError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TlogError);
  expect((err as TlogError).code).toBe(code);
  return err as TlogError;
}

describe('hashes', () => {
  it('hashes a record as SHA-256(0x00 || data) and a node as SHA-256(0x01 || l || r)', () => {
    // RFC 6962's empty-leaf hash.
    expect(Buffer.from(recordHash(new Uint8Array())).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const l = recordHash(enc.encode('a'));
    const r = recordHash(enc.encode('b'));
    const want = createHash('sha256').update(Uint8Array.of(1)).update(l).update(r).digest();
    expect(hashEqual(nodeHash(l, r), want)).toBe(true);
  });
});

describe('stored hash indexes', () => {
  it('lays out hashes in Crosby–Wallach order', () => {
    expect([0, 1, 2, 3, 4].map((n) => storedHashIndex(0, n))).toEqual([0, 1, 3, 4, 7]);
    expect(storedHashIndex(1, 0)).toBe(2);
    expect(storedHashIndex(2, 0)).toBe(6);
    expect(storedHashIndex(1, 1)).toBe(5);
  });

  it('splits every index back into its level and position', () => {
    for (let level = 0; level < 12; level++) {
      for (let n = 0; n < 600; n++)
        expect(splitStoredHashIndex(storedHashIndex(level, n))).toEqual([level, n]);
    }
  });

  it('counts the hashes a tree stores and appends exactly that many', async () => {
    const log = await buildLog(300);
    for (const n of [0, 1, 2, 3, 7, 8, 255, 256, 300]) {
      const { stored } = await buildLog(n);
      expect(storedHashCount(n)).toBe(stored.length);
    }
    expect(log.stored.length).toBe(storedHashCount(300));
  });
});

describe('tree hashes and proofs', () => {
  it('computes the RFC 6962 root for every size up to 100', async () => {
    const log = await buildLog(100);
    const leaves = Array.from({ length: 100 }, (_, i) => recordHash(record(i)));
    for (let n = 0; n <= 100; n++) {
      const want = n === 0 ? new Uint8Array(32) : mth(leaves.slice(0, n));
      expect(formatHash((await log.tree(n)).hash)).toBe(formatHash(want));
    }
  });

  it('proves and checks every record in every tree up to 100 records (5050 pairs)', async () => {
    const log = await buildLog(100);
    let checked = 0;
    for (let t = 1; t <= 100; t++) {
      const { hash } = await log.tree(t);
      for (let n = 0; n < t; n++) {
        const p = await proveRecord(t, n, log.read);
        checkRecord(p, t, hash, n, recordHash(record(n)));
        checked++;
      }
    }
    expect(checked).toBe(5050);
  });

  it('proves and checks every older tree inside every newer one up to 100 records (5050 pairs)', async () => {
    const log = await buildLog(100);
    const roots = await Promise.all(Array.from({ length: 101 }, (_, n) => log.tree(n)));
    let checked = 0;
    for (let t = 1; t <= 100; t++) {
      for (let n = 1; n <= t; n++) {
        checkTree(await proveTree(t, n, log.read), t, roots[t]!.hash, n, roots[n]!.hash);
        checked++;
      }
    }
    expect(checked).toBe(5050);
  });

  it('rejects a proof with an altered, missing or extra hash, or for another record', async () => {
    const log = await buildLog(37);
    const { hash } = await log.tree(37);
    const p = await proveRecord(37, 20, log.read);
    const leaf = recordHash(record(20));
    const altered = p.map((h, i) => (i === 2 ? Uint8Array.from(h, (b, j) => (j === 0 ? b ^ 1 : b)) : h));
    expect(() => checkRecord(altered, 37, hash, 20, leaf)).toThrow('invalid transparency proof');
    expect(() => checkRecord(p.slice(1), 37, hash, 20, leaf)).toThrow('invalid transparency proof');
    expect(() => checkRecord([...p, leaf], 37, hash, 20, leaf)).toThrow('invalid transparency proof');
    expect(() => checkRecord(p, 37, hash, 21, leaf)).toThrow('invalid transparency proof');
    expect(() => checkRecord(p, 37, hash, 37, leaf)).toThrow('invalid inputs');

    const tp = await proveTree(37, 10, log.read);
    const old = (await log.tree(10)).hash;
    expect(() => checkTree(tp, 37, hash, 11, old)).toThrow('invalid transparency proof');
    expect(() => checkTree(tp.slice(0, -1), 37, hash, 10, old)).toThrow('invalid transparency proof');
    expect(() => checkTree(tp, 37, hash, 0, old)).toThrow('invalid inputs');
  });
});

describe('tiles', () => {
  it('encodes tile paths three digits at a time, with .p/W for partial tiles and data for level -1', () => {
    expect(tilePath({ h: 3, l: 4, n: 1234067, w: 1 })).toBe('tile/3/4/x001/x234/067.p/1');
    expect(tilePath({ h: 3, l: 4, n: 1234067, w: 8 })).toBe('tile/3/4/x001/x234/067');
    expect(tilePath({ h: 8, l: 0, n: 0, w: 256 })).toBe('tile/8/0/000');
    expect(tilePath({ h: 8, l: -1, n: 1000, w: 5 })).toBe('tile/8/data/x001/000.p/5');
    for (const p of ['tile/3/4/x001/x234/067.p/1', 'tile/8/data/x001/000.p/5', 'tile/8/2/123']) {
      expect(tilePath(parseTilePath(p))).toBe(p);
    }
  });

  it('refuses paths that are not the canonical path of a tile', () => {
    for (const p of [
      'tile/8/0/0',
      'tile/8/0/x000/123',
      'tile/8/0/1234',
      'tile/8/0/000.p/256',
      'tile/8/0/000.p/0',
      'tile/8/0/000.p/007',
      'tile/31/0/000',
      'tile/0/0/000',
      'tile/+8/0/000',
      'tile/8/-1/000',
      'tiles/8/0/000',
      'tile/8/0',
      'tile/8/0/x1/000',
    ]) {
      expect(() => parseTilePath(p), p).toThrow('malformed tile path');
    }
  });

  it('finds the tile of least width holding each stored hash', () => {
    expect(tilePath(tileForIndex(8, storedHashIndex(0, 0)))).toBe('tile/8/0/000.p/1');
    expect(tilePath(tileForIndex(8, storedHashIndex(0, 255)))).toBe('tile/8/0/000');
    expect(tilePath(tileForIndex(8, storedHashIndex(8, 0)))).toBe('tile/8/1/000.p/1');
    expect(tilePath(tileForIndex(8, storedHashIndex(0, 1234567)))).toBe('tile/8/0/x004/822.p/136');
    // A hash between tile levels lives in the lower tile, as the root of a slice of it.
    expect(tilePath(tileForIndex(8, storedHashIndex(3, 2)))).toBe('tile/8/0/000.p/24');
  });

  it('reads any stored hash back from the tile that holds it', async () => {
    const log = await buildLog(600);
    for (let x = 0; x < log.stored.length; x++) {
      const t = tileForIndex(2, x);
      expect(hashEqual(hashFromTile(t, await readTileData(t, log.read), x), log.stored[x]!)).toBe(true);
    }
  });

  it('lists the tiles to publish as a tree grows', () => {
    expect(newTiles(8, 0, 3).map(tilePath)).toEqual([
      'tile/8/0/000.p/1',
      'tile/8/0/000.p/2',
      'tile/8/0/000.p/3',
    ]);
    expect(newTiles(8, 255, 257).map(tilePath)).toEqual([
      'tile/8/0/000',
      'tile/8/0/001.p/1',
      'tile/8/1/000.p/1',
    ]);
  });
});

describe('verifyInclusion', () => {
  it('authenticates every record of trees of many sizes through tiles of height 2 and 8', async () => {
    const log = await buildLog(300);
    for (const size of [1, 2, 3, 5, 16, 17, 63, 64, 65, 255, 256, 257, 300]) {
      const tree = await log.tree(size);
      for (const height of [2, 8]) {
        const server = tileServer(log.read);
        for (let id = 0; id < size; id++) {
          await verifyInclusion(tree, id, recordHash(record(id)), server.fetchTile, height);
        }
      }
    }
  });

  it('fetches only the tiles go fetches: the right edge of the tree and the tile of the record', async () => {
    const log = await buildLog(300);
    const server = tileServer(log.read);
    await verifyInclusion(await log.tree(300), 10, recordHash(record(10)), server.fetchTile);
    expect(server.fetched).toEqual(['tile/8/1/000.p/1', 'tile/8/0/001.p/44', 'tile/8/0/000']);
  });

  it('refuses a record the signed tree does not hold', async () => {
    const log = await buildLog(40);
    const server = tileServer(log.read);
    const err = await expectTlogError(
      verifyInclusion(await log.tree(40), 7, recordHash(record(8)), server.fetchTile),
      'record-mismatch',
    );
    expect(err.message).toContain('cannot authenticate record data');
    await expectTlogError(
      verifyInclusion(await log.tree(40), 40, recordHash(record(40)), server.fetchTile),
      'invalid-input',
    );
  });

  it('refuses any tampered tile, at every byte position of every tile it reads', async () => {
    const log = await buildLog(300);
    const tree = await log.tree(300);
    // The tile of record 10 is below the tree's right edge: go 1.19's x/mod 0.7.0 does not check it (see
    // the oracle test); this client checks it against its parent.
    for (const target of ['tile/8/1/000.p/1', 'tile/8/0/001.p/44', 'tile/8/0/000']) {
      for (const at of [0, 10 * 32 + 5, 31]) {
        const server = tileServer(log.read, {
          alter: (path, data) =>
            path === target ? data.map((b, i) => (i === at % data.length ? b ^ 0x80 : b)) : data,
        });
        const err = await expectTlogError(
          verifyInclusion(tree, 10, recordHash(record(10)), server.fetchTile),
          'inconsistent-tile',
        );
        expect(err.message).toContain('downloaded inconsistent tile');
      }
    }
  });

  it('refuses tiles against a wrong root', async () => {
    const log = await buildLog(50);
    const tree = await log.tree(50);
    const wrong = { size: 50, hash: (await log.tree(49)).hash };
    await expectTlogError(
      verifyInclusion(wrong, 3, recordHash(record(3)), tileServer(log.read).fetchTile),
      'inconsistent-tile',
    );
    await verifyInclusion(tree, 3, recordHash(record(3)), tileServer(log.read).fetchTile);
  });

  it('falls back to the full tile when the partial one is gone, as go does', async () => {
    const log = await buildLog(300);
    const server = tileServer(log.read, { missing: (p) => p.includes('.p/') });
    // The tree was signed at 200 records; the server has since completed tile 000.
    await verifyInclusion(await log.tree(200), 150, recordHash(record(150)), server.fetchTile);
    expect(server.fetched).toEqual(['tile/8/0/000.p/200', 'tile/8/0/000']);
  });

  it('reports tiles of the wrong length and failed fetches', async () => {
    const log = await buildLog(20);
    const tree = await log.tree(20);
    const short = tileServer(log.read, { alter: (_p, d) => d.subarray(0, d.length - 1) });
    await expectTlogError(verifyInclusion(tree, 3, recordHash(record(3)), short.fetchTile), 'tile-size');
    const gone = tileServer(log.read, { missing: () => true });
    const err = await expectTlogError(
      verifyInclusion(tree, 3, recordHash(record(3)), gone.fetchTile),
      'tile-fetch',
    );
    expect(err.message).toBe('could not fetch tile/8/0/000.p/20: 404 Not Found: tile/8/0/000.p/20');
  });
});

describe('verifyConsistency', () => {
  it('accepts every older tree against every newer one, in either order', async () => {
    const log = await buildLog(300);
    const sizes = [0, 1, 2, 7, 8, 9, 100, 255, 256, 257, 300];
    const trees = await Promise.all(sizes.map((n) => log.tree(n)));
    for (const older of trees) {
      for (const newer of trees) await verifyConsistency(older, newer, tileServer(log.read).fetchTile);
    }
  });

  it('reports a fork, with the proof of it, when the newer tree rewrote history', async () => {
    const honest = await buildLog(300);
    const forked = await buildLog(300, (i) =>
      i === 42 ? enc.encode('example.com/evil v1.0.0 h1:forged=\n') : record(i),
    );
    const older = await honest.tree(100);
    const newer = await forked.tree(300);
    const err = await expectTlogError(
      verifyConsistency(older, newer, tileServer(forked.read).fetchTile),
      'fork',
    );
    expect(err.message).toContain('SECURITY ERROR');
    const details = err.details as { computed: string; proof: string[] };
    // The proof shows that the newer tree's first 100 records hash to `computed`, not to the older root.
    const proof = details.proof.map((h) => Uint8Array.from(Buffer.from(h, 'base64')));
    checkTree(proof, 300, newer.hash, 100, Uint8Array.from(Buffer.from(details.computed, 'base64')));
    // Records after the fork point only: the older tree of 42 records is still a prefix.
    await verifyConsistency(await honest.tree(42), newer, tileServer(forked.read).fetchTile);
  });

  it('refuses a newer tree whose tiles do not match its own root', async () => {
    const log = await buildLog(300);
    const older = await log.tree(100);
    const lying = { size: 300, hash: (await log.tree(299)).hash };
    await expectTlogError(
      verifyConsistency(older, lying, tileServer(log.read).fetchTile),
      'inconsistent-tile',
    );
  });

  it('round-trips tree notes through formatTree and parseTree', async () => {
    const log = await buildLog(5);
    const tree = await log.tree(5);
    const back = parseTree(formatTree(tree));
    expect(back.size).toBe(5);
    expect(hashEqual(back.hash, tree.hash)).toBe(true);
  });
});

describe('records', () => {
  it('parses a lookup answer into id, record text and the tree note', () => {
    const text = enc.encode('rsc.io/quote v1.5.2 h1:w5fc=\nrsc.io/quote v1.5.2/go.mod h1:LzX=\n');
    const note = enc.encode('go.sum database tree\n5\nAAAA\n\n— sum.golang.org sig\n');
    const msg = new Uint8Array([...formatRecord(1234, text), ...note]);
    const parsed = parseRecord(msg);
    expect(parsed.id).toBe(1234);
    expect(parsed.text).toEqual(text);
    expect(parsed.rest).toEqual(note);
  });

  it('refuses malformed record data', () => {
    for (const s of [
      '',
      '12',
      'x\na\n\n',
      '-1\na\n\n',
      '1\na\n',
      '1\na\x01\n\n',
      '1\n\n',
      '99999999999999999999\na\n\n',
    ]) {
      expect(() => parseRecord(enc.encode(s)), JSON.stringify(s)).toThrow('malformed record data');
    }
    expect(() => parseRecord(Uint8Array.from([0x31, 0x0a, 0xff, 0x0a, 0x0a]))).toThrow(
      'malformed record data',
    );
    expect(() => formatRecord(1, enc.encode('no newline'))).toThrow('malformed record data');
  });
});

describe('tileHashReader', () => {
  it('refuses indexes outside the tree', async () => {
    const log = await buildLog(10);
    const read = tileHashReader(await log.tree(10), tileServer(log.read).fetchTile);
    await expect(read([storedHashIndex(0, 10)])).rejects.toThrow('not in the tree');
    const hashes = await read([0, storedHashIndex(0, 9)]);
    expect(hashes.map(formatHash)).toEqual(
      [log.stored[0]!, log.stored[storedHashIndex(0, 9)]!].map(formatHash),
    );
  });
});
