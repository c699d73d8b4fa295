import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeReport, ProbeResult } from '../../shared/contract';
import { AppError } from '../../electron/dispatch';
import { createNodeHost, type Host } from '../../electron/services/host';
import { createProbeService } from '../../electron/services/probe';
import { startMirror, TOOLCHAIN_MODULE, type Faults, type Mirror } from '../fixtures/mirror';
import { refusedPort } from '../fixtures/raw-peers';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startTinyproxy, type Tinyproxy } from '../fixtures/tinyproxy';
import { runBuiltCli } from '../harness/cli';

/**
 * Whether each mirror serves go toolchains (golang.org/toolchain, DESIGN §4b): the probe asks the
 * module's @v/list of every live mirror and reports `toolchain` true, false or null, against fixture
 * mirrors that list fake toolchains, do not serve them, refuse them, or fail.
 */

const LIST = `/${TOOLCHAIN_MODULE}/@v/list`;
const TOOLCHAIN_PATHS = /^\/golang\.org\/toolchain\//;

let sandbox: Sandbox;
let host: Host;
const mirrors: Mirror[] = [];

async function mirror(options: { toolchains?: boolean; faults?: Faults } = {}): Promise<Mirror> {
  const m = await startMirror(options.toolchains ? { toolchains: {} } : {});
  if (options.faults) m.setFaults(options.faults);
  mirrors.push(m);
  return m;
}

const listRequests = (m: Mirror) => m.requests.filter((r) => r.path === LIST);

beforeAll(async () => {
  sandbox = await createSandbox();
  host = createNodeHost({ env: sandbox.env });
});

afterAll(async () => {
  await Promise.all(mirrors.map((m) => m.close()));
  await sandbox?.cleanup();
});

async function probe(urls: string[], env: NodeJS.ProcessEnv = sandbox.env): Promise<ProbeResult[]> {
  const report = await createProbeService(createNodeHost({ env })).run({
    mirrors: urls,
    samples: 2,
    timeoutMs: 2_000,
    freshnessModule: 'rsc.io/quote',
  });
  return report.results;
}

describe('probe: does the mirror serve go toolchains', () => {
  it('is true for a mirror that lists toolchains, false for one that answers 404, null for a dead one', async () => {
    const serving = await mirror({ toolchains: true });
    const plain = await mirror();
    // Its samples fail, so it is dead and must not be asked.
    const failing = await mirror({ toolchains: true, faults: { status: 500, match: /\.info$/ } });
    const refused = `http://127.0.0.1:${await refusedPort()}`;

    const results = await probe([serving.url, plain.url, failing.url, refused]);
    expect(results.map((r) => [r.status, r.toolchain])).toEqual([
      ['ok', true],
      ['ok', false],
      ['dead', null],
      ['dead', null],
    ]);
    for (const r of results) expect(r).toHaveProperty('toolchain');
    expect(listRequests(serving)).toEqual([{ method: 'GET', path: LIST, status: 200 }]);
    expect(listRequests(plain)).toEqual([{ method: 'GET', path: LIST, status: 404 }]);
    expect(failing.requests.filter((r) => TOOLCHAIN_PATHS.test(r.path))).toEqual([]);
  });

  it.each([
    ['410 Gone', false, { status: 410 }],
    ['403, a module the mirror refuses', false, { status: 403 }],
    ['a 200 that lists no toolchain (an HTML page)', false, { html: true }],
    ['503, trouble of the moment', null, { status: 503 }],
    ['429, too many requests', null, { status: 429 }],
    ['a reset connection', null, { reset: true }],
    ['a list past the size cap', null, { oversizeBytes: 1024 * 1024 }],
  ] as const)('reads %s on the list as %s', async (_what, expected, fault) => {
    const m = await mirror({ toolchains: true, faults: { ...fault, match: TOOLCHAIN_PATHS } });
    const [r] = await probe([m.url]);
    expect(r).toMatchObject({ status: 'ok', toolchain: expected });
    expect(listRequests(m).length).toBeGreaterThan(0);
  });

  it('gives up on a list that never comes within the phase deadline: unknown, the run goes on', async () => {
    const m = await mirror({ toolchains: true, faults: { hang: true, match: TOOLCHAIN_PATHS } });
    const started = performance.now();
    const report = await createProbeService(host).run({
      mirrors: [m.url],
      samples: 1,
      timeoutMs: 300,
      freshnessModule: 'rsc.io/quote',
    });
    expect(report.results[0]).toMatchObject({
      status: 'ok',
      toolchain: null,
      freshness: { latest: 'v1.5.2' },
    });
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('is cancelled with the run while it waits for the list', async () => {
    const m = await mirror({ toolchains: true, faults: { hang: true, match: TOOLCHAIN_PATHS } });
    const service = createProbeService(host);
    const outcome = service
      .run({ runId: 'toolchain-cancel', mirrors: [m.url], samples: 1, timeoutMs: 30_000 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    for (let i = 0; i < 300 && listRequests(m).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(listRequests(m)).toHaveLength(1);
    const cancelledAt = performance.now();
    expect(service.cancel('toolchain-cancel')).toBe(1);
    const error = await outcome;
    expect(performance.now() - cancelledAt).toBeLessThan(500);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('cancelled');
  });

  describe('through the HTTP proxy go would use', () => {
    let proxy: Tinyproxy;
    beforeAll(async () => {
      proxy = await startTinyproxy({ dir: sandbox.root });
    });
    afterAll(() => proxy?.close());

    it('asks for the list through HTTP_PROXY, like every other request', async () => {
      const serving = await mirror({ toolchains: true });
      // "127.1" is not an IP to Go, so its rules send it through the proxy (see tests/fixtures/tinyproxy.ts).
      const url = `http://127.1:${new URL(serving.url).port}`;
      const before = proxy.requests().length;
      const [r] = await probe([url], { ...sandbox.env, HTTP_PROXY: proxy.url });
      expect(r).toMatchObject({ status: 'ok', toolchain: true, proxy: { url: proxy.url } });
      expect(proxy.requests().slice(before)).toContain(`GET ${url}${LIST} HTTP/1.1`);
    });
  });
});

describe('goproxy-desk probe (built bin)', () => {
  it('reports toolchain true / false / null in the JSON, and a column in both languages', async () => {
    const serving = await mirror({ toolchains: true });
    const plain = await mirror();
    const refused = `http://127.0.0.1:${await refusedPort()}`;
    const urls = [serving.url, plain.url, refused];

    const run = await runBuiltCli(
      ['probe', ...urls, '--samples', '1', '--timeout', '1500', '--json'],
      sandbox.env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ProbeReport;
    expect(report.results.map((r) => [r.url, r.toolchain])).toEqual([
      [serving.url, true],
      [plain.url, false],
      [refused, null],
    ]);

    for (const [lang, column, yes, no] of [
      ['en', 'Toolchains', 'yes', 'no'],
      ['zh-CN', '工具链', '是', '否'],
    ] as const) {
      const text = await runBuiltCli(['probe', ...urls, '--samples', '1', '--lang', lang], sandbox.env);
      expect(text.code, text.stderr).toBe(0);
      const lines = text.stdout.split('\n');
      const header = lines.find((l) => l.includes(column));
      expect(header, text.stdout).toBeDefined();
      // The column is the table's last: each mirror's row ends with its answer.
      const row = (url: string) => lines.find((l) => l.startsWith(new URL(url).host))!.trimEnd();
      expect(header!.trimEnd().endsWith(column)).toBe(true);
      expect(row(serving.url).endsWith(` ${yes}`)).toBe(true);
      expect(row(plain.url).endsWith(` ${no}`)).toBe(true);
      expect(row(refused).endsWith(' ?')).toBe(true);
    }
  });
});
