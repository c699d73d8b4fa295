import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeHost, type Host } from '../../electron/services/host';
import { dirDriver, fileDriver, type FileState } from '../../electron/services/netproxy/file-driver';
import {
  kdeReparse,
  kdeSystemAdapter,
  kioslavercPath,
  mergeKdeKeys,
  readKConfigGroup,
  setKConfigEntries,
} from '../../electron/services/netproxy/kde';
import { parseSettings } from '../../electron/services/netproxy/settings';
import { DriverError, type PlaceDriver, type Step } from '../../electron/services/netproxy/types';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSessionBus } from '../fixtures/session-bus';

/**
 * KDE's system proxy against the real kwriteconfig5/kreadconfig5 (KConfig itself), with
 * XDG_CONFIG_HOME in a sandbox: the real user's kioslaverc is never touched.
 */

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let host: Host;
let file: string;

beforeEach(async () => {
  sandbox = await createSandbox();
  env = { ...sandbox.env, XDG_CURRENT_DESKTOP: 'KDE' };
  host = createNodeHost({ env });
  file = path.join(sandbox.configHome, 'kioslaverc');
});
afterEach(() => sandbox.cleanup());

function run(
  cmd: string,
  args: string[],
  extra: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: { ...env, ...extra }, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** What KDE itself reads (relative --file: found through XDG_CONFIG_HOME, as KIO finds it). */
async function kread(key: string, extra: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await run(
    'kreadconfig5',
    ['--file', 'kioslaverc', '--group', 'Proxy Settings', '--key', key],
    extra,
  );
  expect(result.code).toBe(0);
  return result.stdout.replace(/\n$/, '');
}

const DRIVERS: Record<string, PlaceDriver> = {
  file: fileDriver as PlaceDriver,
  dir: dirDriver as PlaceDriver,
};

/** What the journal does: states go through JSON and the driver's own validation. */
async function writeSteps(h: Host, steps: Step[], which: 'before' | 'after'): Promise<void> {
  for (const step of which === 'after' ? steps : [...steps].reverse()) {
    const driver = DRIVERS[step.place.driver]!;
    const stored = JSON.parse(JSON.stringify(step)) as Step;
    await driver.write(
      h,
      driver.parseAddress(stored.place.address),
      driver.parseState(which === 'after' ? stored.after : stored.before),
    );
  }
}

const bytesOf = async (f: string): Promise<Buffer | null> => readFile(f).catch(() => null);
const PROXY = 'http://proxy.example.com:3128';

describe('kdeSystemAdapter with kwriteconfig', () => {
  it('creates kioslaverc as KDE writes it, and a restore removes it and the folders it needed', async () => {
    const configHome = path.join(sandbox.root, 'xdg', 'config');
    const xdgEnv = { XDG_CONFIG_HOME: configHome };
    const h = createNodeHost({ env: { ...env, ...xdgEnv } });
    const kioslaverc = path.join(configHome, 'kioslaverc');
    expect(kioslavercPath(h)).toBe(kioslaverc);

    const adapter = kdeSystemAdapter(h);
    expect(await adapter.unavailable()).toBeNull();
    const plan = await adapter.plan(parseSettings({ http: PROXY, noProxy: 'localhost,10.0.0.0/8' }));
    expect(plan.steps.map((s) => [s.place.driver, (s.place.address as { path: string }).path])).toEqual([
      ['dir', path.join(sandbox.root, 'xdg')],
      ['dir', configHome],
      ['file', kioslaverc],
    ]);
    expect(plan.notify).toEqual(['kde-reparse']);
    expect(plan.steps[2]!.merge).toEqual({
      kind: 'kde-keys',
      data: { keys: ['httpProxy', 'httpsProxy', 'NoProxyFor', 'ProxyType'] },
    });

    await writeSteps(h, plan.steps, 'after');
    expect(await fileDriver.read(h, { path: kioslaverc })).toEqual(plan.steps[2]!.after);
    expect(await kread('ProxyType', xdgEnv)).toBe('1');
    expect(await kread('httpProxy', xdgEnv)).toBe('http://proxy.example.com 3128');
    expect(await kread('httpsProxy', xdgEnv)).toBe('http://proxy.example.com 3128');
    expect(await kread('NoProxyFor', xdgEnv)).toBe('localhost,10.0.0.0/8');
    expect(await readFile(kioslaverc, 'utf8')).toBe(
      '[Proxy Settings]\nNoProxyFor=localhost,10.0.0.0/8\nProxyType=1\nhttpProxy=http://proxy.example.com 3128\nhttpsProxy=http://proxy.example.com 3128\n',
    );
    // KConfig's own mode for a new file.
    expect((await stat(kioslaverc)).mode & 0o777).toBe(0o600);
    expect(await adapter.read()).toEqual({
      scope: 'system',
      source: `${kioslaverc} [Proxy Settings]`,
      http: PROXY,
      https: PROXY,
      noProxy: 'localhost,10.0.0.0/8',
      available: true,
      conflicts: [],
    });
    expect(
      (await adapter.plan(parseSettings({ http: PROXY, noProxy: 'localhost,10.0.0.0/8' }))).steps,
    ).toEqual([]);

    await writeSteps(h, plan.steps, 'before');
    expect(await bytesOf(kioslaverc)).toBeNull();
    expect(await h.listDir(path.join(sandbox.root, 'xdg'))).toBeNull();
    expect(await h.listDir(sandbox.root)).not.toContain('xdg');
  });

  it('changes an existing kioslaverc, keeps the other settings, and restores it byte for byte', async () => {
    const original = [
      '# written by hand',
      'PersistentConnections=true',
      '',
      '[Cache Settings]',
      'MaxCacheSize = 5000',
      '',
      '[Proxy Settings]',
      'ProxyType=0',
      'httpProxy=http://old.example 8080',
      'ReversedException=true',
      '',
    ].join('\n');
    await writeFile(file, original);
    await chmod(file, 0o644);
    const adapter = kdeSystemAdapter(host);
    const plan = await adapter.plan(parseSettings({ http: PROXY }));
    expect(plan.steps.map((s) => s.place.driver)).toEqual(['file']);
    expect(plan.steps[0]!.merge).toEqual({
      kind: 'kde-keys',
      data: { keys: ['httpProxy', 'httpsProxy', 'ReversedException', 'ProxyType'] },
    });

    await writeSteps(host, plan.steps, 'after');
    expect(await kread('ProxyType')).toBe('1');
    expect(await kread('httpProxy')).toBe('http://proxy.example.com 3128');
    expect(await kread('ReversedException')).toBe('false');
    expect(
      (
        await run('kreadconfig5', [
          '--file',
          'kioslaverc',
          '--group',
          'Cache Settings',
          '--key',
          'MaxCacheSize',
        ])
      ).stdout,
    ).toBe('5000\n');
    expect(
      (
        await run('kreadconfig5', [
          '--file',
          'kioslaverc',
          '--group',
          '<default>',
          '--key',
          'PersistentConnections',
        ])
      ).stdout,
    ).toBe('true\n');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect((await adapter.plan(parseSettings({ http: PROXY }))).steps).toEqual([]);

    await writeSteps(host, plan.steps, 'before');
    expect((await bytesOf(file))?.toString('utf8')).toBe(original);
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it('unset sets ProxyType 0 only, and nothing at all where there is no kioslaverc', async () => {
    const adapter = kdeSystemAdapter(host);
    expect((await adapter.plan(null)).steps).toEqual([]);
    expect(await bytesOf(file)).toBeNull();

    const original =
      '[Proxy Settings]\nNoProxyFor=corp.example\nProxyType=1\nhttpProxy=http://old.example 8080\n';
    await writeFile(file, original);
    const plan = await adapter.plan(null);
    expect(plan.steps[0]!.merge).toEqual({ kind: 'kde-keys', data: { keys: ['ProxyType'] } });
    await writeSteps(host, plan.steps, 'after');
    expect(await readFile(file, 'utf8')).toBe(
      '[Proxy Settings]\nNoProxyFor=corp.example\nProxyType=0\nhttpProxy=http://old.example 8080\n',
    );
    expect((await adapter.read()).note).toBe('KDE uses no proxy (ProxyType=0)');
    expect((await adapter.plan(null)).steps).toEqual([]);
    await writeSteps(host, plan.steps, 'before');
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('keeps credentials only because the user gave them, and says so', async () => {
    const plan = await kdeSystemAdapter(host).plan(
      parseSettings({ http: 'http://alice:s%40cret@proxy.example.com:3128' }),
    );
    expect(plan.warnings).toEqual([
      `KDE keeps proxy URLs in plain text: the proxy user name and password will be readable in ~${path.sep}.config${path.sep}kioslaverc`,
    ]);
    await writeSteps(host, plan.steps, 'after');
    expect(await kread('httpProxy')).toBe('http://alice:s%40cret@proxy.example.com 3128');
    expect((await kdeSystemAdapter(host).read()).http).toBe('http://alice:xxxxx@proxy.example.com:3128');
  });

  it('refuses a [Proxy Settings] group the administrator locked', async () => {
    await writeFile(file, '[Proxy Settings][$i]\nProxyType=0\n');
    const error = await kdeSystemAdapter(host)
      .plan(parseSettings({ http: PROXY }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DriverError);
    expect((error as Error).message).toMatch(/is marked immutable \(\[\$i\]\)/);
  });

  it('describes PAC and environment-variable setups it does not manage', async () => {
    await writeFile(
      file,
      '[Proxy Settings]\nProxy Config Script=http://wpad.corp.example/proxy.pac\nProxyType=2\n',
    );
    expect((await kdeSystemAdapter(host).read()).note).toBe(
      'KDE uses a proxy configuration script (PAC): http://wpad.corp.example/proxy.pac (ProxyType=2)',
    );
    await writeFile(file, '[Proxy Settings]\nProxyType=4\nhttpProxy=HTTP_PROXY\n');
    expect((await kdeSystemAdapter(host).read()).note).toBe(
      'KDE uses the environment variables named in kioslaverc (ProxyType=4)',
    );
  });
});

describe('kdeSystemAdapter without kwriteconfig', () => {
  let bare: Host;
  beforeEach(async () => {
    const empty = path.join(sandbox.root, 'empty-bin');
    await mkdir(empty, { recursive: true });
    bare = createNodeHost({ env: { ...env, PATH: empty } });
  });

  it('writes a new kioslaverc byte-identical to what kwriteconfig writes', async () => {
    const settings = parseSettings({ http: PROXY, noProxy: 'localhost,10.0.0.0/8' });
    const ours = await kdeSystemAdapter(bare).plan(settings);
    const kdes = await kdeSystemAdapter(host).plan(settings);
    expect(ours.steps).toEqual(kdes.steps);
  });

  it('changes only our keys, and KDE reads them', async () => {
    const original =
      '# keep me\n[Cache Settings]\nMaxCacheSize = 5000\n\n[Proxy Settings]\nProxyType=0\nProxyUrlDisplayFlags=8\n\n[Other]\nx=1\n';
    await writeFile(file, original);
    const plan = await kdeSystemAdapter(bare).plan(parseSettings({ http: PROXY, noProxy: '.corp.example' }));
    await writeSteps(bare, plan.steps, 'after');
    expect(await readFile(file, 'utf8')).toBe(
      '# keep me\n[Cache Settings]\nMaxCacheSize = 5000\n\n[Proxy Settings]\nProxyType=1\nProxyUrlDisplayFlags=8\nNoProxyFor=.corp.example\nhttpProxy=http://proxy.example.com 3128\nhttpsProxy=http://proxy.example.com 3128\n\n[Other]\nx=1\n',
    );
    expect(await kread('ProxyType')).toBe('1');
    expect(await kread('httpsProxy')).toBe('http://proxy.example.com 3128');
    expect(await kread('NoProxyFor')).toBe('.corp.example');
    expect(
      (await kdeSystemAdapter(bare).plan(parseSettings({ http: PROXY, noProxy: '.corp.example' }))).steps,
    ).toEqual([]);
    await writeSteps(bare, plan.steps, 'before');
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('escapes values the way KConfig reads them', async () => {
    const text = setKConfigEntries(null, 'Proxy Settings', [['NoProxyFor', ' a\\b,\tc ']]);
    expect(text).toBe('[Proxy Settings]\nNoProxyFor=\\sa\\\\b,\\tc\\s\n');
    await writeFile(file, text);
    expect(
      (
        await run('kreadconfig5', [
          '--file',
          'kioslaverc',
          '--group',
          'Proxy Settings',
          '--key',
          'NoProxyFor',
        ])
      ).stdout,
    ).toBe(' a\\b,\tc \n');
    expect(readKConfigGroup(text, 'Proxy Settings').entries.get('NoProxyFor')).toBe(' a\\b,\tc ');
  });
});

describe('mergeKdeKeys', () => {
  it('takes back only our keys from a kioslaverc changed since', async () => {
    const original = '[Proxy Settings]\nProxyType=0\nhttpProxy=http://old.example 8080\n';
    await writeFile(file, original);
    const plan = await kdeSystemAdapter(host).plan(parseSettings({ http: PROXY }));
    await writeSteps(host, plan.steps, 'after');
    // The user changes another setting in System Settings afterwards.
    expect(
      (
        await run('kwriteconfig5', [
          '--file',
          'kioslaverc',
          '--group',
          'Proxy Settings',
          '--key',
          'ProxyUrlDisplayFlags',
          '15',
        ])
      ).code,
    ).toBe(0);
    const current = await fileDriver.read(host, { path: file });
    const step = plan.steps[0]!;
    const merged = (await mergeKdeKeys(
      host,
      current,
      step.before as FileState,
      step.merge!.data,
    )) as FileState;
    expect(Buffer.from(merged.bytes!, 'base64').toString('utf8')).toBe(
      '[Proxy Settings]\nProxyType=0\nProxyUrlDisplayFlags=15\nhttpProxy=http://old.example 8080\n',
    );
  });

  it('leaves no file when there was none and nothing but our keys is left', async () => {
    const plan = await kdeSystemAdapter(host).plan(parseSettings({ http: PROXY }));
    await writeSteps(host, plan.steps, 'after');
    await writeFile(file, `${await readFile(file, 'utf8')}\n[Other]\nkept=yes\n`);
    const fileStep = plan.steps.find((s) => s.place.driver === 'file')!;
    expect(fileStep.before).toEqual({ bytes: null });
    const current = await fileDriver.read(host, { path: file });
    const merged = (await mergeKdeKeys(host, current, { bytes: null }, fileStep.merge!.data)) as FileState;
    expect(Buffer.from(merged.bytes!, 'base64').toString('utf8')).toBe('[Other]\nkept=yes\n');

    const onlyOurs = {
      bytes: Buffer.from('[Proxy Settings]\nProxyType=1\n').toString('base64'),
      mode: 0o600,
    };
    expect(await mergeKdeKeys(host, onlyOurs, { bytes: null }, { keys: ['ProxyType'] })).toEqual({
      bytes: null,
    });
    expect(await mergeKdeKeys(host, current, { bytes: null }, { keys: ['--delete'] })).toBeNull();
  });
});

describe('kdeReparse', () => {
  it('sends the signal KDE programs listen to', async () => {
    const bus = await startSessionBus({ dir: sandbox.root, env });
    try {
      const monitor = spawn(
        'dbus-monitor',
        ['--address', bus.address, "type='signal',interface='org.kde.KIO.Scheduler'"],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let seen = '';
      monitor.stdout.setEncoding('utf8').on('data', (d: string) => (seen += d));
      const until = async (pattern: RegExp) => {
        const deadline = Date.now() + 5_000;
        while (!pattern.test(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      };
      // dbus-monitor drops its bus name once it has become a monitor: from then on it sees everything.
      await until(/member=NameLost/);
      expect(kdeReparse.commands(host)).toEqual([
        [
          'dbus-send',
          '--session',
          '--type=signal',
          '/KIO/Scheduler',
          'org.kde.KIO.Scheduler.reparseSlaveConfiguration',
          'string:',
        ],
      ]);
      await kdeReparse.run(createNodeHost({ env: { ...env, ...bus.env } }));
      const signal =
        /path=\/KIO\/Scheduler; interface=org\.kde\.KIO\.Scheduler; member=reparseSlaveConfiguration\n {3}string ""/;
      await until(signal);
      monitor.kill();
      expect(seen).toMatch(signal);
    } finally {
      await bus.close();
    }
  });

  it('is quiet without dbus-send or without a session bus', async () => {
    const empty = path.join(sandbox.root, 'empty-bin');
    await mkdir(empty, { recursive: true });
    await expect(kdeReparse.run(createNodeHost({ env: { ...env, PATH: empty } }))).resolves.toBeUndefined();
    const noBus = { ...env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(sandbox.root, 'no-bus')}` };
    await expect(kdeReparse.run(createNodeHost({ env: noBus }))).resolves.toBeUndefined();
  });
});
