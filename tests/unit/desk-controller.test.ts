import { describe, expect, it } from 'vitest';
import {
  createDesk,
  FIRST_ROUND_DELAY_MS,
  type DeskEffects,
  type DeskNotification,
  type DeskServices,
} from '../../electron/shell/controller';
import type { TrayItem } from '../../electron/shell/tray-menu';
import { AppError } from '../../electron/dispatch';
import type { AppSettings, ProbeResult, ProbeRunRequest, ProbeStatus } from '../../shared/contract';

/**
 * The tray and background controller against stand-ins for the services (their real behaviour is
 * tested against real peers elsewhere): what it asks of them, what it draws, what it tells the user.
 */
const MIRRORS = [
  { id: 'goproxy.cn', name: 'Goproxy.cn', url: 'https://goproxy.cn', region: 'cn', notes: '', custom: false },
  { id: 'goproxy.io', name: 'GOPROXY.IO', url: 'https://goproxy.io', region: 'cn', notes: '', custom: false },
  {
    id: 'aliyun',
    name: 'Aliyun',
    url: 'https://mirrors.aliyun.com/goproxy',
    region: 'cn',
    notes: '',
    custom: false,
  },
];

const SETTINGS: AppSettings = {
  language: 'en',
  theme: 'system',
  probeIntervalMinutes: 10,
  autoSwitch: true,
  autoSwitchAfterFailures: 2,
  launchAtLogin: false,
  restoreProxyOnQuit: false,
  historyRetentionDays: 30,
  customMirrors: [],
  verifyModule: 'rsc.io/quote@v1.5.2',
  projectDirs: [],
  wizardCompletedAt: '2026-01-01T00:00:00Z',
};

function probeResult(id: string, status: ProbeStatus, p50: number | null): ProbeResult {
  const url = MIRRORS.find((m) => m.id === id)!.url;
  return {
    id,
    url,
    status,
    successRate: status === 'dead' ? 0 : 1,
    latency: { p50, p95: p50, min: p50, max: p50 },
    phases: { dns: null, connect: null, tls: null, ttfb: null, total: p50 },
    warm: { ttfb: null, total: null },
    samples: [],
    toolchain: null,
  };
}

function world() {
  const calls: string[] = [];
  const w = {
    settings: { ...SETTINGS },
    goproxy: 'https://goproxy.cn,direct',
    status: { 'goproxy.cn': 'ok', 'goproxy.io': 'ok', aliyun: 'ok' } as Record<string, ProbeStatus>,
    latency: { 'goproxy.cn': 40, 'goproxy.io': 120, aliyun: 60 } as Record<string, number>,
    history: [] as { id: string; kind: 'write' | 'undo' }[],
    useError: null as Error | null,
    findings: [{ id: 'sumdb-off', severity: 'error', title: 'GOSUMDB is off.' }],
    calls,
  };
  let snapshots = 0;
  const services = {
    settings: { read: async () => ({ exists: true, settings: w.settings }) },
    mirrors: { list: async () => ({ mirrors: MIRRORS }) },
    goenv: {
      read: async () => ({
        go: null,
        envFile: null,
        vars: { GOPROXY: { value: w.goproxy, source: 'env-file' } },
      }),
      use: async ({ target }: { target: string }) => {
        calls.push(`use ${target}`);
        if (w.useError) throw w.useError;
        const url = MIRRORS.find((m) => m.id === target)?.url ?? target;
        w.goproxy = `${url},direct`;
        const snapshot = { id: `s${++snapshots}`, at: '2026-01-01T00:00:00Z' };
        w.history.unshift({ id: snapshot.id, kind: 'write' });
        return {
          envFile: '/env',
          changed: [{ key: 'GOPROXY', from: null, to: w.goproxy }],
          warnings: [],
          overrides: [],
          snapshot,
        };
      },
      history: async () => ({ entries: w.history }),
      undo: async () => {
        calls.push('undo');
        w.goproxy = 'https://goproxy.cn,direct';
        w.history.shift();
        return {};
      },
    },
    probe: {
      run: async (request: ProbeRunRequest) => {
        const ids = request.mirrors ?? MIRRORS.map((m) => m.id);
        calls.push(`probe ${ids.join(' ')}`);
        return {
          startedAt: '',
          module: 'rsc.io/quote@v1.5.2',
          results: ids.map((id) =>
            probeResult(id, w.status[id]!, w.status[id] === 'dead' ? null : w.latency[id]!),
          ),
        };
      },
      history: async () => ({
        mirrors: MIRRORS.map((m) => ({
          id: m.id,
          url: m.url,
          entries: [
            { at: '', status: w.status[m.id]!, successRate: 1, p50: w.latency[m.id]!, p95: null, phases: {} },
          ],
        })),
      }),
    },
    profiles: {
      list: async () => ({ profiles: [{ name: 'office' }] }),
      apply: async (name: string) => {
        calls.push(`profile ${name}`);
        return { transaction: { places: 3 } };
      },
    },
    doctor: {
      run: async () => ({ findings: w.findings, counts: { error: 1, warning: 2, info: 4 } }),
    },
  } as unknown as DeskServices;

  const drawn: { items: TrayItem[]; tooltip: string }[] = [];
  const notes: DeskNotification[] = [];
  const loginItems: boolean[] = [];
  const effects: DeskEffects = {
    renderTray: (items, tooltip) => drawn.push({ items, tooltip }),
    notify: (n) => notes.push(n),
    showWindow: (page) => calls.push(`show ${page}`),
    quit: () => calls.push('quit'),
    systemLanguage: () => 'zh-CN',
    applyLoginItem: (enabled) => loginItems.push(enabled),
  };
  const intervals = new Map<number, { fn: () => void; ms: number }>();
  const timeouts = new Map<number, { fn: () => void; ms: number }>();
  let nextHandle = 0;
  const timers = {
    setInterval: (fn: () => void, ms: number) => (intervals.set(++nextHandle, { fn, ms }), nextHandle),
    clearInterval: (h: unknown) => void intervals.delete(h as number),
    setTimeout: (fn: () => void, ms: number) => (timeouts.set(++nextHandle, { fn, ms }), nextHandle),
    clearTimeout: (h: unknown) => void timeouts.delete(h as number),
  };
  const desk = createDesk(services, effects, timers);
  const last = () => drawn.at(-1)!;
  const labels = () =>
    last().items.flatMap((i) => (i.kind === 'separator' ? [] : i.kind === 'submenu' ? [i.label] : [i.label]));
  return { w, desk, drawn, notes, loginItems, intervals, timeouts, last, labels, calls };
}

describe('desk controller: the tray', () => {
  it("draws the mirrors with their last latency, GOPROXY's first as checked, and the checklist count", async () => {
    const { desk, last, labels } = world();
    await desk.refresh();
    const checked = last()
      .items.filter((i) => i.kind === 'radio' && i.checked)
      .map((i) => i.kind !== 'separator' && i.label);
    expect(checked).toEqual(['🟢 Goproxy.cn — 40 ms']);
    expect(labels()).toContain('Open checklist (3 issues)');
    expect(last().tooltip).toBe('GoProxy Desk — 🟢 Goproxy.cn — 40 ms');
  });

  it('speaks the language of the settings, and the OS language for "system"', async () => {
    const { desk, w, labels } = world();
    w.settings = { ...SETTINGS, language: 'system' };
    await desk.refresh();
    expect(labels()).toContain('打开问题清单（3 个问题）');
    w.settings = { ...SETTINGS, language: 'en' };
    await desk.refresh();
    expect(labels()).toContain('Open checklist (3 issues)');
  });

  it('switches the mirror from the tray through goenv.use with the mirror id', async () => {
    const { desk, calls, last } = world();
    await desk.refresh();
    await desk.dispatch({ type: 'use-mirror', id: 'aliyun', url: 'https://mirrors.aliyun.com/goproxy' });
    expect(calls).toContain('use aliyun');
    const checked = last().items.filter((i) => i.kind === 'radio' && i.checked);
    expect(checked.map((i) => i.kind !== 'separator' && i.label)).toEqual(['🟢 Aliyun — 60 ms']);
  });

  it('disables the menu while a change runs, and tells a failure in words with the next step', async () => {
    const { desk, w, drawn, notes } = world();
    await desk.refresh();
    w.useError = new AppError('go-failed', 'go: GOPROXY list is not the empty string');
    const before = drawn.length;
    await desk.dispatch({ type: 'use-fastest' });
    const during = drawn[before]!.items;
    expect(during.filter((i) => i.kind === 'radio').every((i) => i.kind === 'radio' && !i.enabled)).toBe(
      true,
    );
    expect(notes).toEqual([
      { title: 'That did not work', body: 'go failed: go: GOPROXY list is not the empty string', page: null },
    ]);
  });

  it('applies a profile and says how many places changed; opens pages; quits', async () => {
    const { desk, calls, notes } = world();
    await desk.refresh();
    await desk.dispatch({ type: 'apply-profile', name: 'office' });
    expect(calls).toContain('profile office');
    expect(notes.at(-1)).toMatchObject({
      title: 'Profile “office” applied',
      body: 'Places changed: 3. Take it back on the Proxy page.',
    });
    await desk.dispatch({ type: 'open', page: 'checklist' });
    await desk.dispatch({ type: 'quit' });
    expect(calls.slice(-2)).toEqual(['show checklist', 'quit']);
  });
});

describe('desk controller: background health', () => {
  it('probes on the interval of the settings, from a first round shortly after start; 0 turns it off', async () => {
    const { desk, w, intervals, timeouts, loginItems } = world();
    await desk.start();
    expect([...intervals.values()].map((i) => i.ms)).toEqual([10 * 60_000]);
    expect([...timeouts.values()].map((t) => t.ms)).toContain(FIRST_ROUND_DELAY_MS);
    expect(loginItems).toEqual([false]);
    w.settings = { ...SETTINGS, probeIntervalMinutes: 0, launchAtLogin: true };
    await desk.refresh();
    expect(intervals.size).toBe(0);
    expect(loginItems).toEqual([false, true]);
  });

  it('probes only the mirror in use; after N failures in a row moves to the fastest healthy one, with undo', async () => {
    const { desk, w, calls, notes, labels } = world();
    await desk.refresh();
    w.status['goproxy.cn'] = 'dead';
    await desk.tick();
    expect(calls).toEqual(['probe goproxy.cn']);
    expect(notes).toEqual([]);
    await desk.tick();
    expect(calls).toEqual(['probe goproxy.cn', 'probe goproxy.cn', 'probe goproxy.io aliyun', 'use aliyun']);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      title: 'Switched to Aliyun',
      body: 'Goproxy.cn stopped answering (2 failed checks in a row), so GOPROXY now starts with Aliyun (60 ms). Undo it from the tray menu.',
      page: 'mirrors',
    });
    expect(notes[0]!.undo).toBeTypeOf('function');
    expect(labels()).toContain('Undo the switch to Aliyun');

    await desk.dispatch({ type: 'undo-switch' });
    expect(calls.at(-1)).toBe('undo');
    expect(w.goproxy).toBe('https://goproxy.cn,direct');
    expect(labels()).not.toContain('Undo the switch to Aliyun');
  });

  it('does not undo from the tray once go env changed after the switch', async () => {
    const { desk, w, calls, notes, labels } = world();
    await desk.refresh();
    w.status['goproxy.cn'] = 'dead';
    await desk.tick();
    await desk.tick();
    w.history.unshift({ id: 'manual', kind: 'write' });
    await desk.refresh();
    expect(labels()).not.toContain('Undo the switch to Aliyun');
    await desk.dispatch({ type: 'undo-switch' });
    expect(calls).not.toContain('undo');
    expect(notes).toHaveLength(1);
  });

  it('with auto-switch off, only tells that the mirror is down, once', async () => {
    const { desk, w, calls, notes } = world();
    w.settings = { ...SETTINGS, autoSwitch: false };
    w.status['goproxy.cn'] = 'dead';
    for (let i = 0; i < 4; i++) await desk.tick();
    expect(calls.filter((c) => c.startsWith('use'))).toEqual([]);
    expect(notes.map((n) => n.title)).toEqual(['Goproxy.cn is not answering']);
  });

  it('changes nothing when no other mirror is healthy, tells once, and switches when one comes back', async () => {
    const { desk, w, calls, notes } = world();
    await desk.refresh();
    w.status = { 'goproxy.cn': 'dead', 'goproxy.io': 'dead', aliyun: 'dead' };
    for (let i = 0; i < 4; i++) await desk.tick();
    expect(calls.filter((c) => c.startsWith('use'))).toEqual([]);
    expect(notes.map((n) => n.title)).toEqual([
      'Goproxy.cn is not answering, and no other mirror is healthy',
    ]);
    w.status['goproxy.io'] = 'ok';
    await desk.tick();
    expect(calls.at(-1)).toBe('use goproxy.io');
  });

  it('announces a new checklist error found by a later round, not the ones there at the start', async () => {
    const { desk, w, notes } = world();
    await desk.tick();
    expect(notes).toEqual([]);
    w.findings = [
      ...w.findings,
      { id: 'goproxy-semicolon', severity: 'error', title: 'GOPROXY uses ";" between entries.' },
      { id: 'proxy-env-override', severity: 'warning', title: 'An OS variable overrides the env file.' },
    ];
    await desk.tick();
    expect(notes).toEqual([
      {
        title: 'A new error in the checklist',
        body: 'GOPROXY uses ";" between entries. Open the checklist to see the fix.',
        page: 'checklist',
      },
    ]);
    await desk.tick();
    expect(notes).toHaveLength(1);
  });

  it('stops for good on dispose: a round finishing afterwards starts no timer and draws nothing', async () => {
    const { desk, intervals, drawn } = world();
    const round = desk.tick();
    desk.dispose();
    await round;
    expect(intervals.size).toBe(0);
    expect(drawn).toEqual([]);
  });

  it('does no background round while probing is off', async () => {
    const { desk, w, calls } = world();
    w.settings = { ...SETTINGS, probeIntervalMinutes: 0 };
    await desk.tick();
    expect(calls.filter((c) => c.startsWith('probe'))).toEqual([]);
  });
});
