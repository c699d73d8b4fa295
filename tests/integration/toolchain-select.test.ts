import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolchainReport } from '../../shared/contract';
import { goUnderTest, goVersions, reportMissingGo, withGo } from '../fixtures/go-versions';
import { startMirror, toolchainSums, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSumdb, type Sumdb } from '../fixtures/sumdb';
import { runBuiltCli } from '../harness/cli';

/**
 * `goproxy-desk toolchain` against the real go 1.21+ of the matrix: for each GOTOOLCHAIN and each
 * go.mod, the toolchain go runs (`go version` of the fake go1.99.0 served by the fixture mirror and
 * vouched for by the fixture checksum DB), the one it tries to download, or the error it stops with.
 * (Run `npm run build` first.)
 */

const SERVED = {
  versions: ['go1.99.0'],
  platforms: [`linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`],
};

let sandbox: Sandbox;
let mirror: Mirror;
let sumdb: Sumdb;
beforeAll(async () => {
  sandbox = await createSandbox();
  mirror = await startMirror({ toolchains: SERVED });
  sumdb = await startSumdb({ records: toolchainSums(SERVED) });
});
afterAll(async () => {
  await mirror?.close();
  await sumdb?.close();
  await sandbox?.cleanup();
});

const GOTOOLCHAINS = [
  'auto',
  'local',
  'path',
  'go1.99.0',
  'go1.99.0+auto',
  'local+auto',
  'bogus',
  'go1.2.3+foo',
  '',
];
const GO_MODS: Record<string, string | null> = {
  none: null,
  old: 'module example.com/m\n\ngo 1.20\n',
  new: 'module example.com/m\n\ngo 1.99.0\n',
  'toolchain-line': 'module example.com/m\n\ngo 1.21\n\ntoolchain go1.99.0\n',
  'toolchain-default': 'module example.com/m\n\ngo 1.21\n\ntoolchain default\n',
  'bad-toolchain': 'module example.com/m\n\ngo 1.21\n\ntoolchain 1.99\n',
  language: 'module example.com/m\n\ngo 1.98 // a language version\n',
};

function run(args: string[], env: NodeJS.ProcessEnv, dir: string) {
  return new Promise<{ ok: boolean; stdout: string; last: string }>((resolve) => {
    execFile('go', args, { env, cwd: dir, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ ok: !error, stdout, last: stderr.trim().split('\n').at(-1) ?? '' }),
    );
  });
}

/**
 * What go does in `dir`: the version it runs (`go version`), the toolchain it failed to download, or its
 * error; when it runs itself, `go list -m` loads the module and says whether go.mod is too new for it.
 */
async function goOutcome(env: NodeJS.ProcessEnv, dir: string, hasGoMod: boolean): Promise<string> {
  const version = await run(['version'], env, dir);
  if (!version.ok) {
    const download = /^go: download (\S+) for \S+: toolchain not available$/.exec(version.last);
    return download ? `downloads ${download[1]}` : `fails ${version.last}`;
  }
  const ran = /go version (\S+)/.exec(version.stdout)?.[1] ?? version.stdout;
  if (hasGoMod && !ran.startsWith('go1.99')) {
    const list = await run(['list', '-m'], env, dir);
    if (!list.ok && list.last.includes('requires go >=')) return `fails ${list.last}`;
  }
  return `runs ${ran}`;
}

function ourOutcome(report: ToolchainReport): string {
  if (report.error !== undefined && !report.switches) return `fails ${report.error}`;
  if (report.error !== undefined && /toolchain not available|language version/.test(report.error))
    return /language version/.test(report.error) ? `fails ${report.error}` : `downloads ${report.run}`;
  if (report.error !== undefined) return `fails ${report.error}`;
  if (!report.switches) return `runs ${report.go?.version}`;
  // A switch to a toolchain the mirror serves runs it; any other is "not available" there.
  return SERVED.versions.includes(report.run!) ? `runs ${report.run}` : `downloads ${report.run}`;
}

reportMissingGo(it, '1.21');

describe.each(goVersions('1.21'))('toolchain selection with go %s', (version) => {
  it(
    'agrees with go on which toolchain runs, what it downloads, or why it stops',
    { timeout: 240_000 },
    async () => {
      const go = goUnderTest(version);
      const mismatches: string[] = [];
      let switched = 0;
      for (const [name, gomod] of Object.entries(GO_MODS)) {
        const dir = path.join(sandbox.root, `v${version}`, name);
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true });
        if (gomod !== null) await writeFile(path.join(dir, 'go.mod'), gomod);
        for (const gotoolchain of GOTOOLCHAINS) {
          const env = withGo(sandbox.env, go);
          Object.assign(env, {
            GOPROXY: mirror.url,
            GOSUMDB: `${sumdb.vkey} ${sumdb.url}`,
            // Each case downloads afresh: a cached toolchain would hide the download.
            GOMODCACHE: path.join(dir, `modcache-${gotoolchain || 'empty'}`),
            GOFLAGS: '-modcacherw',
          });
          delete env.GOTOOLCHAIN;
          // The user's GOTOOLCHAIN from the env file, where an empty line means what it means to go.
          const goenv = path.join(dir, `env-${gotoolchain || 'empty'}`);
          await writeFile(goenv, `GOTOOLCHAIN=${gotoolchain}\n`);
          env.GOENV = goenv;
          const fromGo = await goOutcome(env, dir, gomod !== null);
          const run = await runBuiltCli(['toolchain', '--json'], env, { cwd: dir });
          const ours = ourOutcome(JSON.parse(run.stdout) as ToolchainReport);
          if (fromGo.startsWith('runs go1.99')) switched++;
          if (ours !== fromGo)
            mismatches.push(`${name} GOTOOLCHAIN=${gotoolchain}: go ${fromGo} | ours ${ours}`);
        }
      }
      expect(mismatches).toEqual([]);
      // The fake toolchain really ran: the switch (download, checksum DB, unzip) happened for real.
      expect(switched).toBeGreaterThan(3);
    },
  );
});
