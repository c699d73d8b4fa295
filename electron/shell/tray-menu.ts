import type { AppPage, ProbeStatus } from '../../shared/contract';
import { parseGoProxy, redactUrl } from '../../shared/go/goproxy';
import { withoutTrailingSlashes } from '../../shared/text';

/**
 * The tray menu as a pure function of what the app knows (DESIGN §8): the mirrors as a radio list with
 * their last median latency and a health dot, the active one being GOPROXY's first entry; "fastest";
 * the profiles; probe now; the checklist with its count; open; quit. electron/tray.ts only renders it.
 */

export type Translate = (key: string, options?: Record<string, string | number>) => string;

export interface TrayMirror {
  id: string;
  name: string;
  url: string;
}

export interface MirrorHealth {
  status: ProbeStatus;
  /** Median latency of the last probe, ms; null when no sample succeeded. */
  p50: number | null;
}

/** What the menu is drawn from. */
export interface TrayState {
  mirrors: readonly TrayMirror[];
  /** GOPROXY as go uses it; null until go env has been read (or when it could not be). */
  goproxy: string | null;
  /** The last probe of each mirror, by mirror id; a mirror never probed is absent. */
  health: Readonly<Record<string, MirrorHealth>>;
  profiles: readonly string[];
  /** Errors and warnings of the last checklist run; null before the first run finished. */
  checklistIssues: number | null;
  /** A tray action in progress: its items are disabled meanwhile, so a second click cannot race it. */
  busy: 'probe' | 'switch' | null;
  /** The last automatic switch, while it can still be undone: the name of the mirror switched to. */
  undoSwitch: string | null;
}

export type TrayAction =
  | { type: 'use-mirror'; id: string; url: string }
  | { type: 'use-fastest' }
  | { type: 'apply-profile'; name: string }
  | { type: 'probe-now' }
  | { type: 'undo-switch' }
  | { type: 'open'; page: AppPage | null }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'separator' }
  | { kind: 'label'; label: string }
  | { kind: 'radio'; label: string; checked: boolean; enabled: boolean; action: TrayAction | null }
  | { kind: 'item'; label: string; enabled: boolean; action: TrayAction }
  | { kind: 'submenu'; label: string; items: TrayItem[] };

/** GOPROXY's first entry: the mirror go asks first, or `direct` / `off`; null when go would reject it. */
export type ActiveEntry = { kind: 'proxy'; url: string } | { kind: 'direct' } | { kind: 'off' };

export function activeEntry(goproxy: string): ActiveEntry | null {
  const parsed = parseGoProxy(goproxy);
  if (!parsed.ok) return null;
  const first = parsed.value[0];
  if (!first) return null;
  return first.kind === 'proxy' ? { kind: 'proxy', url: first.url! } : { kind: first.kind };
}

/** Mirror URLs compare as go would treat them: scheme and host in any case, with or without a trailing slash. */
export function sameMirrorUrl(a: string, b: string): boolean {
  const norm = (raw: string): string => {
    try {
      const u = new URL(withoutTrailingSlashes(raw));
      return `${u.protocol}//${u.host}${withoutTrailingSlashes(u.pathname)}`;
    } catch {
      return withoutTrailingSlashes(raw);
    }
  };
  return norm(a) === norm(b);
}

/** The listed mirror GOPROXY starts with, or null (direct, off, an unlisted URL, or unknown yet). */
export function activeMirror(mirrors: readonly TrayMirror[], goproxy: string | null): TrayMirror | null {
  if (goproxy === null) return null;
  const entry = activeEntry(goproxy);
  if (entry?.kind !== 'proxy') return null;
  return mirrors.find((m) => sameMirrorUrl(m.url, entry.url)) ?? null;
}

const DOTS: Record<ProbeStatus | 'unknown', string> = {
  ok: '🟢',
  slow: '🟡',
  degraded: '🟠',
  dead: '🔴',
  unknown: '⚪',
};

export function mirrorLabel(mirror: TrayMirror, health: MirrorHealth | undefined, t: Translate): string {
  const latency =
    health === undefined
      ? t('tray.menu.notProbed')
      : health.status === 'dead' || health.p50 === null
        ? t('tray.menu.down')
        : t('tray.menu.latency', { ms: Math.round(health.p50) });
  return t('tray.menu.mirror', { dot: DOTS[health?.status ?? 'unknown'], name: mirror.name, latency });
}

function checklistLabel(issues: number | null, t: Translate): string {
  if (issues === null) return t('tray.menu.checklist');
  if (issues === 0) return t('tray.menu.checklistClear');
  if (issues === 1) return t('tray.menu.checklistOne');
  return t('tray.menu.checklistMany', { count: issues });
}

/** The radio item for a GOPROXY that starts with something not in the list: shown, checked, not clickable. */
function unlistedItem(goproxy: string, t: Translate): TrayItem | null {
  const entry = activeEntry(goproxy);
  const label =
    entry === null
      ? t('tray.menu.invalidChain')
      : entry.kind === 'direct'
        ? t('tray.menu.direct')
        : entry.kind === 'off'
          ? t('tray.menu.off')
          : t('tray.menu.unlisted', { url: redactUrl(entry.url) });
  return { kind: 'radio', label, checked: true, enabled: false, action: null };
}

export function buildTrayMenu(state: TrayState, t: Translate): TrayItem[] {
  const idle = state.busy === null;
  const active = activeMirror(state.mirrors, state.goproxy);
  const items: TrayItem[] = [{ kind: 'label', label: t('tray.menu.mirrorsHeader') }];
  for (const mirror of state.mirrors) {
    const checked = active?.id === mirror.id;
    items.push({
      kind: 'radio',
      label: mirrorLabel(mirror, state.health[mirror.id], t),
      checked,
      enabled: idle,
      // Choosing the mirror already in use changes nothing, so it writes nothing either.
      action: checked ? null : { type: 'use-mirror', id: mirror.id, url: mirror.url },
    });
  }
  if (state.goproxy !== null && active === null) items.push(unlistedItem(state.goproxy, t)!);
  items.push({
    kind: 'item',
    label: state.busy === 'switch' ? t('tray.menu.switching') : t('tray.menu.fastest'),
    enabled: idle && state.mirrors.length > 0,
    action: { type: 'use-fastest' },
  });
  if (state.undoSwitch !== null) {
    items.push({
      kind: 'item',
      label: t('tray.menu.undoSwitch', { name: state.undoSwitch }),
      enabled: idle,
      action: { type: 'undo-switch' },
    });
  }
  items.push({ kind: 'separator' });
  items.push({
    kind: 'submenu',
    label: t('tray.menu.profiles'),
    items:
      state.profiles.length === 0
        ? [{ kind: 'label', label: t('tray.menu.noProfiles') }]
        : state.profiles.map((name) => ({
            kind: 'item' as const,
            label: name,
            enabled: idle,
            action: { type: 'apply-profile' as const, name },
          })),
  });
  items.push({
    kind: 'item',
    label: state.busy === 'probe' ? t('tray.menu.probing') : t('tray.menu.probeNow'),
    enabled: idle && state.mirrors.length > 0,
    action: { type: 'probe-now' },
  });
  items.push({
    kind: 'item',
    label: checklistLabel(state.checklistIssues, t),
    enabled: true,
    action: { type: 'open', page: 'checklist' },
  });
  items.push({ kind: 'separator' });
  items.push({
    kind: 'item',
    label: t('tray.menu.open'),
    enabled: true,
    action: { type: 'open', page: null },
  });
  items.push({ kind: 'item', label: t('tray.menu.quit'), enabled: true, action: { type: 'quit' } });
  return items;
}

/** The tray icon's tooltip: the app, and the mirror in use with its last latency. */
export function trayTooltip(state: TrayState, t: Translate): string {
  const active = activeMirror(state.mirrors, state.goproxy);
  if (active === null) return t('tray.tooltip');
  return t('tray.tooltipMirror', { mirror: mirrorLabel(active, state.health[active.id], t) });
}
