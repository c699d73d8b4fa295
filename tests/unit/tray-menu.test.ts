import { describe, expect, it } from 'vitest';
import {
  activeMirror,
  buildTrayMenu,
  trayTooltip,
  type TrayItem,
  type TrayState,
} from '../../electron/shell/tray-menu';
import { createI18n, type Language } from '../../shared/i18n';

const mirrors = [
  { id: 'proxy.golang.org', name: 'Go module proxy (Google)', url: 'https://proxy.golang.org' },
  { id: 'goproxy.cn', name: 'Goproxy.cn (Qiniu)', url: 'https://goproxy.cn' },
  { id: 'aliyun', name: 'Aliyun', url: 'https://mirrors.aliyun.com/goproxy/' },
];

function state(patch: Partial<TrayState> = {}): TrayState {
  return {
    mirrors,
    goproxy: 'https://goproxy.cn,direct',
    health: {
      'goproxy.cn': { status: 'ok', p50: 41.6 },
      'proxy.golang.org': { status: 'dead', p50: null },
    },
    profiles: ['office', 'home'],
    checklistIssues: 2,
    busy: null,
    undoSwitch: null,
    ...patch,
  };
}

const translators = (lang: Language) => {
  const i18n = createI18n(lang);
  return (key: string, options?: Record<string, string | number>) => i18n.t(key, options);
};
const en = translators('en');
const zh = translators('zh-CN');

const radios = (items: TrayItem[]) => items.filter((i) => i.kind === 'radio');
const labels = (items: TrayItem[]): string[] =>
  items.flatMap((i) =>
    i.kind === 'separator' ? [] : i.kind === 'submenu' ? [i.label, ...labels(i.items)] : [i.label],
  );
const find = (items: TrayItem[], type: string) =>
  items.find((i): i is Extract<TrayItem, { kind: 'item' }> => i.kind === 'item' && i.action.type === type);

describe('tray menu: the mirror list', () => {
  it('checks the mirror GOPROXY starts with, whatever its spelling (bare host, trailing slash, case)', () => {
    for (const goproxy of [
      'goproxy.cn,direct',
      'https://goproxy.cn/|https://proxy.golang.org',
      'HTTPS://GOPROXY.CN',
    ]) {
      const checked = radios(buildTrayMenu(state({ goproxy }), en)).filter((r) => r.checked);
      expect(
        checked.map((r) => r.label),
        goproxy,
      ).toEqual(['🟢 Goproxy.cn (Qiniu) — 42 ms']);
    }
    expect(activeMirror(mirrors, 'https://mirrors.aliyun.com/goproxy,direct')?.id).toBe('aliyun');
  });

  it('shows each mirror with a health dot and its last median latency, in English and in Chinese', () => {
    const items = buildTrayMenu(state(), en);
    expect(radios(items).map((r) => r.label)).toEqual([
      '🔴 Go module proxy (Google) — not answering',
      '🟢 Goproxy.cn (Qiniu) — 42 ms',
      '⚪ Aliyun — not probed yet',
    ]);
    expect(radios(buildTrayMenu(state(), zh)).map((r) => r.label)).toEqual([
      '🔴 Go module proxy (Google) — 无响应',
      '🟢 Goproxy.cn (Qiniu) — 42 毫秒',
      '⚪ Aliyun — 尚未检测',
    ]);
  });

  it('switches with the mirror id on the others, and does nothing for the mirror already in use', () => {
    const [google, cn, aliyun] = radios(buildTrayMenu(state(), en));
    expect(cn).toMatchObject({ checked: true, action: null });
    expect(google).toMatchObject({
      checked: false,
      action: { type: 'use-mirror', id: 'proxy.golang.org', url: 'https://proxy.golang.org' },
    });
    expect(aliyun!.kind === 'radio' && aliyun!.action).toMatchObject({ type: 'use-mirror', id: 'aliyun' });
  });

  it.each([
    [
      'https://user:secret@goproxy.corp.example/go,direct',
      'https://user:xxxxx@goproxy.corp.example/go (not in the list)',
    ],
    ['direct', 'direct (no mirror)'],
    ['off', 'off (module downloads disabled)'],
    ['ftp://goproxy.cn,direct', 'GOPROXY is invalid (see the checklist)'],
  ])(
    'shows %s, which is not a listed mirror, as the checked entry that cannot be clicked',
    (goproxy, label) => {
      const items = radios(buildTrayMenu(state({ goproxy }), en));
      const checked = items.filter((r) => r.checked);
      expect(checked).toEqual([{ kind: 'radio', label, checked: true, enabled: false, action: null }]);
      expect(checked[0]!.label).not.toContain('secret');
    },
  );

  it('checks nothing before go env has been read', () => {
    const items = radios(buildTrayMenu(state({ goproxy: null }), en));
    expect(items).toHaveLength(3);
    expect(items.some((r) => r.checked)).toBe(false);
  });
});

describe('tray menu: actions', () => {
  it('has, in order: mirrors, Fastest (auto), profiles, Probe now, the checklist, Open, Quit', () => {
    const items = buildTrayMenu(state(), en);
    expect(labels(items)).toEqual([
      'Mirror go asks first (GOPROXY)',
      '🔴 Go module proxy (Google) — not answering',
      '🟢 Goproxy.cn (Qiniu) — 42 ms',
      '⚪ Aliyun — not probed yet',
      'Fastest (auto)',
      'Profiles',
      'office',
      'home',
      'Probe now',
      'Open checklist (2 issues)',
      'Open GoProxy Desk',
      'Quit',
    ]);
    expect(find(items, 'use-fastest')?.enabled).toBe(true);
    expect(find(items, 'quit')?.action).toEqual({ type: 'quit' });
    expect(find(items, 'open')?.action).toEqual({ type: 'open', page: 'checklist' });
    const submenu = items.find((i) => i.kind === 'submenu');
    expect(submenu?.kind === 'submenu' && submenu.items).toEqual([
      { kind: 'item', label: 'office', enabled: true, action: { type: 'apply-profile', name: 'office' } },
      { kind: 'item', label: 'home', enabled: true, action: { type: 'apply-profile', name: 'home' } },
    ]);
  });

  it.each([
    [null, 'Open checklist', '打开问题清单'],
    [0, 'Open checklist (no issues)', '打开问题清单（没有问题）'],
    [1, 'Open checklist (1 issue)', '打开问题清单（1 个问题）'],
    [7, 'Open checklist (7 issues)', '打开问题清单（7 个问题）'],
  ])('counts %s checklist issues in the checklist item', (count, english, chinese) => {
    expect(labels(buildTrayMenu(state({ checklistIssues: count }), en))).toContain(english);
    expect(labels(buildTrayMenu(state({ checklistIssues: count }), zh))).toContain(chinese);
  });

  it('says so when there are no profiles, with nothing to click', () => {
    const submenu = buildTrayMenu(state({ profiles: [] }), zh).find((i) => i.kind === 'submenu');
    expect(submenu).toEqual({
      kind: 'submenu',
      label: '配置方案',
      items: [{ kind: 'label', label: '还没有配置方案' }],
    });
  });

  it('disables every changing item while a probe runs, but keeps Open, the checklist and Quit', () => {
    const items = buildTrayMenu(state({ busy: 'probe' }), en);
    expect(radios(items).every((r) => !r.enabled)).toBe(true);
    expect(find(items, 'probe-now')).toMatchObject({ label: 'Probing…', enabled: false });
    expect(find(items, 'use-fastest')?.enabled).toBe(false);
    const submenu = items.find((i) => i.kind === 'submenu');
    expect(submenu?.kind === 'submenu' && submenu.items.every((i) => i.kind === 'item' && !i.enabled)).toBe(
      true,
    );
    expect(
      items.filter((i) => i.kind === 'item' && i.enabled).map((i) => i.kind === 'item' && i.action.type),
    ).toEqual(['open', 'open', 'quit']);
    expect(find(buildTrayMenu(state({ busy: 'switch' }), en), 'use-fastest')?.label).toBe('Switching…');
  });

  it('offers Undo after an automatic switch, and only then', () => {
    expect(find(buildTrayMenu(state(), en), 'undo-switch')).toBeUndefined();
    expect(find(buildTrayMenu(state({ undoSwitch: 'Aliyun' }), en), 'undo-switch')?.label).toBe(
      'Undo the switch to Aliyun',
    );
    expect(find(buildTrayMenu(state({ undoSwitch: 'Aliyun' }), zh), 'undo-switch')?.label).toBe(
      '撤销切换到 Aliyun',
    );
  });

  it('cannot probe or pick the fastest without mirrors', () => {
    const items = buildTrayMenu(state({ mirrors: [] }), en);
    expect(find(items, 'probe-now')?.enabled).toBe(false);
    expect(find(items, 'use-fastest')?.enabled).toBe(false);
  });

  it('translates every label in Chinese (no English left over, no message key shown)', () => {
    const english = labels(buildTrayMenu(state({ undoSwitch: 'Aliyun', profiles: [] }), en));
    const chinese = labels(buildTrayMenu(state({ undoSwitch: 'Aliyun', profiles: [] }), zh));
    expect(chinese).toHaveLength(english.length);
    for (const [i, label] of chinese.entries()) {
      expect(label).not.toMatch(/^tray\./);
      // Radio labels repeat mirror names; every other label must differ from its English one.
      if (!/^[🟢🟡🟠🔴⚪]/u.test(label)) expect(label, english[i]).not.toBe(english[i]);
    }
  });
});

describe('tray tooltip', () => {
  it('names the mirror in use with its latency, or just the app', () => {
    expect(trayTooltip(state(), en)).toBe('GoProxy Desk — 🟢 Goproxy.cn (Qiniu) — 42 ms');
    expect(trayTooltip(state({ goproxy: 'direct' }), en)).toBe('GoProxy Desk');
  });
});
