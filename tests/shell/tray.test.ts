import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMirror, type Mirror } from '../fixtures/mirror';
import {
  createWorld,
  launchShell,
  liveWindows,
  settledSettings,
  trayItems,
  type ShellApp,
  type World,
} from './harness';
import type { StandInState } from './stand-in/protocol';

/**
 * The tray of the built main process against two local module mirrors (the catalogue's public mirrors
 * fail DNS on these machines): what a click on a mirror and on "Probe now" really change.
 */

const goEnv = async (world: World, key: string): Promise<string> =>
  (await promisify(execFile)('go', ['env', key], { env: world.env, encoding: 'utf8' })).stdout.trim();

const item = (s: StandInState, label: string) => trayItems(s).find((i) => i.label.includes(label));

describe('tray', () => {
  let alpha: Mirror;
  let beta: Mirror;
  let world: World;
  let app: ShellApp;

  beforeAll(async () => {
    [alpha, beta] = await Promise.all([startMirror(), startMirror()]);
    world = await createWorld({
      settings: settledSettings({
        customMirrors: [
          { id: 'alpha', name: 'Alpha', url: alpha.url },
          { id: 'beta', name: 'Beta', url: beta.url },
        ],
      }),
      goEnv: `GOPROXY=${alpha.url},direct\n`,
    });
    // A start at login: the tray only.
    app = await launchShell({ env: world.env, args: ['--hidden'] });
    await app.waitFor('Alpha checked in the tray', (s) => item(s, 'Alpha')?.checked);
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all([alpha?.close(), beta?.close()]);
    await world?.cleanup();
  });

  it('starts hidden at login and opens the window from a click on the icon', async () => {
    expect((await app.state()).windows).toEqual([]);
    await app.request({ type: 'click-tray-icon' });
    await app.waitFor('the window', (s) => liveWindows(s).length === 1);
  });

  it('a click on a mirror moves GOPROXY to it, keeping the chain, with a snapshot to undo', async () => {
    expect(item(await app.state(), 'Alpha')).toMatchObject({
      type: 'radio',
      checked: true,
      clickable: false,
    });
    await app.request({ type: 'click-tray', label: 'Beta' });
    const s = await app.waitFor('Beta checked', (st) =>
      item(st, 'Beta')?.checked && item(st, 'Alpha')?.clickable ? st : null,
    );
    expect(await goEnv(world, 'GOPROXY')).toBe(`${beta.url},direct`);
    expect(await readFile(world.sandbox.goEnvFile, 'utf8')).toContain(`GOPROXY=${beta.url},direct`);
    expect(s.trays[0]!.tooltip).toContain('Beta');
    const windowContents = liveWindows(s)[0]!.webContentsId;
    const history = await app.invoke('goenv:history', {}, { webContentsId: windowContents });
    expect(history).toMatchObject({ ok: true, value: { entries: [{ kind: 'write' }] } });
    // The window heard of it too.
    expect(s.webContents.find((w) => w.id === windowContents)!.sent).toContainEqual({
      channel: 'goproxy:event',
      args: ['state:changed', { area: 'goenv' }],
    });
  });

  it('"Probe now" probes every mirror, shows the latencies in the tray and says how many are healthy', async () => {
    const before = alpha.requests.length + beta.requests.length;
    await app.request({ type: 'click-tray', label: 'Probe now' });
    const s = await app.waitFor('the probe notification', (st) =>
      st.notifications.find((n) => n.title === 'Probe finished') ? st : null,
    );
    const total = trayItems(s).filter((i) => i.type === 'radio').length;
    expect(s.notifications.find((n) => n.title === 'Probe finished')!.body).toBe(
      `Healthy mirrors: 2 of ${total}.`,
    );
    expect(alpha.requests.length + beta.requests.length).toBeGreaterThan(before);
    const labels = await app.waitFor('latencies in the tray', (st) => {
      const a = item(st, 'Alpha')?.label;
      const b = item(st, 'Beta')?.label;
      return a && b && / \d+ ms$/.test(a) && / \d+ ms$/.test(b) ? st : null;
    });
    // The public mirrors cannot be reached from here.
    expect(item(labels, 'Goproxy.cn')!.label).toMatch(/not answering$/);
    const history = await app.invoke(
      'history:read',
      { mirrors: ['alpha', 'beta'] },
      { webContentsId: liveWindows(labels)[0]!.webContentsId },
    );
    const mirrors = (history.value as { mirrors: { id: string; entries: { status: string }[] }[] }).mirrors;
    expect(mirrors.map((m) => [m.id, m.entries.length])).toEqual([
      ['alpha', 1],
      ['beta', 1],
    ]);
    expect(labels.unimplemented).toEqual([]);
    expect(labels.problems).toEqual([]);
  });
});
