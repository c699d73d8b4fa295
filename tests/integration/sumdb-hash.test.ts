import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashGoMod, hashZip } from '../../electron/services/sumdb/dirhash';
import { readModuleZip, ZipError } from '../../electron/services/sumdb/zip';
import { unescapePath, unescapeVersion } from '../../shared/go/modpath';
import { startMirror, toolchainSums, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSumdb, type Sumdb } from '../fixtures/sumdb';

const QUOTE_SUM = 'h1:3fEykkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=';

interface GoRun {
  code: number;
  stdout: string;
  stderr: string;
}

interface Download {
  Path: string;
  Version: string;
  Error?: string;
  Sum?: string;
  GoModSum?: string;
  Zip?: string;
  GoMod?: string;
}

let sandbox: Sandbox;
let mirror: Mirror;
let sumdb: Sumdb;

beforeAll(async () => {
  sandbox = await createSandbox();
  mirror = await startMirror();
  sumdb = await startSumdb();
});

afterAll(async () => {
  await sumdb?.close();
  await mirror?.close();
  await sandbox?.cleanup();
});

/**
 * Runs `go` through the fixture mirror in a fresh directory. `client` is a GOPATH that holds what go
 * remembers between runs (the module cache, and the checksum DB's last tree in pkg/sumdb); a fresh one
 * unless given.
 */
async function runGo(args: string[], env: NodeJS.ProcessEnv, client?: string): Promise<GoRun> {
  const cwd = await mkdtemp(path.join(sandbox.root, 'work-'));
  const gopath = client ?? path.join(cwd, '.gopath');
  const full: NodeJS.ProcessEnv = {
    ...sandbox.env,
    GOPROXY: mirror.url,
    GOFLAGS: '-mod=mod -modcacherw',
    GOPATH: gopath,
    GOMODCACHE: path.join(gopath, 'pkg', 'mod'),
    ...env,
  };
  delete full.GONOSUMDB;
  return new Promise((resolve) => {
    execFile('go', args, { cwd, env: full, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `go mod download -json` prints one indented object per module, back to back. */
function parseDownloads(stdout: string): Download[] {
  return stdout
    .split(/(?<=\n\})\n(?=\{)/)
    .filter((s) => s.trim() !== '')
    .map((s) => JSON.parse(s) as Download);
}

/** path@version of every module file in Go's testdata, named as the mirror names them. */
async function testdataModules(): Promise<string[]> {
  const { stdout } = await promisify(execFile)('go', ['env', 'GOROOT']);
  const names = await readdir(path.join(stdout.trim(), 'src', 'cmd', 'go', 'testdata', 'mod'));
  const targets: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.txt')).sort()) {
    const stem = name.slice(0, -'.txt'.length);
    const i = stem.lastIndexOf('_v');
    if (i < 0) continue;
    const modPath = unescapePath(stem.slice(0, i).replaceAll('_', '/'));
    const version = unescapeVersion(stem.slice(i + 1));
    if (modPath.ok && version.ok) targets.push(`${modPath.value}@${version.value}`);
  }
  return targets;
}

describe('h1 hashes against the real go command', () => {
  it('hashZip and hashGoMod equal Sum and GoModSum for every test module go downloads', async () => {
    const targets = await testdataModules();
    expect(targets.length).toBeGreaterThan(150);
    const run = await runGo(['mod', 'download', '-json', ...targets], { GOSUMDB: 'off' });
    const downloads = parseDownloads(run.stdout);
    expect(downloads).toHaveLength(targets.length);

    const ok = downloads.filter((d) => d.Error === undefined);
    expect(ok.length).toBeGreaterThan(150);
    const ours: string[] = [];
    const gos: string[] = [];
    for (const d of ok) {
      const zip = await readFile(d.Zip ?? '');
      const goMod = await readFile(d.GoMod ?? '');
      ours.push(`${d.Path}@${d.Version} ${hashZip(zip, d.Path, d.Version)} ${hashGoMod(goMod)}`);
      gos.push(`${d.Path}@${d.Version} ${d.Sum} ${d.GoModSum}`);
    }
    // Compared as one list so that a failure names every module that differs.
    expect(ours).toEqual(gos);
    expect(ours).toContain(
      `rsc.io/quote@v1.5.2 ${QUOTE_SUM} ${ok.find((d) => d.Path === 'rsc.io/quote' && d.Version === 'v1.5.2')?.GoModSum}`,
    );
  });

  it('refuses the zips go refuses for their file names', async () => {
    // Go's testdata modules whose zips go hashes but will not extract (or refuses outright).
    const refused = [
      'rsc.io/badfile2@v1.0.0',
      'rsc.io/badfile3@v1.0.0',
      'rsc.io/badfile4@v1.0.0',
      'rsc.io/badfile5@v1.0.0',
      'rsc.io/badzip@v1.0.0',
    ];
    const run = await runGo(['mod', 'download', '-json', ...refused], { GOSUMDB: 'off' });
    const downloads = parseDownloads(run.stdout);
    expect(downloads.map((d) => d.Error !== undefined)).toEqual(refused.map(() => true));
    for (const target of refused) {
      const [modPath = '', version = ''] = target.split('@');
      const res = await fetch(`${mirror.url}/${modPath}/@v/${version}.zip`);
      const zip = new Uint8Array(await res.arrayBuffer());
      let error: unknown;
      try {
        readModuleZip(zip, modPath, version);
      } catch (err) {
        error = err;
      }
      expect(error, target).toBeInstanceOf(ZipError);
      expect((error as ZipError).code, target).toBe('path');
    }
  });
});

describe('checksum database fixture', () => {
  it('serves /latest as a tree note signed by its own key', async () => {
    const res = await fetch(`${sumdb.url}/latest`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const [, hashHex = ''] = /^[^+]+\+([0-9a-f]{8})\+/.exec(sumdb.vkey) ?? [];
    expect(text).toMatch(new RegExp(`^go\\.sum database tree\\n${sumdb.records}\\n[A-Za-z0-9+/]{43}=\\n\\n`));
    const sig = new RegExp(`^— ${sumdb.name} ([A-Za-z0-9+/=]+)$`, 'm').exec(text);
    expect(sig).not.toBeNull();
    // A signature starts with the 4-byte hash of the key that made it.
    expect(
      Buffer.from(sig?.[1] ?? '', 'base64')
        .subarray(0, 4)
        .toString('hex'),
    ).toBe(hashHex);
  });

  it('looks up rsc.io/quote@v1.5.2 with the zip and go.mod hashes go computes', async () => {
    const run = await runGo(['mod', 'download', '-json', 'rsc.io/quote@v1.5.2'], { GOSUMDB: 'off' });
    const [quote] = parseDownloads(run.stdout);
    const res = await fetch(`${sumdb.url}/lookup/rsc.io/quote@v1.5.2`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toMatch(
      new RegExp(
        `^\\d+\\nrsc\\.io/quote v1\\.5\\.2 ${QUOTE_SUM.replaceAll('+', '\\+')}\\n` +
          `rsc\\.io/quote v1\\.5\\.2/go\\.mod ${(quote?.GoModSum ?? 'missing').replaceAll('+', '\\+')}\\n\\n` +
          'go\\.sum database tree\\n',
      ),
    );
    expect((await fetch(`${sumdb.url}/lookup/example.com/nope@v1.0.0`)).status).toBe(404);
  });

  it('is accepted by the real go command, which then refuses each fault', async () => {
    const env = { GOSUMDB: `${sumdb.vkey} ${sumdb.url}` };
    const download = (target: string, client?: string) => runGo(['mod', 'download', target], env, client);

    await sumdb.setFault('none');
    const honest = await download('rsc.io/quote@v1.5.2');
    expect(honest.code, honest.stderr).toBe(0);

    const failures: Record<string, string> = {};
    for (const fault of ['wrong-key', 'bad-record', 'bad-tile'] as const) {
      await sumdb.setFault(fault);
      const run = await download('rsc.io/quote@v1.5.2');
      expect(run.code, `${fault}: ${run.stderr}`).not.toBe(0);
      failures[fault] = run.stderr;
    }
    expect(failures['wrong-key']).toContain('reading tree note: note has no verifiable signatures');
    expect(failures['bad-record']).toContain('cannot authenticate record data in server response');
    expect(failures['bad-tile']).toContain('downloaded inconsistent tile');

    // A rewritten history is caught by a client that remembers the earlier tree (go keeps it in the
    // module cache), even though every note is signed by the right key.
    const client = await mkdtemp(path.join(sandbox.root, 'client-'));
    await sumdb.setFault('none');
    const before = await download('rsc.io/quote@v1.5.2', client);
    expect(before.code, before.stderr).toBe(0);
    await sumdb.setFault('fork');
    const after = await download('rsc.io/sampler@v1.3.0', client);
    await sumdb.setFault('none');
    expect(after.code, after.stderr).not.toBe(0);
    expect(after.stderr).toContain('SECURITY ERROR\ngo.sum database server misbehavior detected!');
  });

  it('seeded with the mirror’s fake go toolchains, vouches for them to the real go command', async () => {
    const options = { versions: ['go1.99.0', 'go1.98.1'], platforms: ['linux/amd64'] };
    const served = mirror.setToolchains(options);
    const seeded = await startSumdb({ records: toolchainSums(options) });
    try {
      expect(seeded.records).toBe(sumdb.records + 2);
      const targets = served.map((t) => `${t.path}@${t.version}`);
      const run = await runGo(['mod', 'download', '-json', ...targets], {
        GOSUMDB: `${seeded.vkey} ${seeded.url}`,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(parseDownloads(run.stdout).map((d) => [d.Path, d.Version, d.Sum, d.GoModSum])).toEqual(
        served.map((t) => [t.path, t.version, t.zipHash, t.modHash]),
      );
      // The modules of the txtar files are still there, and a database without the records knows no toolchain.
      expect((await fetch(`${seeded.url}/lookup/rsc.io/quote@v1.5.2`)).status).toBe(200);
      const unseeded = await runGo(['mod', 'download', targets[0]!], {
        GOSUMDB: `${sumdb.vkey} ${sumdb.url}`,
      });
      expect(unseeded.code).not.toBe(0);
      expect(unseeded.stderr).toContain(
        'lookup golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64: file does not exist',
      );
    } finally {
      mirror.setToolchains(null);
      await seeded.close();
    }
  });

  it('restarted with the same key and its records reordered, is caught rewriting history', async () => {
    const client = await mkdtemp(path.join(sandbox.root, 'client-'));
    await sumdb.setFault('none');
    const first = await runGo(
      ['mod', 'download', 'rsc.io/quote@v1.5.2'],
      { GOSUMDB: `${sumdb.vkey} ${sumdb.url}` },
      client,
    );
    expect(first.code, first.stderr).toBe(0);

    const restarted = await startSumdb({ signerKey: sumdb.signerKey, reverse: true });
    try {
      expect(restarted.vkey).toBe(sumdb.vkey);
      const env = { GOSUMDB: `${restarted.vkey} ${restarted.url}` };
      const again = await runGo(['mod', 'download', 'rsc.io/sampler@v1.3.0'], env, client);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('SECURITY ERROR\ngo.sum database server misbehavior detected!');
      // A client without that memory accepts the reordered database: the fault is only in the history.
      const fresh = await runGo(['mod', 'download', 'rsc.io/sampler@v1.3.0'], env);
      expect(fresh.code, fresh.stderr).toBe(0);
    } finally {
      await restarted.close();
    }
  });
});
