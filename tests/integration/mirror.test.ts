import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readModuleZip } from '../../electron/services/sumdb/zip';
import { startMirror, TOOLCHAIN_MODULE, toolchainSums, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

const QUOTE_SUM = 'h1:3fEykkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=';
const QUOTE_INFO = '/rsc.io/quote/@v/v1.5.2.info';

interface GoRun {
  code: number;
  stdout: string;
  stderr: string;
}

interface Download {
  Version: string;
  Error?: string;
  Sum?: string;
  GoModSum?: string;
  GoMod?: string;
}

interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  chunks: number;
}

let sandbox: Sandbox;
let mirror: Mirror;

beforeAll(async () => {
  sandbox = await createSandbox();
  mirror = await startMirror();
});

afterAll(async () => {
  await mirror?.close();
  await sandbox?.cleanup();
});

/** Runs `go` in a fresh empty directory with its own module cache, so every run really downloads. */
async function runGo(args: string[]): Promise<GoRun> {
  const cwd = await mkdtemp(path.join(sandbox.root, 'work-'));
  const env: NodeJS.ProcessEnv = {
    ...sandbox.env,
    GOPROXY: mirror.url,
    GOSUMDB: 'off',
    GOMODCACHE: path.join(cwd, '.modcache'),
  };
  delete env.GONOSUMDB;
  return new Promise((resolve) => {
    execFile('go', args, { cwd, env }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

async function download(target: string): Promise<{ run: GoRun; result: Download }> {
  const run = await runGo(['mod', 'download', '-json', target]);
  return { run, result: JSON.parse(run.stdout) as Download };
}

/** A plain request on its own connection, counting the body chunks as they arrive. */
function fetchRaw(urlPath: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${mirror.url}${urlPath}`, { agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts),
          chunks: parts.length,
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(5_000, () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
  });
}

/** The go.sum h1 hash of a go.mod file: a one-line summary `sha256hex  go.mod\n`, hashed again. */
function goModH1(data: Buffer): string {
  const sha256 = (input: Buffer | string): Buffer => createHash('sha256').update(input).digest();
  return `h1:${sha256(`${sha256(data).toString('hex')}  go.mod\n`).toString('base64')}`;
}

function logged(since: number): string[] {
  return mirror.requests.slice(since).map((r) => `${r.method} ${r.path} ${r.status}`);
}

describe('local module mirror', () => {
  it('serves rsc.io/quote@v1.5.2 to the real go command with the real h1 sum', async () => {
    mirror.clearFaults();
    const since = mirror.requests.length;
    const { run, result } = await download('rsc.io/quote@v1.5.2');
    expect(run.code, run.stderr).toBe(0);
    expect(result.Error).toBeUndefined();
    expect(result.Sum).toBe(QUOTE_SUM);
    // The go.mod hash, recomputed here from the file go stored, must be what go reports.
    const goMod = await readFile(result.GoMod ?? '');
    expect(result.GoModSum).toBe(goModH1(goMod));
    expect(logged(since)).toEqual([
      'GET /rsc.io/quote/@v/v1.5.2.info 200',
      'GET /rsc.io/quote/@v/v1.5.2.mod 200',
      'GET /rsc.io/quote/@v/v1.5.2.zip 200',
    ]);
  });

  it('answers 404 for an unknown module, and go reports it as not found', async () => {
    mirror.clearFaults();
    const since = mirror.requests.length;
    const { run, result } = await download('example.com/nope@v1.0.0');
    expect(run.code).not.toBe(0);
    expect(result.Error).toContain('404 Not Found');
    expect(result.Error).toContain('server response: not found: /example.com/nope/@v/v1.0.0.info');
    expect(logged(since)).toEqual(['GET /example.com/nope/@v/v1.0.0.info 404']);

    const list = await fetchRaw('/example.com/nope/@v/list');
    expect(list.status).toBe(404);
    expect(list.headers['content-type']).toMatch(/^text\/plain/);
    expect(list.body.toString()).toBe('not found: /example.com/nope/@v/list\n');
  });

  it('makes go fail with the status when the zip answers 500', async () => {
    mirror.setFaults({ status: 500, match: /\.zip$/ });
    const since = mirror.requests.length;
    const { run, result } = await download('rsc.io/quote@v1.5.2');
    mirror.clearFaults();
    expect(run.code).not.toBe(0);
    expect(result.Error).toContain('500 Internal Server Error');
    // Only the matching request is affected.
    expect(logged(since)).toEqual([
      'GET /rsc.io/quote/@v/v1.5.2.info 200',
      'GET /rsc.io/quote/@v/v1.5.2.mod 200',
      'GET /rsc.io/quote/@v/v1.5.2.zip 500',
    ]);
  });

  it('serves a tampered but valid zip whose h1 sum differs', async () => {
    mirror.setFaults({ tamperZip: true });
    const { run, result } = await download('rsc.io/quote@v1.5.2');
    mirror.clearFaults();
    expect(run.code, run.stderr).toBe(0);
    expect(result.Sum).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
    expect(result.Sum).not.toBe(QUOTE_SUM);

    // The untampered zip is still what is served afterwards, byte for byte the same as before.
    const first = await fetchRaw('/rsc.io/quote/@v/v1.5.2.zip');
    const again = await fetchRaw('/rsc.io/quote/@v/v1.5.2.zip');
    expect(first.headers['content-type']).toBe('application/zip');
    expect(again.body.equals(first.body)).toBe(true);
    expect((await download('rsc.io/quote@v1.5.2')).result.Sum).toBe(QUOTE_SUM);
  });

  it('lists tagged versions only and answers @latest with the highest release', async () => {
    mirror.clearFaults();
    const list = await fetchRaw('/rsc.io/quote/@v/list');
    expect(list.status).toBe(200);
    // No pseudo-versions, and no v2.0.0: that version is invalid for a path without /v2.
    expect(list.body.toString()).toBe(
      'v1.0.0\nv1.1.0\nv1.2.0\nv1.2.1\nv1.3.0\nv1.4.0\nv1.5.0\nv1.5.1\nv1.5.2\nv1.5.3-pre1\n',
    );
    expect((await fetchRaw('/rsc.io/breaker/@v/list')).body.toString()).toBe('v1.0.0\nv2.0.0+incompatible\n');

    const latest = await fetchRaw('/rsc.io/quote/@latest');
    expect(latest.status).toBe(200);
    expect(latest.headers['content-type']).toBe('application/json');
    expect(JSON.parse(latest.body.toString())).toMatchObject({ Version: 'v1.5.2' });
    expect((await fetchRaw('/example.com/nope/@latest')).status).toBe(404);
  });

  it("resolves a bare commit hash to the highest version built from it, like Go's test proxy", async () => {
    mirror.clearFaults();
    const { run, result } = await download('rsc.io/quote@fd906ed3b100');
    expect(run.code, run.stderr).toBe(0);
    expect(result.Version).toBe('v0.0.0-20180709153244-fd906ed3b100');
  });

  it('escapes upper-case module paths and versions with !', async () => {
    mirror.clearFaults();
    const since = mirror.requests.length;
    const { run, result } = await download('rsc.io/QUOTE@v1.5.3-PRE');
    expect(run.code, run.stderr).toBe(0);
    expect(result.Sum).toMatch(/^h1:/);
    expect(logged(since)).toEqual([
      'GET /rsc.io/!q!u!o!t!e/@v/v1.5.3-!p!r!e.info 200',
      'GET /rsc.io/!q!u!o!t!e/@v/v1.5.3-!p!r!e.mod 200',
      'GET /rsc.io/!q!u!o!t!e/@v/v1.5.3-!p!r!e.zip 200',
    ]);
    expect((await fetchRaw('/rsc.io/!q!u!o!t!e/@v/list')).body.toString()).toBe('v1.5.2\nv1.5.3-PRE\n');
    // Upper case is never valid in the escaped form.
    expect((await fetchRaw('/rsc.io/QUOTE/@v/list')).status).toBe(404);
  });

  it('resets the connection without answering', async () => {
    mirror.setFaults({ reset: true, match: /\.info$/ });
    const since = mirror.requests.length;
    const raw = await fetchRaw(QUOTE_INFO).then(
      () => undefined,
      (err: NodeJS.ErrnoException) => err,
    );
    const { run, result } = await download('rsc.io/quote@v1.5.2');
    mirror.clearFaults();
    expect(raw?.code).toBe('ECONNRESET');
    expect(run.code).not.toBe(0);
    expect(result.Error).toContain('connection reset by peer');
    expect(logged(since)).toEqual([`GET ${QUOTE_INFO} 0`, `GET ${QUOTE_INFO} 0`]);
  });

  it('hangs when asked to, and close() still ends the hung connections at once', async () => {
    const hanging = await startMirror();
    try {
      hanging.setFaults({ hang: true });
      const get = (timeoutMs?: number): Promise<Error> =>
        new Promise((resolve) => {
          const req = http.get(`${hanging.url}${QUOTE_INFO}`, { agent: false }, () =>
            resolve(new Error('answered')),
          );
          if (timeoutMs !== undefined) req.setTimeout(timeoutMs, () => req.destroy(new Error('timed out')));
          req.on('error', resolve);
        });
      expect((await get(300)).message).toBe('timed out');

      const pending = get();
      while (hanging.requests.length < 2) await new Promise((r) => setTimeout(r, 10));
      const started = Date.now();
      await hanging.close();
      expect(Date.now() - started).toBeLessThan(1_000);
      expect((await pending).message).toBe('socket hang up');
      expect(hanging.requests.map((r) => r.status)).toEqual([0, 0]);
    } finally {
      await hanging.close();
    }
  });

  it('delays the answer by delayMs', async () => {
    mirror.setFaults({ delayMs: 400, match: /\.info$/ });
    const started = Date.now();
    const res = await fetchRaw(QUOTE_INFO);
    const elapsed = Date.now() - started;
    const undelayed = await fetchRaw('/rsc.io/quote/@v/v1.5.2.mod');
    mirror.clearFaults();
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toMatchObject({ Version: 'v1.5.2' });
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(undelayed.status).toBe(200);
  });

  it('trickles the body in small chunks', async () => {
    mirror.clearFaults();
    const whole = await fetchRaw(QUOTE_INFO);
    mirror.setFaults({ trickle: { bytesPerChunk: 32, intervalMs: 40 } });
    const started = Date.now();
    const slow = await fetchRaw(QUOTE_INFO);
    const elapsed = Date.now() - started;
    mirror.clearFaults();
    const pieces = Math.ceil(whole.body.length / 32);
    expect(pieces).toBeGreaterThan(2);
    expect(slow.body.equals(whole.body)).toBe(true);
    // Pieces may coalesce when this process is busy; the server-side pacing cannot.
    expect(slow.chunks).toBeGreaterThan(1);
    expect(elapsed).toBeGreaterThanOrEqual((pieces - 1) * 40 - 10);

    mirror.setFaults({ trickle: { bytesPerChunk: 256, intervalMs: 5 } });
    const { run, result } = await download('rsc.io/quote@v1.5.2');
    mirror.clearFaults();
    expect(run.code, run.stderr).toBe(0);
    expect(result.Sum).toBe(QUOTE_SUM);
  });

  it('pads the body beyond oversizeBytes without declaring its length', async () => {
    mirror.setFaults({ oversizeBytes: 64 * 1024 });
    const res = await fetchRaw(QUOTE_INFO);
    mirror.clearFaults();
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(64 * 1024 + 1);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(JSON.parse(res.body.toString())).toMatchObject({ Version: 'v1.5.2' });
  });

  it('answers like a captive portal with html', async () => {
    mirror.setFaults({ html: true });
    const res = await fetchRaw(QUOTE_INFO);
    const { run, result } = await download('rsc.io/quote@v1.5.2');
    mirror.clearFaults();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body.toString()).toBe('<html>captive portal</html>');
    expect(run.code).not.toBe(0);
    expect(result.Error).toContain('invalid character');
  });
});

describe('fake go toolchains (golang.org/toolchain)', () => {
  const LIST = `/${TOOLCHAIN_MODULE}/@v/list`;

  it('are not served without the switch: 404, like any unknown module', async () => {
    mirror.setToolchains(null);
    const list = await fetchRaw(LIST);
    expect(list.status).toBe(404);
    expect(list.body.toString()).toBe(`not found: ${LIST}\n`);
    expect((await fetchRaw(`/${TOOLCHAIN_MODULE}/@v/v0.0.1-go1.99.0.linux-amd64.zip`)).status).toBe(404);
  });

  it('lists every version for every platform, with .info, .mod and a zip go can unpack and run', async () => {
    const served = mirror.setToolchains({
      versions: ['go1.99.0', 'go1.98.2'],
      platforms: ['linux/amd64', 'darwin/arm64'],
    });
    try {
      const versions = [
        'v0.0.1-go1.99.0.linux-amd64',
        'v0.0.1-go1.99.0.darwin-arm64',
        'v0.0.1-go1.98.2.linux-amd64',
        'v0.0.1-go1.98.2.darwin-arm64',
      ];
      expect(served.map((t) => t.version)).toEqual(versions);
      expect((await fetchRaw(LIST)).body.toString()).toBe(versions.map((v) => `${v}\n`).join(''));

      const version = 'v0.0.1-go1.99.0.linux-amd64';
      const at = `/${TOOLCHAIN_MODULE}/@v/${version}`;
      expect(JSON.parse((await fetchRaw(`${at}.info`)).body.toString())).toMatchObject({ Version: version });
      expect((await fetchRaw(`${at}.mod`)).body.toString()).toBe('module golang.org/toolchain\n');
      const zip = await fetchRaw(`${at}.zip`);
      expect(zip.headers['content-type']).toBe('application/zip');
      const files = new Map(
        readModuleZip(zip.body, TOOLCHAIN_MODULE, version).map((e) => [
          e.name.slice(`${TOOLCHAIN_MODULE}@${version}/`.length),
          Buffer.from(e.data).toString(),
        ]),
      );
      expect([...files.keys()].sort()).toEqual([
        'VERSION',
        'bin/go',
        'bin/gofmt',
        'go.mod',
        'lib/time/README',
        'pkg/tool/linux_amd64/README',
      ]);
      expect(files.get('go.mod')).toBe('module golang.org/toolchain\n');
      expect(files.get('VERSION')!.split('\n')[0]).toBe('go1.99.0');

      const goScript = path.join(await mkdtemp(path.join(sandbox.root, 'toolchain-')), 'go');
      await writeFile(goScript, files.get('bin/go')!);
      await chmod(goScript, 0o755);
      const run = (args: string[]) =>
        new Promise<string>((resolve, reject) =>
          execFile(goScript, args, (err, stdout) => (err ? reject(err) : resolve(stdout))),
        );
      expect(await run(['version'])).toBe('go version go1.99.0 linux/amd64\n');
      expect(await run(['build', './...'])).toBe(
        'fake go1.99.0 toolchain (linux/amd64) from the test mirror: go build ./...\n',
      );

      expect((await fetchRaw(`/${TOOLCHAIN_MODULE}/@v/v0.0.1-go1.97.0.linux-amd64.zip`)).status).toBe(404);
    } finally {
      mirror.setToolchains(null);
    }
    expect((await fetchRaw(LIST)).status).toBe(404);
  });

  it('gives the go.sum hashes the real go command computes for the toolchains it downloads', async () => {
    const options = { versions: ['go1.99.0'], platforms: ['linux/amd64', 'windows/arm64'] };
    mirror.setToolchains(options);
    try {
      const sums = toolchainSums(options);
      for (const sum of sums) {
        // go 1.19 knows no toolchain switch: golang.org/toolchain is a module like any other to it.
        const { run, result } = await download(`${sum.path}@${sum.version}`);
        expect(run.code, run.stderr).toBe(0);
        expect({
          path: TOOLCHAIN_MODULE,
          version: result.Version,
          zipHash: result.Sum,
          modHash: result.GoModSum,
        }).toEqual(sum);
      }
    } finally {
      mirror.setToolchains(null);
    }
  });

  it('can be switched on from the start, and the tamperZip fault changes their zips too', async () => {
    const own = await startMirror({ toolchains: {} });
    try {
      const [sum] = toolchainSums();
      const url = `${own.url}/${TOOLCHAIN_MODULE}/@v/${sum!.version}.zip`;
      const honest = Buffer.from(await (await fetch(url)).arrayBuffer());
      own.setFaults({ tamperZip: true });
      const tampered = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect(readModuleZip(tampered, TOOLCHAIN_MODULE, sum!.version)).toHaveLength(6);
      expect(tampered.equals(honest)).toBe(false);
    } finally {
      await own.close();
    }
  });
});
