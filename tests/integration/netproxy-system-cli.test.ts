import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSessionBus, type SessionBus } from '../fixtures/session-bus';
import { snapshotTree } from '../fixtures/tree-snapshot';
import { runBuiltCli } from '../harness/cli';

/**
 * The acceptance check of the system scope through the built CLI: on GNOME (real gsettings and dconf
 * on a private session bus) and on KDE (real kwriteconfig5/kreadconfig5), `proxy set --scope system`
 * then `proxy restore` leaves the settings exactly as they were.
 */
const run = promisify(execFile);

describe('GNOME: proxy set --scope system, then restore', () => {
  let sandbox: Sandbox;
  let bus: SessionBus;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sandbox = await createSandbox();
    const base: NodeJS.ProcessEnv = {
      ...sandbox.env,
      GSETTINGS_BACKEND: 'dconf',
      XDG_CURRENT_DESKTOP: 'ubuntu:GNOME',
      GOPROXY_DESK_HOME: path.join(sandbox.root, 'data'),
    };
    delete base.DCONF_PROFILE;
    bus = await startSessionBus({ dir: sandbox.root, env: base });
    env = { ...base, ...bus.env };
  });
  afterAll(async () => {
    await bus?.close();
    await sandbox?.cleanup();
  });

  const gsettings = async (...args: string[]) => (await run('gsettings', args, { env })).stdout.trim();
  const dump = async () => (await run('dconf', ['dump', '/system/proxy/'], { env })).stdout;

  it('sets mode, hosts, ports and ignore-hosts, and restores defaults and user values exactly', async () => {
    // A user value that must come back, next to keys that are defaults and must stay defaults.
    await run('gsettings', ['set', 'org.gnome.system.proxy', 'ignore-hosts', "['localhost', '*.lan']"], {
      env,
    });
    const before = await dump();
    expect(before).toContain("ignore-hosts=['localhost', '*.lan']");

    const set = await runBuiltCli(
      [
        'proxy',
        'set',
        '--http',
        'http://proxy.corp.example:3128',
        '--no-proxy',
        'localhost,.corp.example',
        '--scope',
        'system',
        '--json',
      ],
      env,
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(await gsettings('get', 'org.gnome.system.proxy', 'mode')).toBe("'manual'");
    expect(await gsettings('get', 'org.gnome.system.proxy.http', 'host')).toBe("'proxy.corp.example'");
    expect(await gsettings('get', 'org.gnome.system.proxy.https', 'port')).toBe('3128');
    expect(await gsettings('get', 'org.gnome.system.proxy', 'ignore-hosts')).toBe(
      "['localhost', '*.corp.example']",
    );

    const show = JSON.parse((await runBuiltCli(['proxy', 'show', '--json'], env)).stdout) as {
      scopes: { scope: string; variant: string; http: string | null }[];
    };
    expect(show.scopes.find((s) => s.scope === 'system')).toMatchObject({
      variant: 'gnome',
      http: 'http://proxy.corp.example:3128',
    });

    const restore = await runBuiltCli(['proxy', 'restore'], env);
    expect(restore.code).toBe(0);
    expect(await dump()).toBe(before);
  });
});

describe('KDE: proxy set --scope system, then restore', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox();
  });
  afterAll(() => sandbox?.cleanup());

  it('writes kioslaverc that kreadconfig5 reads, and restore leaves HOME byte-identical', async () => {
    const env = {
      ...sandbox.env,
      XDG_CURRENT_DESKTOP: 'KDE',
      GOPROXY_DESK_HOME: path.join(sandbox.root, 'data'),
      // No session bus: the reparse signal is skipped, the setting is still written.
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(sandbox.root, 'no-bus')}`,
    };
    const before = await snapshotTree(sandbox.home);
    const set = await runBuiltCli(
      ['proxy', 'set', '--http', 'http://proxy.corp.example:3128', '--scope', 'system'],
      env,
    );
    expect(set.code).toBe(0);
    const read = async (key: string) =>
      (
        await run('kreadconfig5', ['--file', 'kioslaverc', '--group', 'Proxy Settings', '--key', key], {
          env,
        })
      ).stdout.trim();
    expect(await read('ProxyType')).toBe('1');
    expect(await read('httpsProxy')).toBe('http://proxy.corp.example 3128');
    expect((await runBuiltCli(['proxy', 'restore'], env)).code).toBe(0);
    expect(await snapshotTree(sandbox.home)).toEqual(before);
  });
});
