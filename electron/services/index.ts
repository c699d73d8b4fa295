import type { StateArea } from '../../shared/contract';
import { MIRRORS, type MirrorInfo } from '../../shared/mirrors';
import { AppError } from '../dispatch';
import { createGoEnvService, type GoEnvService } from './goenv';
import { createDoctorService, type DoctorService } from './doctor';
import type { Host } from './host';
import { createNetProxyService, type NetProxyService } from './netproxy';
import { createProbeService, pickFastest, type ProbeService } from './probe';
import { createProjectsService, type ProjectsService } from './projects';
import { createSumdbService, type SumdbService } from './sumdb';
import { createMirrorsService, type MirrorsService } from './store/mirrors';
import { createProfilesService, type ProfilesService, type SecretBox } from './store/profiles';
import { createSettingsStore, type SettingsService } from './store/settings';

/** Every service, built once from the Host: the composition root shared by the app and the CLI. */
export interface Services {
  goenv: GoEnvService;
  probe: ProbeService;
  netproxy: NetProxyService;
  profiles: ProfilesService;
  doctor: DoctorService;
  sumdb: SumdbService;
  settings: SettingsService;
  mirrors: MirrorsService;
  projects: ProjectsService;
  dialog: { pickFolder(): Promise<string | null> };
  events: StateEvents;
}

export type { StateArea };

export interface StateEvents {
  /** Hears every change a service made to the machine or to the app's own state; returns the unsubscribe. */
  onStateChanged(listener: (area: StateArea) => void): () => void;
}

export interface ServiceOptions {
  /** The OS keychain, for profile passwords (the app has one; the CLI stores no passwords). */
  secrets?: SecretBox;
  /** The mirrors the app offers and probes (default: shared/mirrors.ts); custom mirrors come on top. */
  catalogue?: readonly MirrorInfo[];
  /** The OS folder picker (the desktop app's dialog); null when the user cancelled. */
  pickFolder?: () => Promise<string | null>;
}

export const NO_FOLDER_PICKER_MESSAGE =
  'Picking a folder needs the desktop app; type the folder path instead.';

export function createServices(host: Host, options: ServiceOptions = {}): Services {
  const catalogue = options.catalogue ?? MIRRORS;
  const settingsStore = createSettingsStore(host);
  const mirrors = createMirrorsService(catalogue, settingsStore);
  const knownMirrors = async () => (await mirrors.list()).mirrors;
  // The probe verifies mirrors with the sumdb service, which is built below (it needs goenv, which needs the probe).
  const late: { sumdb?: SumdbService } = {};
  const probe = createProbeService(host, {
    verify: async (mirror, module) => {
      const r = await late.sumdb!.verify({ module, mirror });
      return {
        verified: r.sumdb.verified,
        ok: r.zip.ok && r.mod.ok,
        ...(r.error !== undefined ? { error: r.error } : {}),
      };
    },
    mirrors: knownMirrors,
    retentionDays: async () => (await settingsStore.read()).settings.historyRetentionDays,
  });
  const fastestMirror = async (): Promise<string | null> =>
    pickFastest((await probe.run({})).results)?.url ?? null;
  const goenv = createGoEnvService(host, {
    fastestMirror,
    mirrors: knownMirrors,
    verifyModule: async () => (await settingsStore.read()).settings.verifyModule,
  });
  const netproxy = createNetProxyService(host, {
    goproxy: async () => (await goenv.read()).vars.GOPROXY?.value ?? '',
  });
  const sumdb = createSumdbService(host, { goenv });
  late.sumdb = sumdb;
  const profiles = createProfilesService(host, {
    goenv,
    netproxy,
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
  const doctor = createDoctorService(host, { goenv, probe, netproxy, sumdb });
  const { pickFolder } = options;

  return announceChanges({
    goenv,
    probe,
    netproxy,
    doctor,
    sumdb,
    profiles,
    settings: { read: () => settingsStore.read(), write: (patch) => settingsStore.write(patch) },
    mirrors,
    projects: createProjectsService(
      host,
      () => goenv.read(),
      () => profiles.list(),
    ),
    dialog: {
      pickFolder: async () => {
        if (!pickFolder) throw new AppError('unavailable', NO_FOLDER_PICKER_MESSAGE);
        return pickFolder();
      },
    },
  });
}

/** The areas a call's result shows it changed; false for one it did not. */
type Areas<R> = (result: R) => readonly (StateArea | false)[];

/**
 * The one place that knows which calls change which state: each changing method is wrapped so that
 * its success (not a dry run, not a call that found nothing to change) is announced to listeners,
 * whoever called it — the renderer, the tray, the background prober. Services call each other
 * unwrapped, so a change is announced once, by the call the outside world made.
 */
function announceChanges(services: Omit<Services, 'events'>): Services {
  const listeners = new Set<(area: StateArea) => void>();
  const announce =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>, areas: Areas<R>) =>
    async (...args: A): Promise<R> => {
      const result = await fn(...args);
      const changed = new Set(areas(result).filter((a): a is StateArea => a !== false));
      for (const area of changed) for (const listener of listeners) listener(area);
      return result;
    };
  const { goenv, netproxy, profiles, doctor, settings, mirrors } = services;
  const goenvWrote = (r: { snapshot: unknown }) => [r.snapshot !== null && 'goenv'] as const;

  return {
    ...services,
    goenv: {
      ...goenv,
      write: announce(goenv.write, goenvWrote),
      set: announce(goenv.set, goenvWrote),
      unset: announce(goenv.unset, goenvWrote),
      use: announce(goenv.use, goenvWrote),
      undo: announce(goenv.undo, (r) => [r.undone !== null && 'goenv']),
    },
    netproxy: {
      ...netproxy,
      apply: announce(netproxy.apply, (r) => [r.transaction !== null && 'netproxy']),
      restore: announce(netproxy.restore, (r) => [!r.dryRun && r.restored.length > 0 && 'netproxy']),
    },
    profiles: {
      ...profiles,
      save: announce(profiles.save, () => ['profiles']),
      remove: announce(profiles.remove, () => ['profiles']),
      import: announce(profiles.import, (r) => [r.imported.length + r.replaced.length > 0 && 'profiles']),
      // A profile's goenv part travels in the netproxy transaction too.
      apply: announce(profiles.apply, (r) =>
        r.transaction !== null ? ['profiles', 'goenv', 'netproxy'] : [],
      ),
    },
    doctor: {
      ...doctor,
      fix: announce(doctor.fix, (r) => [
        !r.dryRun && r.goenvSnapshot !== null && 'goenv',
        !r.dryRun && r.netproxyTransactions.length > 0 && 'netproxy',
      ]),
    },
    settings: { ...settings, write: announce(settings.write, () => ['settings']) },
    // The custom mirrors are settings too: a page showing the settings hears of them as well.
    mirrors: {
      ...mirrors,
      add: announce(mirrors.add, () => ['mirrors', 'settings']),
      remove: announce(mirrors.remove, () => ['mirrors', 'settings']),
    },
    events: {
      onStateChanged(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}
