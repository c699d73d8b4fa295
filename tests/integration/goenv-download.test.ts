import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/dispatch';
import { createServices, type Services } from '../../electron/services';
import { createNodeHost } from '../../electron/services/host';
import { hashGoMod, hashZip } from '../../electron/services/sumdb/dirhash';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/** The real go against the fixture mirror: what the wizard's last step and the Overview's check run. */

let mirror: Mirror;
let sandbox: Sandbox;
let services: Services;

beforeAll(async () => {
  mirror = await startMirror();
});
afterAll(() => mirror.close());

beforeEach(async () => {
  sandbox = await createSandbox();
  // go reads its settings from the user's env file, as it would on the user's machine.
  await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
  await writeFile(sandbox.goEnvFile, `GOPROXY=${mirror.url}\nGOSUMDB=off\n`);
  services = createServices(createNodeHost({ env: sandbox.env }), { catalogue: [] });
  mirror.clearFaults();
  mirror.requests.length = 0;
});
afterEach(() => sandbox.cleanup());

const downloadDirs = async () =>
  (await readdir(tmpdir())).filter((name) => name.startsWith('goproxy-desk-download-')).sort();

const fetchBytes = async (rel: string) =>
  new Uint8Array(await (await fetch(`${mirror.url}/${rel}`)).arrayBuffer());

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('goenv download: the real `go mod download` with the user settings', () => {
  it("fetches the module over the network and reports go's hashes, which match the mirror's files", async () => {
    const before = await downloadDirs();
    const result = await services.goenv.download({ module: 'rsc.io/quote@v1.5.2' });
    expect(result).toMatchObject({
      ok: true,
      module: 'rsc.io/quote@v1.5.2',
      version: 'v1.5.2',
      exitCode: 0,
      cancelled: false,
      timedOut: false,
      env: { GOPROXY: mirror.url, GOSUMDB: 'off', GOPRIVATE: '', GONOSUMDB: '' },
    });
    expect(result.error).toBeUndefined();
    expect(result.durationMs).toBeGreaterThan(0);
    const zip = await fetchBytes('rsc.io/quote/@v/v1.5.2.zip');
    const mod = await fetchBytes('rsc.io/quote/@v/v1.5.2.mod');
    expect(result.sum).toBe(hashZip(zip, 'rsc.io/quote', 'v1.5.2'));
    expect(result.goModSum).toBe(hashGoMod(mod));
    expect(await downloadDirs()).toEqual(before);
  });

  it("never answers from the user's module cache: a second download asks the mirror again", async () => {
    await services.goenv.download({ module: 'rsc.io/quote@v1.5.2' });
    await services.goenv.download({ module: 'rsc.io/quote@v1.5.2' });
    const zips = mirror.requests.filter((r) => r.path === '/rsc.io/quote/@v/v1.5.2.zip');
    expect(zips).toHaveLength(2);
    // Nothing of it lands in the user's own cache either.
    expect(await readdir(path.join(sandbox.home, 'go', 'pkg', 'mod')).catch(() => [])).toEqual([]);
  });

  it('takes the module from the verifyModule setting when the request names none', async () => {
    await services.settings.write({ verifyModule: 'rsc.io/quote@v1.4.0' });
    const result = await services.goenv.download({});
    expect(result).toMatchObject({ ok: true, module: 'rsc.io/quote@v1.4.0', version: 'v1.4.0' });
  });

  it("reports go's own message for a module the mirror does not have", async () => {
    const result = await services.goenv.download({ module: 'example.com/does-not-exist@v1.0.0' });
    expect(result.ok).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.error).toContain('404 Not Found');
    expect(result.error).toContain('example.com/does-not-exist');
  });

  it('is cancelled by its runId while the mirror hangs, and leaves no temporary folder', async () => {
    const before = await downloadDirs();
    mirror.setFaults({ hang: true });
    const running = services.goenv.download({ module: 'rsc.io/quote@v1.5.2', runId: 'wizard' });
    await until(() => mirror.requests.length > 0);
    expect(services.goenv.cancel('other')).toBe(0);
    expect(services.goenv.cancel('wizard')).toBe(1);
    const result = await running;
    expect(result).toMatchObject({ ok: false, cancelled: true, timedOut: false });
    expect(await downloadDirs()).toEqual(before);
    expect(services.goenv.cancel()).toBe(0);
  });

  it('gives up after its timeout with timedOut set, and leaves no temporary folder', async () => {
    const before = await downloadDirs();
    mirror.setFaults({ hang: true });
    const started = Date.now();
    const result = await services.goenv.download({ module: 'rsc.io/quote@v1.5.2', timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({ ok: false, cancelled: false, timedOut: true });
    expect(result.error).toMatch(/did not finish within 2 s/);
    expect(await downloadDirs()).toEqual(before);
  });

  it('refuses a second download under a runId that is running', async () => {
    mirror.setFaults({ hang: true });
    const running = services.goenv.download({ module: 'rsc.io/quote@v1.5.2', runId: 'same' });
    await expect(
      services.goenv.download({ module: 'rsc.io/quote@v1.5.2', runId: 'same' }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    services.goenv.cancel('same');
    await running;
  });

  it('refuses something that is not PATH@VERSION before running go', async () => {
    for (const module of ['rsc.io/quote', '-modfile=x@v1', 'Bad Path@v1.0.0']) {
      await expect(services.goenv.download({ module })).rejects.toMatchObject({ code: 'invalid-input' });
    }
    expect(mirror.requests).toEqual([]);
  });

  it('says where to get Go when there is no go on PATH', async () => {
    const noGo = createServices(createNodeHost({ env: { ...sandbox.env, PATH: '/nonexistent' } }));
    const error = await noGo.goenv.download({ module: 'rsc.io/quote@v1.5.2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'go-failed',
      message: expect.stringContaining('https://go.dev/dl/'),
    });
  });
});
