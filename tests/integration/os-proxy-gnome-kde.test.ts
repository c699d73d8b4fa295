import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeHost } from '../../electron/services/host';
import { SOURCES, readOsProxyConfig } from '../../electron/services/netproxy/os-proxy';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSessionBus, type SessionBus } from '../fixtures/session-bus';

/**
 * readOsProxyConfig against settings made by the real tools: gsettings (dconf, on a private session
 * bus) and kwriteconfig5 (KConfig), with HOME, XDG_CONFIG_HOME and XDG_RUNTIME_DIR in a sandbox.
 */

let sandbox: Sandbox;
let bus: SessionBus;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await createSandbox();
  const base: NodeJS.ProcessEnv = {
    ...sandbox.env,
    GSETTINGS_BACKEND: 'dconf',
    XDG_CONFIG_DIRS: path.join(sandbox.root, 'xdg'),
  };
  delete base.DCONF_PROFILE;
  delete base.DISPLAY;
  delete base.KDE_FULL_SESSION;
  bus = await startSessionBus({ dir: sandbox.root, env: base });
  env = { ...base, ...bus.env };
});

afterAll(async () => {
  await bus?.close();
  await sandbox?.cleanup();
});

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function must(file: string, ...args: string[]): Promise<void> {
  const result = await run(file, args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

describe('GNOME (real gsettings and dconf)', () => {
  const read = () =>
    readOsProxyConfig(createNodeHost({ env: { ...env, XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' } }));
  const set = (schema: string, key: string, value: string) =>
    must('gsettings', 'set', `org.gnome.system.proxy${schema}`, key, value);

  beforeEach(() => must('dconf', 'reset', '-f', '/system/proxy/'));

  it("reads mode 'none' (the default)", async () => {
    expect(await read()).toEqual({ source: SOURCES.gnome, mode: 'none' });
  });

  it("reads mode 'manual' with each protocol and ignore-hosts", async () => {
    await set('.http', 'host', 'proxy.corp.example');
    await set('.http', 'port', '3128');
    await set('.https', 'host', 'proxy.corp.example');
    await set('.https', 'port', '3129');
    await set('.socks', 'host', 'socks.corp.example');
    await set('.socks', 'port', '1080');
    await set('', 'ignore-hosts', "['localhost', '.corp.example', '10.0.0.0/8']");
    await set('', 'use-same-proxy', 'false');
    await set('', 'mode', 'manual');
    expect(await read()).toEqual({
      source: SOURCES.gnome,
      mode: 'manual',
      manual: {
        http: 'http://proxy.corp.example:3128',
        https: 'http://proxy.corp.example:3129',
        socks: 'socks5://socks.corp.example:1080',
        noProxy: ['localhost', '.corp.example', '10.0.0.0/8'],
      },
    });
  });

  it("reads mode 'auto' with a URL as PAC, and with none as WPAD", async () => {
    await set('', 'mode', 'auto');
    expect(await read()).toEqual({ source: SOURCES.gnome, mode: 'wpad' });
    await set('', 'autoconfig-url', 'http://wpad.corp.example/proxy.pac');
    expect(await read()).toEqual({
      source: SOURCES.gnome,
      mode: 'pac',
      pacUrl: 'http://wpad.corp.example/proxy.pac',
    });
  });
});

describe('KDE (real kwriteconfig5)', () => {
  const read = () => readOsProxyConfig(createNodeHost({ env: { ...env, XDG_CURRENT_DESKTOP: 'KDE' } }));
  const file = () => path.join(sandbox.configHome, 'kioslaverc');
  const write = async (entries: Record<string, string>) => {
    for (const [key, value] of Object.entries(entries))
      await must('kwriteconfig5', '--file', file(), '--group', 'Proxy Settings', '--key', key, '--', value);
  };

  beforeEach(() => writeFile(file(), ''));

  it('reads no file as no proxy', async () => {
    expect(await read()).toEqual({ source: SOURCES.kde, mode: 'none' });
  });

  it('reads ProxyType 1 (manual), 2 (PAC), 3 (WPAD) and 4 (environment variables)', async () => {
    await write({
      httpProxy: 'http://proxy.corp.example 3128',
      httpsProxy: 'http://proxy.corp.example 3129',
      socksProxy: 'socks://socks.corp.example 1080',
      NoProxyFor: 'localhost,127.0.0.1,.corp.example',
      'Proxy Config Script': 'http://wpad.corp.example/proxy.pac',
      ProxyType: '1',
    });
    expect(await read()).toEqual({
      source: SOURCES.kde,
      mode: 'manual',
      manual: {
        http: 'http://proxy.corp.example:3128',
        https: 'http://proxy.corp.example:3129',
        socks: 'socks://socks.corp.example:1080',
        noProxy: ['localhost', '127.0.0.1', '.corp.example'],
      },
    });
    await write({ ProxyType: '2' });
    expect(await read()).toEqual({
      source: SOURCES.kde,
      mode: 'pac',
      pacUrl: 'http://wpad.corp.example/proxy.pac',
    });
    await write({ ProxyType: '3' });
    expect(await read()).toEqual({ source: SOURCES.kde, mode: 'wpad' });
    await write({
      ProxyType: '4',
      httpProxy: 'CORP_PROXY',
      httpsProxy: '',
      socksProxy: '',
      NoProxyFor: 'CORP_NO_PROXY',
    });
    env.CORP_PROXY = 'http://envproxy.corp.example:8080';
    env.CORP_NO_PROXY = 'localhost';
    try {
      expect(await read()).toMatchObject({
        mode: 'manual',
        manual: {
          http: 'http://envproxy.corp.example:8080',
          https: null,
          socks: null,
          noProxy: ['localhost'],
        },
      });
    } finally {
      delete env.CORP_PROXY;
      delete env.CORP_NO_PROXY;
    }
  });

  it("reads an administrator's /etc/xdg default under the user's file", async () => {
    const dir = path.join(sandbox.root, 'xdg');
    await mkdir(dir, { recursive: true });
    await must(
      'kwriteconfig5',
      '--file',
      path.join(dir, 'kioslaverc'),
      '--group',
      'Proxy Settings',
      '--key',
      'ProxyType',
      '3',
    );
    try {
      expect(await read()).toEqual({ source: SOURCES.kde, mode: 'wpad' });
      await write({ ProxyType: '0' });
      expect(await read()).toEqual({ source: SOURCES.kde, mode: 'none' });
    } finally {
      await writeFile(path.join(dir, 'kioslaverc'), '');
    }
  });
});
