import { readFile } from 'node:fs/promises';
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

/**
 * Background health of the built main process: the mirror GOPROXY starts with stops answering, and
 * after autoSwitchAfterFailures failed checks in a row GOPROXY moves to the healthy one, with a
 * notification and an Undo in the tray. Checks run every minute (the shortest interval the settings
 * allow); the stand-in runs long timers 60 times faster, so a minute passes in a second.
 */

const FAILURES = 2;

interface History {
  mirrors: { id: string; entries: { status: string }[] }[];
}

describe('auto-switch', () => {
  let alpha: Mirror;
  let beta: Mirror;
  let world: World;
  let app: ShellApp;
  let webContentsId: number;
  const original = (url: string) => `GOPROXY=${url},direct\n`;

  const history = async (): Promise<History> => {
    const answer = await app.invoke('history:read', { mirrors: ['alpha', 'beta'] }, { webContentsId });
    return answer.value as History;
  };

  beforeAll(async () => {
    [alpha, beta] = await Promise.all([startMirror(), startMirror()]);
    // Alpha resets every connection from the start: every background check of it fails.
    alpha.setFaults({ reset: true });
    world = await createWorld({
      settings: settledSettings({
        probeIntervalMinutes: 1,
        autoSwitch: true,
        autoSwitchAfterFailures: FAILURES,
        customMirrors: [
          { id: 'alpha', name: 'Alpha', url: alpha.url },
          { id: 'beta', name: 'Beta', url: beta.url },
        ],
      }),
      goEnv: original(alpha.url),
    });
    app = await launchShell({ env: world.env, longTimersDivisor: 60 });
    webContentsId = (await app.waitFor('the window', (s) => liveWindows(s)[0])).webContentsId;
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all([alpha?.close(), beta?.close()]);
    await world?.cleanup();
  });

  it(`switches to the healthy mirror after ${FAILURES} failed checks in a row, and says so`, async () => {
    const s = await app.waitFor(
      'the switch notification',
      (st) => st.notifications.find((n) => n.title === 'Switched to Beta') && st,
      60_000,
    );
    const notification = s.notifications.find((n) => n.title === 'Switched to Beta')!;
    expect(notification.body).toContain(`Alpha stopped answering (${FAILURES} failed checks in a row)`);
    expect(notification.shown).toBe(true);
    // Undo is in the tray (notification buttons are macOS only), and on the notification's action.
    expect(notification.actions).toEqual([]);
    expect(notification.actionListeners).toBe(1);
    expect(await readFile(world.sandbox.goEnvFile, 'utf8')).toContain(`GOPROXY=${beta.url},direct`);

    // Exactly FAILURES checks of Alpha, all failed: not one switch earlier, and none since (Beta is now
    // the one checked).
    const alphaEntries = (await history()).mirrors.find((m) => m.id === 'alpha')!.entries;
    expect(alphaEntries.map((e) => e.status)).toEqual(Array<string>(FAILURES).fill('dead'));
    expect(alpha.requests.every((r) => r.status === 0)).toBe(true);
    expect(alpha.requests.length).toBeGreaterThan(0);
  });

  it('keeps checking the new mirror and takes the switch back from the tray', async () => {
    const betaChecks = (await history()).mirrors.find((m) => m.id === 'beta')!.entries.length;
    await expect
      .poll(async () => (await history()).mirrors.find((m) => m.id === 'beta')!.entries.length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(betaChecks);
    const s = await app.state();
    expect(s.notifications.filter((n) => n.title.startsWith('Switched to'))).toHaveLength(1);

    // Alpha answers again, so that the undone switch does not happen again at once.
    alpha.clearFaults();
    await app.request({ type: 'click-tray', label: 'Undo the switch to Beta' });
    const undone = await app.waitFor('the undo notification', (st) =>
      st.notifications.find((n) => n.title === 'Switch undone') ? st : null,
    );
    expect(await readFile(world.sandbox.goEnvFile, 'utf8')).toBe(original(alpha.url));
    await app.waitFor('the undo item gone', (st) =>
      trayItems(st).every((i) => !i.label.startsWith('Undo the switch')) ? st : null,
    );
    expect(undone.unimplemented).toEqual([]);
    expect(undone.problems).toEqual([]);
  });
});
