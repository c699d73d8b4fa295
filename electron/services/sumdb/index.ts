import path from 'node:path';
import { z } from 'zod';
import type { SumdbVerifyRequest, SumdbVerifyResult } from '../../../shared/contract';
import { httpMirrors } from '../../../shared/go/goproxy';
import { parseGoSumDb } from '../../../shared/go/gosumdb';
import { escapePath, escapeVersion, splitPathVersion } from '../../../shared/go/modpath';
import { AppError } from '../../dispatch';
import { createProxyFetcher, type GoEnvService } from '../goenv';
import type { Host } from '../host';
import { JsonFile } from '../store';
import { hashGoMod, hashZip } from './dirhash';
import { decodeBase64, encodeBase64, openNote, parseTree, parseVerifierKey, type Tree } from './note';
import { parseRecord, recordHash, verifyConsistency, verifyInclusion } from './tlog';
import { withoutTrailingSlashes } from '../../../shared/text';

/**
 * Proving that a mirror serves the same bits as the checksum database (DESIGN §5 `verify`): download
 * the .mod and .zip from the mirror, hash them as go does (h1), look the version up in the database,
 * check the signed tree note with the database's key, prove the record is in that tree, and prove the
 * tree is consistent with the last one we saw of that database (a fork is a security error). The
 * database is asked through the mirror's `/sumdb/<name>/` when the mirror proxies it (how go reaches
 * sum.golang.org from mainland China), directly otherwise.
 */
export interface SumdbService {
  verify(request: SumdbVerifyRequest): Promise<SumdbVerifyResult>;
}

export const TREES_FILE = 'sumdb-trees.json';
const MAX_ZIP_BYTES = 500 * 1024 * 1024;
const MAX_SMALL_BYTES = 16 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_CACHED_TILES = 4096;

const treesSchema = z.object({
  version: z.literal(1),
  trees: z.record(
    z.string(),
    z.object({ size: z.number().int().nonnegative(), hash: z.string(), at: z.string() }),
  ),
});
type TreesDocument = z.infer<typeof treesSchema>;

class VerifyError extends Error {}

export function createSumdbService(host: Host, deps: { goenv: GoEnvService }): SumdbService {
  const trees = new JsonFile<TreesDocument>(path.join(host.dataDir, TREES_FILE), treesSchema, () => ({
    version: 1,
    trees: {},
  }));
  // Tiles never change once full; partial ones are named by their width. Kept for the process's life.
  const tileCache = new Map<string, Uint8Array>();
  const fetchers = new Map<number, ReturnType<typeof createProxyFetcher>>();

  return {
    async verify(request) {
      const { path: modPath, version } = splitPathVersion(request.module);
      if (version === undefined || version === '') {
        throw new AppError(
          'invalid-input',
          `"${request.module}" is not PATH@VERSION (for example rsc.io/quote@v1.5.2)`,
        );
      }
      const escPath = escapePath(modPath);
      if (!escPath.ok) throw new AppError('invalid-input', `"${request.module}": ${escPath.error}`);
      const escVersion = escapeVersion(version);
      if (!escVersion.ok) throw new AppError('invalid-input', `"${request.module}": ${escVersion.error}`);

      // go's settings only when the request leaves something to them (asking go costs a process).
      const env = request.mirror && request.sumdb ? null : await deps.goenv.read();
      // The first http(s) entry of GOPROXY; proxy.golang.org when there is none.
      const mirror =
        request.mirror ?? httpMirrors(env?.vars.GOPROXY?.value ?? '')[0] ?? 'https://proxy.golang.org';
      if (!/^https?:\/\/[^\s]+$/.test(mirror)) {
        throw new AppError('invalid-input', `--mirror must be an http:// or https:// URL, got "${mirror}"`);
      }
      const base = withoutTrailingSlashes(mirror);
      const db = sumdbConfig(request.sumdb ?? env?.vars.GOSUMDB?.value ?? 'sum.golang.org');
      const verifier = (() => {
        try {
          return parseVerifierKey(db.key);
        } catch (error) {
          throw new AppError('invalid-input', `checksum database key: ${(error as Error).message}`);
        }
      })();

      const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      // One client per timeout for the service's life: connections to the mirror and the database are reused.
      let fetcher = fetchers.get(timeoutMs);
      if (!fetcher)
        fetchers.set(timeoutMs, (fetcher = createProxyFetcher({ timeoutMs, proxyEnv: host.env })));
      const fetch = fetcher;
      const get = async (url: string, maxBytes: number): Promise<Uint8Array> => {
        const result = await fetch(url, { maxBytes });
        if (result.kind === 'missing') throw new VerifyError(`${url}: not found`);
        if (result.kind !== 'response') throw new VerifyError(`${url}: ${result.message}`);
        if (result.status !== 200) throw new VerifyError(`${url}: ${result.status} ${result.statusText}`);
        if (result.body.length > maxBytes) throw new VerifyError(`${url}: larger than ${maxBytes} bytes`);
        return result.body;
      };

      const result: SumdbVerifyResult = {
        module: modPath,
        version,
        mirror: base,
        mod: { h1: null, expected: null, ok: false },
        zip: { h1: null, expected: null, ok: false },
        sumdb: { name: db.name, url: db.url, via: 'direct', treeSize: null, verified: false },
      };
      try {
        const prefix = `${base}/${escPath.value}/@v/${escVersion.value}`;
        const [mod, zip] = await Promise.all([
          get(`${prefix}.mod`, MAX_SMALL_BYTES),
          get(`${prefix}.zip`, MAX_ZIP_BYTES),
        ]);
        result.mod.h1 = hashGoMod(mod);
        try {
          result.zip.h1 = hashZip(zip, modPath, version);
        } catch (error) {
          throw new VerifyError(
            `the zip from the mirror is not a valid module zip: ${(error as Error).message}`,
          );
        }

        // go's order: a proxy that says it serves the database first, the database itself after.
        let dbBase = db.url;
        if (!db.urlExplicit) {
          const supported = await fetch(`${base}/sumdb/${db.name}/supported`, { maxBytes: 1024 });
          if (supported.kind === 'response' && supported.status === 200) {
            dbBase = `${base}/sumdb/${db.name}`;
            result.sumdb.via = 'mirror';
          }
        }
        result.sumdb.url = dbBase;
        const lookup = await get(`${dbBase}/lookup/${escPath.value}@${escVersion.value}`, MAX_SMALL_BYTES);
        const record = parseRecord(lookup);
        const note = openNote(record.rest, [verifier]);
        const tree = parseTree(note.text);
        result.sumdb.treeSize = tree.size;
        const fetchTile = async (tilePath: string): Promise<Uint8Array> => {
          const key = `${db.name} ${tilePath}`;
          const cached = tileCache.get(key);
          if (cached) return cached;
          const data = await get(`${dbBase}/${tilePath}`, MAX_SMALL_BYTES);
          // Bounded: a few tiles per module; an app running for months must not grow without end.
          if (tileCache.size >= MAX_CACHED_TILES) tileCache.clear();
          tileCache.set(key, data);
          return data;
        };
        await verifyInclusion(tree, record.id, recordHash(record.text), fetchTile);
        await checkHistory(db.name, tree, fetchTile);
        result.sumdb.verified = true;

        const lines = new TextDecoder().decode(record.text).split('\n');
        const hashOf = (suffix: string) =>
          lines.find((l) => l.startsWith(`${modPath} ${version}${suffix} `))?.split(' ')[2] ?? null;
        result.zip.expected = hashOf('');
        result.mod.expected = hashOf('/go.mod');
        result.zip.ok = result.zip.expected !== null && result.zip.expected === result.zip.h1;
        result.mod.ok = result.mod.expected !== null && result.mod.expected === result.mod.h1;
        if (!result.zip.ok || !result.mod.ok) {
          const bad = [!result.zip.ok ? 'zip' : null, !result.mod.ok ? 'go.mod' : null]
            .filter(Boolean)
            .join(' and ');
          result.error = `SECURITY ERROR: the ${bad} served by ${base} for ${modPath}@${version} does not match the checksum database ${db.name}`;
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        result.error = (error as Error).message;
      }
      return result;
    },
  };

  /** The new tree must extend (or be a prefix of) the last tree we saw of this database. */
  async function checkHistory(
    name: string,
    tree: Tree,
    fetchTile: (p: string) => Promise<Uint8Array>,
  ): Promise<void> {
    const known = (await trees.read()).trees[name];
    if (known) {
      const hash = decodeBase64(known.hash);
      if (hash) await verifyConsistency({ size: known.size, hash }, tree, fetchTile);
    }
    if (!known || tree.size > known.size) {
      await trees.update((doc) => ({
        ...doc,
        trees: {
          ...doc.trees,
          [name]: { size: tree.size, hash: encodeBase64(tree.hash), at: new Date(host.now()).toISOString() },
        },
      }));
    }
  }
}

/** `--sumdb "KEY [URL]"` or GOSUMDB, read as go reads GOSUMDB. */
function sumdbConfig(value: string): { name: string; key: string; url: string; urlExplicit: boolean } {
  const parsed = parseGoSumDb(value);
  if (!parsed.ok) throw new AppError('invalid-input', `checksum database "${value}": ${parsed.error}`);
  if (parsed.value.off) {
    throw new AppError('invalid-input', 'GOSUMDB is off: name a checksum database with --sumdb "KEY [URL]"');
  }
  return parsed.value;
}
