import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBytes, toBytes } from '../../shared/go/gostrings';
import { parseUrl, urlString } from '../../shared/go/neturl';
import { proxyConfigFromEnv, proxyFunc } from '../../shared/go/noproxy';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/**
 * Differential test: shared/go/noproxy.ts against Go's own httpproxy and net/url, built from Debian's
 * golang-golang-x-net-dev (the sources at /usr/share/gocode) in GOPATH mode, on a generated set of
 * (configuration, URL) cases and on real environments.
 */

interface Case {
  http: string;
  https: string;
  no: string;
  cgi: boolean;
  url: string;
}

interface Answer {
  proxy?: string;
  error?: string;
  parseError?: string;
}

const GOCODE = '/usr/share/gocode';
let sandbox: Sandbox;
let oracle: string;
let goEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await createSandbox();
  const gopath = path.join(sandbox.root, 'gopath');
  const src = path.join(gopath, 'src', 'noproxyoracle');
  await mkdir(src, { recursive: true });
  await copyFile(path.resolve(__dirname, '../fixtures/noproxy-oracle/main.go'), path.join(src, 'main.go'));
  oracle = path.join(sandbox.root, 'noproxy-oracle');
  goEnv = { ...sandbox.env, GO111MODULE: 'off', GOPATH: `${gopath}:${GOCODE}`, GOFLAGS: '' };
  await new Promise<void>((resolve, reject) =>
    execFile('go', ['build', '-o', oracle, 'noproxyoracle'], { env: goEnv }, (error, _out, stderr) =>
      error
        ? reject(new Error(`building the oracle failed (is golang-golang-x-net-dev installed?): ${stderr}`))
        : resolve(),
    ),
  );
});

afterAll(() => sandbox?.cleanup());

function askOracle(lines: object[], args: string[] = [], env: NodeJS.ProcessEnv = goEnv): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(oracle, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`oracle exited ${code}: ${stderr}`));
      else
        resolve(
          stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Answer),
        );
    });
    child.stdin.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  });
}

function ours(cfg: Omit<Case, 'url'>, url: string): Answer {
  const parsed = parseUrl(toBytes(url));
  if (!parsed.ok) return { parseError: fromBytes(parsed.error) };
  const got = proxyFunc({ httpProxy: cfg.http, httpsProxy: cfg.https, noProxy: cfg.no, cgi: cfg.cgi })(
    parsed.value,
  );
  const answer: Answer = {};
  if (got.proxy) answer.proxy = fromBytes(urlString(got.proxy));
  if (got.error !== undefined) answer.error = got.error;
  return answer;
}

/** A small deterministic PRNG (mulberry32), so a failure names a case that can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = [
  'example.com',
  'foo.example.com',
  'EXAMPLE.com',
  'example.com.',
  'ample.com',
  'bar.foo.com',
  'corp.internal',
  'git.corp.internal',
  '10.0.0.1',
  '10.1.2.3',
  '010.0.0.1',
  '192.168.1.1',
  '1.2.3.4',
  '0.0.0.0',
  '127.0.0.1',
  '127.1',
  'localhost',
  'LOCALHOST',
  '[::1]',
  '[::2]',
  '[2001:db8::1]',
  '[::ffff:10.0.0.1]',
  '[::ffff:127.0.0.1]',
  '[fe80::1%25en0]',
  'www.示例.com',
  'xn--fsq092h.com',
  'goproxy.cn',
  'mirrors.aliyun.com',
];
const SCHEMES = ['http', 'https', 'https', 'ftp', 'HTTPS'];
const PORTS = ['', '', ':80', ':443', ':8080', ':'];
const PATHS = ['', '/', '/rsc.io/quote/@v/v1.5.2.info', '/goproxy/?x=1#f'];
const NO_PROXY = [
  'example.com',
  '.example.com',
  '*.example.com',
  'EXAMPLE.COM',
  ' foo.com ',
  '.foo.com',
  'corp.internal',
  '.internal',
  '10.0.0.0/8',
  '10.0.0.1',
  '10.0.0.1:8080',
  '192.168.0.0/16',
  '[2001:db8::1]:443',
  '2001:db8::/32',
  '::ffff:10.0.0.0/104',
  '*',
  'localhost',
  '127.0.0.1',
  ':1',
  '.',
  '*.',
  'example.com:80',
  'example.com:443',
  '[::1]',
  '示例.com',
  '0.0.0.0/0',
  '10.0.0.0/33',
  '1.2.3.4/24',
  'bogus/cidr',
  'goproxy.cn',
  '.aliyun.com',
  '',
];
const PROXIES = [
  '',
  'proxy',
  'proxy:3128',
  'http://proxy:3128',
  'https://user:pass@proxy',
  'http://us%40er:p%3Ass@proxy:8080',
  'socks5://s:1080',
  'ftp://x',
  '127.0.0.1:8080',
  'http://[::1]:3128',
  'user@proxy:1',
  '%zz',
  'http://a b',
  ':3128',
  '//proxy',
  'proxy/path?x=1#frag',
  'HTTP://Proxy:80',
  'http://proxy:80/',
  'http://[fe80::1%25eth0]:3128',
];
const BROKEN_URLS = ['http://[::1', 'http://x:8o/', 'http://a b/', '://x', 'http://%41.com/', 'http://x/%zz'];

function generate(count: number, seed: number): Case[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const entries = Array.from({ length: Math.floor(next() * 4) }, () => pick(NO_PROXY));
    const url =
      next() < 0.03 ? pick(BROKEN_URLS) : `${pick(SCHEMES)}://${pick(HOSTS)}${pick(PORTS)}${pick(PATHS)}`;
    cases.push({
      http: pick(PROXIES),
      https: pick(PROXIES),
      no: entries.join(next() < 0.5 ? ',' : ', '),
      cgi: next() < 0.15,
      url,
    });
  }
  return cases;
}

describe('shared/go/noproxy against Go (x/net httpproxy + net/url)', () => {
  it('agrees on 4000 generated (configuration, URL) cases', async () => {
    const cases = generate(4000, 20240601);
    const want = await askOracle(cases);
    expect(want).toHaveLength(cases.length);
    const mismatches = cases
      .map((c, i) => ({ case: c, want: want[i], got: ours(c, c.url) }))
      .filter((m) => JSON.stringify(m.got) !== JSON.stringify(m.want));
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The set exercises every outcome: direct, proxied, refused under CGI, unparsable URL.
    expect(want.filter((a) => a.proxy).length).toBeGreaterThan(500);
    expect(want.filter((a) => !a.proxy && !a.error && !a.parseError).length).toBeGreaterThan(500);
    expect(want.filter((a) => a.error).length).toBeGreaterThan(10);
    expect(want.filter((a) => a.parseError).length).toBeGreaterThan(10);
  });

  it('reads the environment like FromEnvironment: upper case first, empty skipped, REQUEST_METHOD means CGI', async () => {
    const urls = ['http://example.com/', 'https://example.com/', 'https://goproxy.cn/', 'http://10.0.0.1/'];
    const environments: NodeJS.ProcessEnv[] = [
      { HTTP_PROXY: 'upper:1', http_proxy: 'lower:2', HTTPS_PROXY: 'secure:3' },
      {
        HTTP_PROXY: '',
        http_proxy: 'lower:2',
        https_proxy: 'lower-secure:4',
        NO_PROXY: '',
        no_proxy: 'goproxy.cn',
      },
      { https_proxy: 'https://s:5', NO_PROXY: '10.0.0.0/8,example.com', no_proxy: '*' },
      { HTTP_PROXY: 'upper:1', HTTPS_PROXY: 'secure:3', REQUEST_METHOD: 'GET' },
      { HTTP_PROXY: 'upper:1', REQUEST_METHOD: '' },
      {},
    ];
    for (const extra of environments) {
      const env = { ...goEnv, ...extra };
      const want = await askOracle(
        urls.map((url) => ({ url })),
        ['-env'],
        env,
      );
      const cfg = proxyConfigFromEnv(env);
      const got = urls.map((url) =>
        ours({ http: cfg.httpProxy, https: cfg.httpsProxy, no: cfg.noProxy, cgi: cfg.cgi }, url),
      );
      expect({ env: extra, answers: got }).toEqual({ env: extra, answers: want });
    }
  });
});
