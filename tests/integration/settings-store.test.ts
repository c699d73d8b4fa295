import { readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services';
import { createNodeHost, type Host } from '../../electron/services/host';
import { DEFAULT_SETTINGS, SETTINGS_FILE } from '../../electron/services/store/settings';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

let sandbox: Sandbox;
let host: Host;
let services: Services;
let file: string;

beforeEach(async () => {
  sandbox = await createSandbox();
  host = createNodeHost({ env: sandbox.env });
  services = createServices(host);
  file = path.join(host.dataDir, SETTINGS_FILE);
});
afterEach(() => sandbox.cleanup());

describe('settings: the app settings file', () => {
  it('reads the defaults with exists false on first run, and reading creates no file', async () => {
    expect(await services.settings.read()).toEqual({
      exists: false,
      settings: {
        language: 'system',
        theme: 'system',
        probeIntervalMinutes: 30,
        autoSwitch: false,
        autoSwitchAfterFailures: 3,
        launchAtLogin: false,
        restoreProxyOnQuit: false,
        historyRetentionDays: 30,
        customMirrors: [],
        verifyModule: 'rsc.io/quote@v1.5.2',
        wizardCompletedAt: null,
        projectDirs: [],
      },
    });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes a patch over the current settings, readable by a later process, private to the user', async () => {
    await services.settings.write({ theme: 'dark', probeIntervalMinutes: 5 });
    const written = await services.settings.write({ language: 'zh-CN' });
    expect(written).toEqual({
      exists: true,
      settings: { ...DEFAULT_SETTINGS, theme: 'dark', probeIntervalMinutes: 5, language: 'zh-CN' },
    });
    expect(await createServices(host).settings.read()).toEqual(written);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a bad value with invalid-input and leaves the file as it was', async () => {
    await services.settings.write({ theme: 'light' });
    const before = await readFile(file, 'utf8');
    const bad: unknown[] = [
      { theme: 'neon' },
      { historyRetentionDays: 0 },
      { customMirrors: [] },
      { verifyModule: 'rsc.io/quote' },
      { unknown: true },
    ];
    for (const patch of bad) {
      await expect(services.settings.write(patch as never)).rejects.toMatchObject({ code: 'invalid-input' });
    }
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('keeps a damaged file aside and reads the defaults, still counting as not the first run', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"theme": "dark", "probeIntervalMinutes": "often"');
    expect(await services.settings.read()).toEqual({ exists: true, settings: DEFAULT_SETTINGS });
    expect(await readFile(`${file}.corrupt`, 'utf8')).toContain('"often"');
  });

  it('reads a file from an older version, which lacks newer settings, with defaults for those', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ theme: 'dark', wizardCompletedAt: '2024-01-01T00:00:00.000Z' }));
    expect(await services.settings.read()).toEqual({
      exists: true,
      settings: { ...DEFAULT_SETTINGS, theme: 'dark', wizardCompletedAt: '2024-01-01T00:00:00.000Z' },
    });
    expect(await readdir(path.dirname(file))).toEqual([SETTINGS_FILE]);
  });

  it('loses no change when settings and the custom mirrors are written at the same time', async () => {
    await Promise.all([
      services.settings.write({ theme: 'dark' }),
      services.mirrors.add({ url: 'https://goproxy.corp.example' }),
      services.settings.write({ autoSwitch: true }),
      services.mirrors.add({ url: 'https://mirror.corp.example/go' }),
    ]);
    const { settings } = await services.settings.read();
    expect(settings).toMatchObject({ theme: 'dark', autoSwitch: true });
    expect(settings.customMirrors.map((m) => m.id).sort()).toEqual([
      'goproxy.corp.example',
      'mirror.corp.example/go',
    ]);
  });
});
