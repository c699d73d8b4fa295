import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrayItem } from '../../electron/shell/tray-menu';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/**
 * The real Electron app. These machines cannot download the Electron binary (installs use
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1), so the suite reports itself skipped, with the reason, wherever the
 * binary is absent; the release workflow runs it on Windows, macOS and Linux (under xvfb).
 */
function electronBinary(): string | null {
  // Not require('electron'): since Electron 40 that downloads the binary when it is missing.
  try {
    const dir = path.dirname(createRequire(__filename).resolve('electron/package.json'));
    const relative = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const reason =
  'skipped: the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1 on this machine)';
if (!binary) console.log(`tests/electron: ${reason}`);

const MAIN = path.resolve(__dirname, '../../out/main/index.js');
const RENDERER = /^file:.*\/out\/renderer\/index\.html(#.*)?$/;

interface Running {
  sandbox: Sandbox;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  app: ElectronApplication;
  page: Page;
}

/**
 * The app in a throw-away home: its data folder (settings, single-instance lock) under the sandbox,
 * settings that skip the wizard and turn background probing off (nothing leaves the machine), and a
 * go env file whose GOPROXY starts with goproxy.cn.
 */
async function launch(): Promise<Running> {
  const sandbox = await createSandbox();
  const dataDir = path.join(sandbox.root, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ language: 'en', probeIntervalMinutes: 0, wizardCompletedAt: new Date(0).toISOString() }),
  );
  await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
  await writeFile(sandbox.goEnvFile, 'GOPROXY=https://goproxy.cn,direct\n');
  const env: NodeJS.ProcessEnv = {
    ...sandbox.env,
    GOPROXY_DESK_HOME: dataDir,
    APPDATA: path.join(sandbox.home, 'AppData'),
  };
  // The built page, not a dev server.
  delete env.ELECTRON_RENDERER_URL;
  const app = await electron.launch({
    executablePath: binary!,
    args: [MAIN],
    env: env as Record<string, string>,
  });
  const page = await app.firstWindow();
  await page.locator('[data-testid="nav-overview"]').waitFor();
  return { sandbox, env, dataDir, app, page };
}

async function trayItems(app: ElectronApplication): Promise<TrayItem[]> {
  return app.evaluate(() => {
    const read = (globalThis as Record<symbol, unknown>)[Symbol.for('goproxy-desk.tray')] as () => TrayItem[];
    return read();
  });
}

const flatLabels = (items: TrayItem[]): string[] =>
  items.flatMap((i) =>
    i.kind === 'separator' ? [] : i.kind === 'submenu' ? [i.label, ...flatLabels(i.items)] : [i.label],
  );

describe.skipIf(!binary)(`Electron app${binary ? '' : ` (${reason})`}`, () => {
  let run: Running;

  beforeAll(async () => {
    run = await launch();
  });

  afterAll(async () => {
    await run?.app.close().catch(() => undefined);
    await run?.sandbox.cleanup();
  });

  it('runs the renderer without Node: only window.goproxy, with invoke and on', async () => {
    const exposure = await run.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
      api: Object.keys(window.goproxy!).sort(),
    }));
    expect(exposure).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      buffer: 'undefined',
      api: ['invoke', 'mode', 'on'],
    });
  });

  it('runs the renderer in an OS sandbox (where Electron reports it: Windows and macOS)', async () => {
    const metric = await run.app.evaluate(({ app, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId();
      return app.getAppMetrics().find((m) => m.pid === pid) ?? null;
    });
    expect(metric?.type).toBe('Tab');
    if (process.platform !== 'linux') expect(metric?.sandboxed).toBe(true);
  });

  it('enforces the CSP: no eval, no inline script, no connection to another host', async () => {
    const outcome = await run.page.evaluate(async () => {
      let evalRan = false;
      try {
        evalRan = (0, eval)('true') as boolean;
      } catch {
        evalRan = false;
      }
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.append(script);
      const remote = await fetch('https://example.com/').then(
        () => 'fetched',
        () => 'refused',
      );
      return { evalRan, inline: (window as { __inline?: boolean }).__inline ?? false, remote };
    });
    expect(outcome).toEqual({ evalRan: false, inline: false, remote: 'refused' });
    const meta = await run.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("default-src 'self'");
  });

  it('refuses navigation away from the page, new windows and webviews', async () => {
    await run.page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await run.page.waitForTimeout(500);
    expect(run.page.url()).toMatch(RENDERER);
    const opened = await run.page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    const webview = await run.page.evaluate(() => {
      const el = document.createElement('webview');
      document.body.append(el);
      return typeof (el as unknown as { getWebContentsId?: unknown }).getWebContentsId;
    });
    expect(webview).toBe('undefined');
    expect(await run.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('answers IPC through the contract, and refuses what the contract does not allow', async () => {
    const answers = await run.page.evaluate(async () => ({
      settings: await window.goproxy!.invoke('settings:read', {}),
      bad: await window.goproxy!.invoke('settings:read', { extra: 1 } as never),
      unknown: await window.goproxy!.invoke('no:such' as never, {} as never),
    }));
    expect(answers.settings).toMatchObject({
      ok: true,
      value: { exists: true, settings: { language: 'en' } },
    });
    expect(answers.bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(answers.unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('draws the tray menu from the state: the mirrors with GOPROXY first checked, and the actions', async () => {
    await expect
      .poll(async () => (await trayItems(run.app)).filter((i) => i.kind === 'radio' && i.checked).length, {
        timeout: 20_000,
      })
      .toBe(1);
    const items = await trayItems(run.app);
    const checked = items.find((i) => i.kind === 'radio' && i.checked);
    expect(checked?.kind === 'radio' && checked.label).toContain('Goproxy.cn');
    expect(flatLabels(items)).toEqual(
      expect.arrayContaining(['Fastest (auto)', 'Profiles', 'Probe now', 'Open GoProxy Desk', 'Quit']),
    );
    expect(flatLabels(items).some((l) => l.startsWith('Open checklist'))).toBe(true);
  });

  it('keeps one instance: a second launch exits and brings the window forward', async () => {
    const focused = run.app.evaluate(
      ({ app }) => new Promise<boolean>((resolve) => app.once('second-instance', () => resolve(true))),
    );
    const second = spawn(binary!, [MAIN], { env: run.env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    expect(await focused).toBe(true);
    expect(await run.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(
      true,
    );
  });

  it('stays in the tray when the window closes, and says so once', async () => {
    await run.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await expect
      .poll(() => run.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
      .toBe(0);
    expect(run.app.process().exitCode).toBeNull();
    await expect
      .poll(() => {
        const file = path.join(run.dataDir, 'shell.json');
        return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : null;
      })
      .toEqual({ closeHintShown: true });
    expect((await trayItems(run.app)).length).toBeGreaterThan(0);
  });
});
