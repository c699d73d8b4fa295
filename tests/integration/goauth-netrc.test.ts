import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import https from 'node:https';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import { readAuthReport } from '../../electron/services/goenv/credentials';
import { createNodeHost } from '../../electron/services/host';
import type { AuthFacts } from '../../shared/go/goauth';
import { parseNetrc } from '../../shared/go/netrc';
import { GO_CACHE, goMatrix, goUnderTest, withGo, type GoUnderTest } from '../fixtures/go-versions';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { createTestPki, type TestPki } from '../fixtures/tls-peers';

/**
 * GOAUTH and .netrc against the real go of each version: go's verdict on GOAUTH values (it reads
 * GOAUTH before its first https request, so `go mod download` through an https GOPROXY that refuses
 * connections shows the error or goes on to "connection refused"), and which credentials go sends to a
 * loopback mirror that records the Authorization header, for .netrc files, GOAUTH values and GOPROXY
 * URLs, compared with what readAuthReport predicts.
 *
 * Runs as whatever user runs the tests (root on the development machines): nothing here depends on file
 * permissions. The port-443 case needs to bind 127.0.0.1:443 and reports itself skipped where it cannot.
 */

/** What each go knows (shared/go/versions.ts goFacts has the first three; goauthPathPrefixes is 1.25+). */
const FACTS: Record<string, AuthFacts> = {
  '1.19': { goauth: false, netrcHostPort: false, windowsUnderscoreNetrc: false },
  '1.21': { goauth: false, netrcHostPort: true, windowsUnderscoreNetrc: false },
  '1.22': { goauth: false, netrcHostPort: true, windowsUnderscoreNetrc: false },
  '1.23': { goauth: false, netrcHostPort: true, windowsUnderscoreNetrc: false },
  '1.24': { goauth: true, netrcHostPort: true, windowsUnderscoreNetrc: true },
  '1.25': { goauth: true, netrcHostPort: true, windowsUnderscoreNetrc: true, goauthPathPrefixes: true },
  '1.26': { goauth: true, netrcHostPort: true, windowsUnderscoreNetrc: true, goauthPathPrefixes: true },
  '1.27': { goauth: true, netrcHostPort: true, windowsUnderscoreNetrc: true, goauthPathPrefixes: true },
};
const VERSIONS = Object.keys(FACTS);

/** The go of that version, or the reason it is not there (the caller skips with it). */
function goOf(version: string): GoUnderTest | string {
  if (!goMatrix().includes(version)) {
    return `go ${version} is not installed (or not in GOPROXY_DESK_GO_VERSIONS): run scripts/fetch-go.sh "${GO_CACHE}" ${version}`;
  }
  return goUnderTest(version);
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox.cleanup());

interface GoRun {
  code: number | null;
  stderr: string;
}

function runGo(go: GoUnderTest, args: string[], env: NodeJS.ProcessEnv): Promise<GoRun> {
  return new Promise((resolve) => {
    execFile(go.bin, args, { env, cwd: sandbox.root, timeout: 30_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr });
    });
  });
}

/** A sandbox environment for one go run: no NETRC, no CA or proxy from the parent, no checksum DB. */
function baseEnv(go: GoUnderTest, home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = withGo({ ...sandbox.env, HOME: home, USERPROFILE: home }, go);
  for (const key of ['NETRC', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GOAUTH']) delete env[key];
  Object.assign(env, { GOSUMDB: 'off', GONOSUMDB: '', GOPRIVATE: '', GONOPROXY: '', GOINSECURE: '' }, extra);
  for (const [key, value] of Object.entries(extra)) if (value === undefined) delete env[key];
  return env;
}

const hostOf = (env: NodeJS.ProcessEnv) => createNodeHost({ env, homedir: env.HOME! });

describe('GOAUTH: go reads it as parseGoAuth does', () => {
  const cases = async (): Promise<string[]> => {
    const dir = path.join(sandbox.root, 'gitdir');
    const file = path.join(sandbox.root, 'gitfile');
    await mkdir(dir, { recursive: true });
    await writeFile(file, '');
    const missing = path.join(sandbox.root, 'missing');
    return [
      // Accepted. (`true` is a command go runs and reads nothing from.)
      '',
      'netrc',
      ' netrc ',
      'netrc extra',
      'off',
      'off foo',
      `git ${dir}`,
      `netrc;git ${dir}`,
      'true',
      'true; netrc',
      // Rejected.
      'netrc;',
      ';',
      ' ',
      '\t',
      'netrc;\u3000',
      'netrc;;netrc',
      'off;netrc',
      'off; netrc',
      'netrc;off',
      'git',
      'git rel',
      `git ${dir} extra`,
      `git ${missing}`,
      `git ${file}`,
      'git rel;off',
      'off;git rel',
      `git ${missing};git rel`,
      `git rel;git ${missing}`,
    ];
  };

  for (const version of VERSIONS) {
    it(`go ${version}: the same verdict and message for every value`, async (ctx) => {
      const go = goOf(version);
      if (typeof go === 'string') return ctx.skip(go);
      const verdicts: Array<{ value: string; go: string | null; ours: string | null }> = [];
      for (const value of await cases()) {
        const env = baseEnv(go, sandbox.home, { GOAUTH: value, GOPROXY: 'https://127.0.0.1:1' });
        const run = await runGo(go, ['mod', 'download', 'example.com/nope@v1.0.0'], env);
        expect(run.code, run.stderr).toBe(1);
        const goError = run.stderr.includes('GOAUTH') ? run.stderr.trimEnd() : null;
        if (goError === null) expect(run.stderr).toContain('connection refused');
        const report = await readAuthReport(hostOf(env), {
          go: { path: go.bin, version: `go${version}` },
          facts: FACTS[version]!,
          goproxy: 'https://127.0.0.1:1',
          goauth: value,
          hosts: [],
        });
        verdicts.push({ value, go: goError, ours: report.goauth.error ?? null });
      }
      expect(verdicts.filter((v) => v.go !== v.ours)).toEqual([]);
      // Not vacuous: go 1.24+ rejected most of the second half, older go nothing.
      const rejected = verdicts.filter((v) => v.go !== null).length;
      expect(rejected).toBe(FACTS[version]!.goauth ? 18 : 0);
    });
  }
});

interface Recorder {
  port: number;
  url: string;
  /** The Authorization header of each request since the last reset ('' when none). */
  seen: string[];
  close(): Promise<void>;
}

/** A mirror that knows no module: 404 to everything, after noting the Authorization header. */
async function startRecorder(options: { tls?: TestPki; port?: number }): Promise<Recorder> {
  const seen: string[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    seen.push(req.headers.authorization ?? '');
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.good.key, cert: options.tls.good.cert }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Scenario {
  name: string;
  /** .netrc in HOME; {PORT} is the mirror's port. */
  netrc: string;
  goauth?: string;
  /** user:password to put in the GOPROXY URL. */
  userinfo?: string;
  /** A second file, named by NETRC. */
  netrcEnv?: string;
  http?: boolean;
  /** GOPROXY as written, when it is not the mirror's own URL (e.g. no port, or :443). */
  goproxy?: (mirror: Recorder) => string;
}

const BOTH =
  'machine 127.0.0.1 login hostonly password p1\nmachine 127.0.0.1:{PORT} login withport password p2\n';

const SCENARIOS: Scenario[] = [
  { name: 'machine host', netrc: 'machine 127.0.0.1 login hostonly password p1\n' },
  { name: 'machine host:port', netrc: 'machine 127.0.0.1:{PORT} login withport password p2\n' },
  { name: 'host, then host:port', netrc: BOTH },
  {
    name: 'host:port, then host',
    netrc:
      'machine 127.0.0.1:{PORT} login withport password p2\nmachine 127.0.0.1 login hostonly password p1\n',
  },
  { name: 'another port', netrc: 'machine 127.0.0.1:1 login otherport password p3\n' },
  { name: 'a machine with https://', netrc: 'machine https://127.0.0.1:{PORT} login prefixed password p4\n' },
  {
    name: 'two entries for one machine',
    netrc: BOTH + BOTH.replace(/p(\d)/g, 'q$1').replace(/only|port/g, 'x'),
  },
  {
    name: 'a macdef body',
    netrc:
      'macdef init\nmachine 127.0.0.1:{PORT} login inmacro password m\nmachine 127.0.0.1 login inmacro password m\n\n' +
      'machine 127.0.0.1:{PORT} login aftermacro password a\nmachine 127.0.0.1 login aftermacro password a\n',
  },
  { name: 'a lone default', netrc: `default\n${BOTH}` },
  { name: 'default with credentials', netrc: `default login d password d\n${BOTH}` },
  { name: 'no password', netrc: 'machine 127.0.0.1:{PORT} login nopass\nmachine 127.0.0.1 login nopass\n' },
  { name: '# is not a comment', netrc: BOTH.replace(/^/gm, '# ').replace(/^# $/m, '') },
  { name: 'CRLF', netrc: BOTH.replaceAll('\n', '\r\n') },
  { name: 'GOAUTH=off', netrc: BOTH, goauth: 'off' },
  { name: 'GOAUTH without netrc', netrc: BOTH, goauth: 'true' },
  { name: 'GOAUTH command; netrc', netrc: BOTH, goauth: 'true;netrc' },
  { name: 'user info in GOPROXY and .netrc', netrc: BOTH, userinfo: 'urluser:urlpass' },
  { name: 'user info in GOPROXY only', netrc: '', userinfo: 'urluser:urlpass' },
  {
    name: 'NETRC names another file',
    netrc: BOTH,
    netrcEnv: BOTH.replace(/hostonly|withport/g, 'fromenv').replace(/p(\d)/g, 'e$1'),
  },
  { name: 'plain http mirror', netrc: BOTH, http: true },
  {
    name: 'a machine with the base path',
    netrc: 'machine 127.0.0.1:{PORT}/base login scoped password s\n',
    goproxy: (m) => `${m.url}/base`,
  },
];

describe('.netrc: the credentials go sends are the ones credentialFor predicts', () => {
  let pki: TestPki;
  let tlsMirror: Recorder;
  let plainMirror: Recorder;
  beforeAll(async () => {
    const dir = path.join(sandbox.root, 'pki');
    await mkdir(dir, { recursive: true });
    pki = await createTestPki(dir);
    tlsMirror = await startRecorder({ tls: pki });
    plainMirror = await startRecorder({});
  });
  afterAll(async () => {
    await tlsMirror?.close();
    await plainMirror?.close();
  });

  let homes = 0;
  /** Runs go once for the scenario; the header go sent (null for none) and the one we predict. */
  const compare = async (go: GoUnderTest, version: string, s: Scenario, mirror: Recorder) => {
    const home = path.join(sandbox.root, `home-${version}-${++homes}`);
    await mkdir(home, { recursive: true });
    const fill = (text: string) => text.replaceAll('{PORT}', String(mirror.port));
    await writeFile(path.join(home, '.netrc'), fill(s.netrc), { mode: 0o600 });
    const extra: NodeJS.ProcessEnv = { SSL_CERT_FILE: pki.caFile };
    if (s.netrcEnv !== undefined) {
      extra.NETRC = path.join(home, 'other-netrc');
      await writeFile(extra.NETRC, fill(s.netrcEnv), { mode: 0o600 });
    }
    if (s.goauth !== undefined) extra.GOAUTH = s.goauth;
    const base = s.goproxy ? s.goproxy(mirror) : mirror.url;
    const goproxy = s.userinfo ? base.replace('://', `://${s.userinfo}@`) : base;
    const env = baseEnv(go, home, { ...extra, GOPROXY: goproxy });

    mirror.seen.length = 0;
    const run = await runGo(go, ['mod', 'download', 'example.com/nope@v1.0.0'], env);
    const sent = [...new Set(mirror.seen)];
    // go asked the mirror at least once, and the same way each time (1.24+ asks again after a 4xx).
    expect(sent.length, `${s.name}: ${run.stderr}`).toBe(1);

    const report = await readAuthReport(hostOf(env), {
      go: { path: go.bin, version: `go${version}` },
      facts: FACTS[version]!,
      goproxy,
      goauth: s.goauth ?? '',
      hosts: [],
    });
    const m = report.mirrors[0]!;
    let predicted = '';
    if (m.source === 'url') predicted = basic(...(s.userinfo!.split(':') as [string, string]));
    else if (m.login !== undefined) {
      // The password is not in the report: take it from the entry on the reported line.
      const text = fill(s.netrcEnv ?? s.netrc);
      const entry = parseNetrc(text).find((l) => l.line === m.line && l.login === m.login)!;
      predicted = basic(entry.login, entry.password);
    }
    return { scenario: s.name, go: sent[0]!, ours: predicted, source: m.source };
  };

  for (const version of VERSIONS) {
    it(`go ${version}: every scenario`, async (ctx) => {
      const go = goOf(version);
      if (typeof go === 'string') return ctx.skip(go);
      const results = [];
      for (const s of SCENARIOS)
        results.push(await compare(go, version, s, s.http ? plainMirror : tlsMirror));
      expect(results.filter((r) => r.go !== r.ours)).toEqual([]);
      // Not vacuous: credentials were sent in several scenarios, from .netrc and from the URL.
      expect(results.filter((r) => r.go !== '').length).toBeGreaterThan(5);
      expect(results.some((r) => r.source === 'url' && r.go !== '')).toBe(true);
    });
  }

  it('on the default port: a URL without a port needs `machine host`, one with :443 `machine host:443` from 1.21', async (ctx) => {
    const mirror = await startRecorder({ tls: pki, port: 443 }).catch((e: Error) => e);
    if (mirror instanceof Error) return ctx.skip(`cannot listen on 127.0.0.1:443: ${mirror.message}`);
    try {
      const cases: Scenario[] = [
        {
          name: 'no port, machine host',
          netrc: 'machine 127.0.0.1 login h password p\n',
          goproxy: () => 'https://127.0.0.1',
        },
        {
          name: ':443, machine host',
          netrc: 'machine 127.0.0.1 login h password p\n',
          goproxy: () => 'https://127.0.0.1:443',
        },
        {
          name: ':443, machine host:443',
          netrc: 'machine 127.0.0.1:443 login hp password p\n',
          goproxy: () => 'https://127.0.0.1:443',
        },
        {
          name: 'no port, machine host:443',
          netrc: 'machine 127.0.0.1:443 login hp password p\n',
          goproxy: () => 'https://127.0.0.1',
        },
      ];
      const results = [];
      const ran: string[] = [];
      for (const version of VERSIONS) {
        const go = goOf(version);
        if (typeof go === 'string') continue;
        ran.push(version);
        for (const s of cases) results.push({ version, ...(await compare(go, version, s, mirror)) });
      }
      if (ran.length === 0) return ctx.skip(`none of go ${VERSIONS.join(', ')} is installed`);
      expect(results.filter((r) => r.go !== r.ours)).toEqual([]);
      // The difference itself: go 1.19 sends `machine host` to :443, later versions do not.
      const sentOn443 = results.filter((r) => r.scenario === ':443, machine host' && r.go !== '');
      expect(sentOn443.map((r) => r.version)).toEqual(ran.filter((v) => v === '1.19'));
    } finally {
      await mirror.close();
    }
  });
});

describe('goproxy-desk auth', () => {
  it('reports where go 1.27 gets credentials, and the missing port, without passwords', async (ctx) => {
    const go = goOf('1.27');
    if (typeof go === 'string') return ctx.skip(go);
    const home = path.join(sandbox.root, 'home-cli');
    await mkdir(home, { recursive: true });
    await writeFile(
      path.join(home, '.netrc'),
      'machine goproxy.corp.example login alice password s3cret\nmachine git.corp.example login bob password hunter2\n',
      { mode: 0o644 },
    );
    const env = baseEnv(go, home, {
      GOPROXY: 'https://goproxy.corp.example:8443,https://ci:tok3n@mirror.example,direct',
      GOPRIVATE: '*.corp.example',
    });
    let stdout = '';
    let stderr = '';
    const code = await runCli(['auth', '--json'], hostOf(env), {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const secret of ['s3cret', 'hunter2', 'tok3n']) expect(stdout).not.toContain(secret);
    const report = JSON.parse(stdout);
    expect(report.go.version).toMatch(/^go1\.27/);
    expect(report.goauth).toMatchObject({ value: 'netrc', supported: true, commands: [{ kind: 'netrc' }] });
    expect(report.netrc).toMatchObject({
      path: path.join(home, '.netrc'),
      exists: true,
      mode: '0644',
      entries: 2,
    });
    expect(report.mirrors).toMatchObject([
      {
        url: 'https://goproxy.corp.example:8443',
        source: 'none',
        warnings: [
          {
            code: 'netrc-port-missing',
            message: expect.stringContaining('Add `machine goproxy.corp.example:8443`'),
          },
        ],
      },
      { url: 'https://ci:xxxxx@mirror.example', source: 'url', login: 'ci', warnings: [] },
    ]);
    expect(report.hosts).toMatchObject([
      { host: 'goproxy.corp.example', pattern: '*.corp.example', source: 'netrc', login: 'alice', line: 1 },
      { host: 'git.corp.example', pattern: '*.corp.example', source: 'netrc', login: 'bob', line: 2 },
    ]);
    expect(report.warnings.map((w: { code: string }) => w.code)).toEqual(['netrc-permissions']);
  });

  it('exits 1 with go 1.24+ on a GOAUTH go would stop on, and shows go message', async (ctx) => {
    const go = goOf('1.27');
    if (typeof go === 'string') return ctx.skip(go);
    const env = baseEnv(go, sandbox.home, { GOAUTH: 'off;netrc', GOPROXY: 'https://goproxy.cn' });
    let stdout = '';
    const code = await runCli(['auth', '--lang', 'en'], hostOf(env), {
      stdout: (s) => (stdout += s),
      stderr: () => undefined,
    });
    expect(code).toBe(1);
    expect(stdout).toContain(
      'go stops at its first https download: go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)',
    );
  });
});
