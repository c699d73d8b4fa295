import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeHost, type Host } from '../../electron/services/host';
import {
  gnomeSystemAdapter,
  gsettingsDriver,
  gvariantString,
  gvariantStringArray,
  parseGVariant,
  type GSettingsAddress,
  type GSettingsState,
} from '../../electron/services/netproxy/gnome';
import { linuxSystemAdapter } from '../../electron/services/netproxy/linux-system';
import { parseSettings } from '../../electron/services/netproxy/settings';
import { DriverError, type Step } from '../../electron/services/netproxy/types';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSessionBus, type SessionBus } from '../fixtures/session-bus';

/**
 * GNOME's system proxy against the real gsettings, dconf and dconf-service on a private session bus,
 * with HOME, XDG_CONFIG_HOME and XDG_RUNTIME_DIR in a sandbox: the real user's dconf is never touched.
 */

let sandbox: Sandbox;
let bus: SessionBus;
let env: NodeJS.ProcessEnv;
let host: Host;

beforeAll(async () => {
  sandbox = await createSandbox();
  const base: NodeJS.ProcessEnv = {
    ...sandbox.env,
    GSETTINGS_BACKEND: 'dconf',
    XDG_CURRENT_DESKTOP: 'GNOME',
  };
  delete base.DCONF_PROFILE;
  delete base.DISPLAY;
  bus = await startSessionBus({ dir: sandbox.root, env: base });
  env = { ...base, ...bus.env };
  host = createNodeHost({ env });
});

afterAll(async () => {
  await bus?.close();
  await sandbox?.cleanup();
});

beforeEach(async () => {
  // One bus (and one dconf database) for the file: every test starts from defaults.
  await run('dconf', ['reset', '-f', '/system/proxy/']);
  expect(await dump()).toBe('');
});

function run(
  file: string,
  args: string[],
  extra: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...env, ...extra }, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function gsettings(...args: string[]): Promise<string> {
  const result = await run('gsettings', args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.replace(/\n$/, '');
}

const dump = async (extra: NodeJS.ProcessEnv = {}) =>
  (await run('dconf', ['dump', '/system/proxy/'], extra)).stdout;

/** What the journal does: states go through JSON and the driver's own validation. */
async function writeSteps(h: Host, steps: Step[], which: 'before' | 'after'): Promise<void> {
  const ordered = which === 'after' ? steps : [...steps].reverse();
  for (const step of ordered) {
    expect(step.place.driver).toBe('gsettings');
    const stored = JSON.parse(JSON.stringify(step)) as Step;
    await gsettingsDriver.write(
      h,
      gsettingsDriver.parseAddress(stored.place.address),
      gsettingsDriver.parseState(which === 'after' ? stored.after : stored.before),
    );
  }
}

const keysOf = (steps: Step[]) =>
  steps.map((s) => {
    const { schema, key } = s.place.address as GSettingsAddress;
    return `${schema.replace('org.gnome.system.proxy', 'proxy')} ${key}`;
  });

describe('gsettings driver', () => {
  it('tells a user value from a default, even when the user value equals the default', async () => {
    const port = { schema: 'org.gnome.system.proxy.http', key: 'port' };
    expect(await gsettingsDriver.read(host, port)).toEqual({ value: '8080', userSet: false });
    await gsettings('set', 'org.gnome.system.proxy.http', 'port', '8080');
    expect(await gsettingsDriver.read(host, port)).toEqual({ value: '8080', userSet: true });
    expect(
      await gsettingsDriver.read(host, { schema: 'org.gnome.system.proxy', key: 'ignore-hosts' }),
    ).toEqual({
      value: "['localhost', '127.0.0.0/8', '::1']",
      userSet: false,
    });
  });

  it('writes strings with quotes, backslashes and control characters exactly as gsettings prints them', async () => {
    const address = { schema: 'org.gnome.system.proxy', key: 'autoconfig-url' };
    for (const text of [`it's "quoted" \\ here`, 'say "hi"', 'tab\there\nnewline', 'plain', '']) {
      const value = gvariantString(text);
      await gsettingsDriver.write(host, address, { value, userSet: true });
      // Byte for byte what GLib's g_variant_print gives, so the journal's digest matches a later read.
      expect(await gsettings('get', address.schema, address.key)).toBe(value);
      expect(parseGVariant(value)).toBe(text);
    }
    expect(gvariantString(`it's "quoted" \\ here`)).toBe(`"it's \\"quoted\\" \\\\ here"`);
    const hosts = { schema: 'org.gnome.system.proxy', key: 'ignore-hosts' };
    for (const list of [['a', "b'c", 'd\\e'], []]) {
      await gsettingsDriver.write(host, hosts, { value: gvariantStringArray(list), userSet: true });
      expect(await gsettings('get', hosts.schema, hosts.key)).toBe(gvariantStringArray(list));
      expect(parseGVariant(gvariantStringArray(list))).toEqual(list);
    }
    expect(gvariantStringArray([])).toBe('@as []');
  });

  it('resets a key that was default instead of writing the default value', async () => {
    const mode = { schema: 'org.gnome.system.proxy', key: 'mode' };
    await gsettingsDriver.write(host, mode, { value: "'manual'", userSet: true });
    expect(await dump()).toBe("[/]\nmode='manual'\n");
    await gsettingsDriver.write(host, mode, { value: "'none'", userSet: false });
    expect(await dump()).toBe('');
    expect((await run('dconf', ['read', '/system/proxy/mode'])).stdout).toBe('');
  });

  it('compares values by meaning', () => {
    const state = (value: string): GSettingsState => ({ value, userSet: true });
    expect(gsettingsDriver.equal(state("'a'"), state('"a"'))).toBe(true);
    expect(gsettingsDriver.equal(state('@as []'), state('[]'))).toBe(true);
    expect(gsettingsDriver.equal(state("'8080'"), state('8080'))).toBe(false);
    expect(gsettingsDriver.equal(state("'none'"), { value: "'none'", userSet: false })).toBe(false);
  });

  it('refuses journal entries for keys that are not proxy settings', () => {
    expect(() =>
      gsettingsDriver.parseAddress({ schema: 'org.gnome.desktop.background', key: 'picture-uri' }),
    ).toThrow();
    expect(() => gsettingsDriver.parseAddress({ schema: 'org.gnome.system.proxy', key: '--help' })).toThrow();
    expect(() => gsettingsDriver.parseState({ value: "'a'\u0000", userSet: true })).toThrow();
    expect(gsettingsDriver.parseAddress({ schema: 'org.gnome.system.proxy.https', key: 'host' })).toEqual({
      schema: 'org.gnome.system.proxy.https',
      key: 'host',
    });
  });

  it('fails when GSettings cannot save the change (no session bus) instead of pretending', async () => {
    const noBus = createNodeHost({
      env: { ...env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(sandbox.root, 'no-bus')}` },
    });
    const error = await gsettingsDriver
      .write(noBus, { schema: 'org.gnome.system.proxy', key: 'mode' }, { value: "'manual'", userSet: true })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DriverError);
    // gsettings may or may not print dconf's complaint before it exits (the commit fails
    // asynchronously), and exits 0 either way: the read-back is what notices.
    expect((error as DriverError).message).toMatch(
      /^GNOME did not keep the change to org\.gnome\.system\.proxy mode( \(gsettings said: .*failed to commit changes to dconf.*\))?\. GSettings needs the desktop session \(its D-Bus session bus\) to save changes: run this from inside the session\.$/s,
    );
    expect((error as DriverError).argv).toEqual([
      'gsettings',
      'set',
      'org.gnome.system.proxy',
      'mode',
      "'manual'",
    ]);
    expect(await dump()).toBe('');
  });

  it('leaves administrator defaults (system databases) as defaults', async () => {
    // A dconf profile with a system database under the user's, as /etc/dconf/profile/user can have.
    const keyfiles = path.join(sandbox.root, 'dconf-keyfiles');
    await mkdir(keyfiles, { recursive: true });
    await writeFile(
      path.join(keyfiles, '00-proxy'),
      "[system/proxy]\nmode='auto'\nautoconfig-url='http://wpad.corp.example/wpad.dat'\n",
    );
    const db = path.join(sandbox.root, 'dconf-site');
    expect((await run('dconf', ['compile', db, keyfiles])).code).toBe(0);
    const profile = path.join(sandbox.root, 'dconf-profile');
    await writeFile(profile, `user-db:user\nfile-db:${db}\n`);
    const withSite = createNodeHost({ env: { ...env, DCONF_PROFILE: profile } });
    const mode = { schema: 'org.gnome.system.proxy', key: 'mode' };
    expect(await gsettingsDriver.read(withSite, mode)).toEqual({ value: "'auto'", userSet: false });

    const plan = await gnomeSystemAdapter(withSite).plan(parseSettings({ http: 'proxy.example.com:3128' }));
    await writeSteps(withSite, plan.steps, 'after');
    expect(await gsettingsDriver.read(withSite, mode)).toEqual({ value: "'manual'", userSet: true });
    await writeSteps(withSite, plan.steps, 'before');
    expect(await gsettingsDriver.read(withSite, mode)).toEqual({ value: "'auto'", userSet: false });
    expect(await dump()).toBe('');
  });
});

describe('gnomeSystemAdapter', () => {
  it('sets the proxy, and writing the journaled states back leaves dconf byte-identical', async () => {
    // The user's own values: a bypass list, and a port equal to the schema default but set.
    await gsettings('set', 'org.gnome.system.proxy', 'ignore-hosts', "['localhost', 'intranet.example']");
    await gsettings('set', 'org.gnome.system.proxy.http', 'port', '8080');
    const before = await dump();
    expect(before).toBe("[/]\nignore-hosts=['localhost', 'intranet.example']\n\n[http]\nport=8080\n");

    const adapter = gnomeSystemAdapter(host);
    expect(await adapter.unavailable()).toBeNull();
    const plan = await adapter.plan(
      parseSettings({ http: 'http://proxy.example.com:3128', noProxy: 'localhost,10.0.0.0/8' }),
    );
    expect(keysOf(plan.steps)).toEqual([
      'proxy.http host',
      'proxy.http port',
      'proxy.https host',
      'proxy.https port',
      'proxy ignore-hosts',
      'proxy mode',
    ]);
    expect(plan.notify).toEqual([]);
    expect(plan.steps.map((s) => s.before)).toEqual([
      { value: "''", userSet: false },
      { value: '8080', userSet: true },
      { value: "''", userSet: false },
      { value: '0', userSet: false },
      { value: "['localhost', 'intranet.example']", userSet: true },
      { value: "'none'", userSet: false },
    ]);

    await writeSteps(host, plan.steps, 'after');
    // What a restore checks before it puts a key back: the key still holds what was written.
    for (const step of plan.steps) {
      const now = await gsettingsDriver.read(host, step.place.address as GSettingsAddress);
      expect(now).toEqual(step.after);
      expect(gsettingsDriver.identity!(now)).toEqual(gsettingsDriver.identity!(step.after as GSettingsState));
    }
    expect(await gsettings('get', 'org.gnome.system.proxy', 'mode')).toBe("'manual'");
    expect(await gsettings('get', 'org.gnome.system.proxy.http', 'host')).toBe("'proxy.example.com'");
    expect(await gsettings('get', 'org.gnome.system.proxy.http', 'port')).toBe('3128');
    expect(await gsettings('get', 'org.gnome.system.proxy.https', 'host')).toBe("'proxy.example.com'");
    expect(await gsettings('get', 'org.gnome.system.proxy.https', 'port')).toBe('3128');
    expect(await gsettings('get', 'org.gnome.system.proxy', 'ignore-hosts')).toBe(
      "['localhost', '10.0.0.0/8']",
    );
    expect(await adapter.read()).toEqual({
      scope: 'system',
      source: 'gsettings org.gnome.system.proxy',
      http: 'http://proxy.example.com:3128',
      https: 'http://proxy.example.com:3128',
      noProxy: 'localhost,10.0.0.0/8',
      available: true,
      conflicts: [],
    });

    // Applied: nothing left to do.
    const again = await adapter.plan(
      parseSettings({ http: 'http://proxy.example.com:3128', noProxy: 'localhost,10.0.0.0/8' }),
    );
    expect(again.steps).toEqual([]);

    await writeSteps(host, plan.steps, 'before');
    expect(await dump()).toBe(before);
    // Keys that were default are default again, not set to the default value.
    for (const key of [
      '/system/proxy/mode',
      '/system/proxy/http/host',
      '/system/proxy/https/host',
      '/system/proxy/https/port',
    ]) {
      expect((await run('dconf', ['read', key])).stdout).toBe('');
    }
  });

  it('unset switches the mode to none and leaves host, port and bypass list', async () => {
    await gsettings('set', 'org.gnome.system.proxy', 'mode', 'manual');
    await gsettings('set', 'org.gnome.system.proxy.http', 'host', 'old.example');
    await gsettings('set', 'org.gnome.system.proxy.http', 'port', '3128');
    const before = await dump();
    const adapter = gnomeSystemAdapter(host);
    const plan = await adapter.plan(null);
    expect(keysOf(plan.steps)).toEqual(['proxy mode']);
    expect(plan.steps[0]!.after).toEqual({ value: "'none'", userSet: true });
    await writeSteps(host, plan.steps, 'after');
    expect(await dump()).toBe("[/]\nmode='none'\n\n[http]\nhost='old.example'\nport=3128\n");
    expect((await adapter.read()).http).toBeNull();
    expect((await adapter.read()).note).toBe("GNOME proxy mode is 'none'");
    expect((await adapter.plan(null)).steps).toEqual([]);
    await writeSteps(host, plan.steps, 'before');
    expect(await dump()).toBe(before);
  });

  it('has nothing to do for unset when the mode is already none by default', async () => {
    expect((await gnomeSystemAdapter(host).plan(null)).steps).toEqual([]);
  });

  it('keeps the bypass list when none is given', async () => {
    const plan = await gnomeSystemAdapter(host).plan(parseSettings({ http: 'proxy.example.com:8080' }));
    // Port 8080 is the http default (a value that already matches is left out), https's default is 0.
    expect(keysOf(plan.steps)).toEqual([
      'proxy.http host',
      'proxy.https host',
      'proxy.https port',
      'proxy mode',
    ]);
    await writeSteps(host, plan.steps, 'after');
    expect(await gsettings('get', 'org.gnome.system.proxy', 'ignore-hosts')).toBe(
      "['localhost', '127.0.0.0/8', '::1']",
    );
  });

  it('never writes proxy credentials to dconf', async () => {
    const plan = await gnomeSystemAdapter(host).plan(
      parseSettings({ http: 'http://alice:s3cret@proxy.example.com:3128' }),
    );
    expect(plan.warnings).toContainEqual(expect.stringMatching(/password in plain text in dconf/));
    expect(JSON.stringify(plan.steps)).not.toMatch(/alice|s3cret/);
    await writeSteps(host, plan.steps, 'after');
    const written = await dump();
    expect(written).not.toMatch(/alice|s3cret|authentication/);
    expect(written).toBe(
      "[/]\nmode='manual'\n\n[http]\nhost='proxy.example.com'\nport=3128\n\n[https]\nhost='proxy.example.com'\nport=3128\n",
    );
  });

  it('warns that GNOME reaches an https:// proxy over plain HTTP', async () => {
    const plan = await gnomeSystemAdapter(host).plan(parseSettings({ https: 'https://proxy.example.com' }));
    expect(plan.warnings).toEqual([
      'GNOME talks plain HTTP to a proxy: https://proxy.example.com:443 is set as http://proxy.example.com:443 there',
    ]);
  });

  it('explains why it cannot be used', async () => {
    const empty = path.join(sandbox.root, 'empty-bin');
    await mkdir(empty, { recursive: true });
    expect(await gnomeSystemAdapter(createNodeHost({ env: { ...env, PATH: empty } })).unavailable()).toBe(
      'gsettings is not installed (not found on PATH; package libglib2.0-bin)',
    );
    // No schemas where GLib looks for them.
    const noSchemas = createNodeHost({ env: { ...env, XDG_DATA_DIRS: empty, GSETTINGS_SCHEMA_DIR: empty } });
    expect(await gnomeSystemAdapter(noSchemas).unavailable()).toBe(
      "GNOME's proxy settings schema (org.gnome.system.proxy, package gsettings-desktop-schemas) is not installed",
    );
    const noBusEnv: NodeJS.ProcessEnv = { ...env, XDG_RUNTIME_DIR: empty };
    delete noBusEnv.DBUS_SESSION_BUS_ADDRESS;
    const noBus = gnomeSystemAdapter(createNodeHost({ env: noBusEnv }));
    expect(await noBus.unavailable()).toMatch(/^there is no D-Bus session bus/);
    await expect(noBus.plan(null)).rejects.toThrow(
      /^Cannot set GNOME's system proxy: there is no D-Bus session bus/,
    );
  });
});

describe('linuxSystemAdapter', () => {
  const pick = (extra: NodeJS.ProcessEnv) =>
    linuxSystemAdapter(createNodeHost({ env: { ...env, ...extra } }));

  it('picks KDE for Plasma and GNOME for the GNOME family', () => {
    expect(pick({ XDG_CURRENT_DESKTOP: 'KDE' }).variant).toBe('kde');
    for (const desktop of ['GNOME', 'ubuntu:GNOME', 'X-Cinnamon', 'MATE', 'Budgie:GNOME', 'Unity']) {
      expect(pick({ XDG_CURRENT_DESKTOP: desktop }).variant).toBe('gnome');
    }
  });

  it('says why when neither works', async () => {
    const empty = path.join(sandbox.root, 'empty-bin');
    await mkdir(empty, { recursive: true });
    const adapter = pick({ XDG_CURRENT_DESKTOP: '', PATH: empty });
    expect(await adapter.unavailable()).toBe(
      "no desktop session was detected (XDG_CURRENT_DESKTOP is not set), and GNOME's proxy settings cannot be used: gsettings is not installed (not found on PATH; package libglib2.0-bin). The system proxy is supported on KDE Plasma and on GNOME-family desktops (GNOME, Ubuntu, Cinnamon, MATE, Budgie); --scope env,git still works here",
    );
    const reading = await adapter.read();
    expect(reading.available).toBe(false);
    expect(reading.note).toBe(await adapter.unavailable());
  });

  it('uses GNOME settings on another desktop, with a note', async () => {
    const reading = await pick({ XDG_CURRENT_DESKTOP: 'XFCE' }).read();
    expect(reading.available).toBe(true);
    expect(reading.note).toBe(
      "GNOME proxy mode is 'none'; the desktop is XFCE: GNOME's settings are what GLib/GIO apps use, other apps may ignore them",
    );
  });
});
