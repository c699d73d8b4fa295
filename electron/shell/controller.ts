import { diagnose, diagnosisValues } from '../../shared/diagnose';
import type { i18n } from 'i18next';
import type { AppPage, AppSettings, DoctorReport, ProbeResult } from '../../shared/contract';
import { redactUrl } from '../../shared/go/goproxy';
import { createI18n, type Language } from '../../shared/i18n';
import { AppError } from '../dispatch';
import type { Services } from '../services';
import {
  assessHealth,
  chooseReplacement,
  INITIAL_HEALTH,
  recordSwitchFailure,
  type ChecklistError,
  type HealthState,
  type WatchedMirror,
} from './health-policy';
import { canUndoSwitch } from './lifecycle';
import {
  activeEntry,
  buildTrayMenu,
  sameMirrorUrl,
  trayTooltip,
  type MirrorHealth,
  type TrayAction,
  type TrayItem,
  type TrayMirror,
  type TrayState,
} from './tray-menu';

/**
 * What the tray and the background prober do, without Electron: the state the tray menu is drawn from,
 * the tray's actions, and the background health rounds. Electron comes in as `effects` (main.ts), so
 * this runs in unit tests against fake services and a fake clock.
 */

export type DeskServices = Pick<Services, 'goenv' | 'probe' | 'mirrors' | 'profiles' | 'doctor' | 'settings'>;

export interface DeskNotification {
  title: string;
  body: string;
  /** The page a click on the notification opens; null: the window as it is. */
  page: AppPage | null;
  /** An Undo button, where the OS offers notification buttons (macOS). */
  undo?: () => void;
}

export interface DeskEffects {
  renderTray(items: TrayItem[], tooltip: string): void;
  notify(notification: DeskNotification): void;
  showWindow(page: AppPage | null): void;
  quit(): void;
  /** The OS language, for the 'system' setting. */
  systemLanguage(): Language;
  /** The settings' launch-at-login, applied to the OS. */
  applyLoginItem(enabled: boolean): void;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Desk {
  /** Draws the tray, and runs the first background round a little after the app started. */
  start(): Promise<void>;
  /** Reads everything the tray shows and draws it again. */
  refresh(): Promise<void>;
  /** Hears the services' state changes: redraws soon, and applies changed settings. */
  stateChanged(area: string): void;
  dispatch(action: TrayAction): Promise<void>;
  /** One background health round: probe the mirror GOPROXY starts with, run the checklist, decide. */
  tick(): Promise<void>;
  t(key: string, options?: Record<string, string | number>): string;
  /** The language the tray and notifications speak now. */
  language(): Language;
  dispose(): void;
}

/** Changes arrive in bursts (a profile touches goenv, netproxy and profiles at once): redraw once. */
const REFRESH_DELAY_MS = 250;
/** The first background round waits until the start's own work (window, checklist) is done. */
export const FIRST_ROUND_DELAY_MS = 30_000;

export function createDesk(services: DeskServices, effects: DeskEffects, timers: Timers): Desk {
  let language: Language = effects.systemLanguage();
  let i18n: i18n = createI18n(language);
  let interval: { minutes: number; handle: unknown } | null = null;
  let loginItem: boolean | null = null;
  let health: HealthState = INITIAL_HEALTH;
  let lastSwitch: { snapshotId: string; name: string } | null = null;
  let refreshTimer: unknown = null;
  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;
  let ticking = false;
  let disposed = false;
  const tray: TrayState = {
    mirrors: [],
    goproxy: null,
    health: {},
    profiles: [],
    checklistIssues: null,
    busy: null,
    undoSwitch: null,
  };

  const t = (key: string, options?: Record<string, string | number>): string => i18n.t(key, options);
  const render = () => {
    if (!disposed) effects.renderTray(buildTrayMenu(tray, t), trayTooltip(tray, t));
  };
  /** A failure in the user's language: its headline and, when the message says it, the cause (DNS, TLS...). */
  const errorText = (error: unknown): string => {
    const code = error instanceof AppError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    const known = diagnose(message);
    if (known === null) return t(`errors.${code}`, { message });
    const values = diagnosisValues(t, known.params);
    return `${t(`diagnosis.titles.${code}`)} ${t(`diagnosis.reasons.${known.reason}.cause`, values)}`;
  };
  const notifyFailure = (error: unknown) =>
    effects.notify({ title: t('tray.notify.failedTitle'), body: errorText(error), page: null });

  const mirrorName = (url: string): string =>
    tray.mirrors.find((m) => sameMirrorUrl(m.url, url))?.name ?? redactUrl(url);

  function applySettings(next: AppSettings): void {
    // A round still finishing after dispose must not start the timer again.
    if (disposed) return;
    const wanted = next.language === 'system' ? effects.systemLanguage() : next.language;
    if (wanted !== language) {
      language = wanted;
      i18n = createI18n(wanted);
    }
    if (loginItem !== next.launchAtLogin) {
      loginItem = next.launchAtLogin;
      effects.applyLoginItem(next.launchAtLogin);
    }
    const minutes = next.probeIntervalMinutes;
    if (interval?.minutes !== minutes) {
      if (interval !== null) timers.clearInterval(interval.handle);
      interval =
        minutes > 0 ? { minutes, handle: timers.setInterval(() => void tick(), minutes * 60_000) } : null;
    }
  }

  async function gather(): Promise<void> {
    // Settings first: they choose the language of the checklist's titles.
    const settingsReport = await services.settings.read().catch(() => null);
    if (settingsReport !== null) applySettings(settingsReport.settings);
    const [mirrors, env, history, profiles, checklist] = await Promise.allSettled([
      services.mirrors.list(),
      services.goenv.read(),
      services.probe.history({ limit: 1 }),
      services.profiles.list(),
      services.doctor.run({ probe: false, language }),
    ]);
    if (mirrors.status === 'fulfilled') {
      tray.mirrors = mirrors.value.mirrors.map(({ id, name, url }) => ({ id, name, url }));
    }
    tray.goproxy = env.status === 'fulfilled' ? (env.value.vars.GOPROXY?.value ?? null) : null;
    if (history.status === 'fulfilled') {
      const byId: Record<string, MirrorHealth> = {};
      for (const mirror of history.value.mirrors) {
        const last = mirror.entries.at(-1);
        if (last) byId[mirror.id] = { status: last.status, p50: last.p50 };
      }
      tray.health = byId;
    }
    if (profiles.status === 'fulfilled') tray.profiles = profiles.value.profiles.map((p) => p.name);
    tray.checklistIssues =
      checklist.status === 'fulfilled' ? issueCount(checklist.value) : tray.checklistIssues;
    if (lastSwitch !== null) {
      const still = await services.goenv
        .history()
        .then((h) => canUndoSwitch(lastSwitch!.snapshotId, h))
        .catch(() => false);
      if (!still) lastSwitch = null;
    }
    tray.undoSwitch = lastSwitch?.name ?? null;
  }

  async function refresh(): Promise<void> {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        await gather();
        render();
      } while (refreshAgain && !disposed);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function refreshSoon(): void {
    if (disposed) return;
    if (refreshTimer !== null) timers.clearTimeout(refreshTimer);
    refreshTimer = timers.setTimeout(() => {
      refreshTimer = null;
      void refresh();
    }, REFRESH_DELAY_MS);
  }

  async function busy<T>(kind: 'probe' | 'switch', work: () => Promise<T>): Promise<T | undefined> {
    tray.busy = kind;
    render();
    try {
      return await work();
    } catch (error) {
      notifyFailure(error);
      return undefined;
    } finally {
      tray.busy = null;
      await refresh();
    }
  }

  async function dispatch(action: TrayAction): Promise<void> {
    if (tray.busy !== null && action.type !== 'open' && action.type !== 'quit') return;
    switch (action.type) {
      case 'use-mirror':
        await busy('switch', () => services.goenv.use({ target: action.id }));
        return;
      case 'use-fastest':
        await busy('switch', async () => {
          const result = await services.goenv.use({ target: 'fastest' });
          const to = result.changed.find((c) => c.key === 'GOPROXY')?.to ?? null;
          const entry = to === null ? null : activeEntry(to);
          const name = entry?.kind === 'proxy' ? mirrorName(entry.url) : (tray.goproxy ?? '');
          effects.notify({
            title: t('tray.notify.usedTitle', { name }),
            body: t('tray.notify.usedBody'),
            page: 'mirrors',
          });
        });
        return;
      case 'apply-profile':
        await busy('switch', async () => {
          const result = await services.profiles.apply(action.name);
          effects.notify({
            title: t('tray.notify.profileTitle', { name: action.name }),
            body:
              result.transaction === null
                ? t('tray.notify.profileUnchangedBody')
                : t('tray.notify.profileBody', { count: result.transaction.places }),
            page: 'profiles',
          });
        });
        return;
      case 'probe-now':
        await busy('probe', async () => {
          const report = await services.probe.run({});
          effects.notify({
            title: t('tray.notify.probedTitle'),
            body: t('tray.notify.probedBody', {
              healthy: report.results.filter((r) => r.status === 'ok' || r.status === 'slow').length,
              total: report.results.length,
            }),
            page: 'mirrors',
          });
        });
        return;
      case 'undo-switch':
        await busy('switch', undoSwitch);
        return;
      case 'open':
        effects.showWindow(action.page);
        return;
      case 'quit':
        effects.quit();
        return;
    }
  }

  async function undoSwitch(): Promise<void> {
    const snapshot = lastSwitch;
    if (snapshot === null) return;
    lastSwitch = null;
    if (!canUndoSwitch(snapshot.snapshotId, await services.goenv.history())) {
      effects.notify({
        title: t('tray.notify.failedTitle'),
        body: t('tray.notify.undoStaleBody'),
        page: 'history',
      });
      return;
    }
    await services.goenv.undo();
    effects.notify({ title: t('tray.notify.undoneTitle'), body: t('tray.notify.undoneBody'), page: null });
  }

  async function tick(): Promise<void> {
    if (ticking || disposed) return;
    ticking = true;
    try {
      await round();
    } catch (error) {
      // A round that could not even read go env or the settings tries again next time, silently:
      // the tray and the window show the same problem where the user looks.
      console.error('GoProxy Desk background check failed:', error);
    } finally {
      ticking = false;
      await refresh();
    }
  }

  async function round(): Promise<void> {
    const current = (await services.settings.read()).settings;
    applySettings(current);
    if (current.probeIntervalMinutes === 0) return;
    // The list as it is now: the mirror in use is probed (and replaced) by its id when it is listed.
    tray.mirrors = (await services.mirrors.list()).mirrors.map(({ id, name, url }) => ({ id, name, url }));
    const goproxy = (await services.goenv.read()).vars.GOPROXY?.value ?? null;
    const entry = goproxy === null ? null : activeEntry(goproxy);
    const listed =
      entry?.kind === 'proxy' ? tray.mirrors.find((m) => sameMirrorUrl(m.url, entry.url)) : undefined;
    const active: WatchedMirror | null =
      entry?.kind === 'proxy' ? { url: entry.url, name: listed?.name ?? redactUrl(entry.url) } : null;
    let result: ProbeResult | null = null;
    if (active !== null) {
      const report = await services.probe.run({ mirrors: [listed?.id ?? active.url] });
      result = report.results[0] ?? null;
    }
    const checklist = await services.doctor
      .run({ probe: false, language })
      .then(errorsOf)
      .catch(() => null);

    const assessed = assessHealth(health, { active, result, checklist }, current);
    health = assessed.state;
    for (const decision of assessed.decisions) {
      switch (decision.type) {
        case 'notify-down':
          effects.notify({
            title: t('tray.notify.downTitle', { name: decision.mirror.name }),
            body: t('tray.notify.downBody', { count: decision.failures }),
            page: 'mirrors',
          });
          break;
        case 'notify-recovered':
          effects.notify({
            title: t('tray.notify.recoveredTitle', { name: decision.mirror.name }),
            body: t('tray.notify.recoveredBody'),
            page: null,
          });
          break;
        case 'notify-checklist':
          effects.notify({
            title:
              decision.errors.length === 1
                ? t('tray.notify.checklistOneTitle')
                : t('tray.notify.checklistManyTitle', { count: decision.errors.length }),
            body: t('tray.notify.checklistBody', { title: decision.errors[0]!.title }),
            page: 'checklist',
          });
          break;
        case 'find-replacement':
          await replace(decision.mirror, decision.failures, listed);
          break;
      }
    }
  }

  async function replace(
    failing: WatchedMirror,
    failures: number,
    listed: TrayMirror | undefined,
  ): Promise<void> {
    const others = tray.mirrors.filter((m) => m.id !== listed?.id && !sameMirrorUrl(m.url, failing.url));
    const results =
      others.length === 0 ? [] : (await services.probe.run({ mirrors: others.map((m) => m.id) })).results;
    const chosen = chooseReplacement(health, failing, results, sameMirrorUrl);
    health = chosen.state;
    for (const decision of chosen.decisions) {
      if (decision.type === 'notify-no-healthy') {
        effects.notify({
          title: t('tray.notify.noHealthyTitle', { name: failing.name }),
          body: t('tray.notify.noHealthyBody'),
          page: 'mirrors',
        });
        continue;
      }
      const name = others.find((m) => m.id === decision.to.id)?.name ?? redactUrl(decision.to.url);
      try {
        const written = await services.goenv.use({ target: decision.to.id });
        lastSwitch = written.snapshot ? { snapshotId: written.snapshot.id, name } : null;
        effects.notify({
          title: t('tray.notify.switchedTitle', { name }),
          body: t('tray.notify.switchedBody', {
            from: failing.name,
            count: failures,
            name,
            ms: Math.round(decision.to.p50),
          }),
          page: 'mirrors',
          undo: () => void dispatch({ type: 'undo-switch' }),
        });
      } catch (error) {
        const failed = recordSwitchFailure(health);
        health = failed.state;
        if (failed.notify) {
          effects.notify({
            title: t('tray.notify.switchFailedTitle', { name: failing.name }),
            body: errorText(error),
            page: 'mirrors',
          });
        }
      }
    }
  }

  let firstRound: unknown = null;

  return {
    async start() {
      await refresh();
      firstRound = timers.setTimeout(() => void tick(), FIRST_ROUND_DELAY_MS);
    },
    refresh,
    stateChanged: () => refreshSoon(),
    dispatch,
    tick,
    t,
    language: () => language,
    dispose() {
      disposed = true;
      if (firstRound !== null) timers.clearTimeout(firstRound);
      if (interval !== null) timers.clearInterval(interval.handle);
      if (refreshTimer !== null) timers.clearTimeout(refreshTimer);
      interval = null;
      refreshTimer = null;
    },
  };
}

function issueCount(report: DoctorReport): number {
  return report.counts.error + report.counts.warning;
}

function errorsOf(report: DoctorReport): ChecklistError[] {
  return report.findings.filter((f) => f.severity === 'error').map((f) => ({ id: f.id, title: f.title }));
}
