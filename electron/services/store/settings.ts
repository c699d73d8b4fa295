import { access } from 'node:fs/promises';
import path from 'node:path';
import {
  appSettingsSchema,
  type AppSettings,
  type CustomMirror,
  type SettingsReport,
} from '../../../shared/contract';
import { AppError } from '../../dispatch';
import type { Host } from '../host';
import { parseModuleVersion } from '../probe/targets';
import { JsonFile } from './index';

/**
 * The app's own settings (theme, language, background probing, the custom mirrors...), one JSON file
 * in the data folder. The file holds what was written; a setting it lacks (an older file) reads as its
 * default, so adding a setting never turns an existing file into a "damaged" one.
 */
export const SETTINGS_FILE = 'settings.json';

export const DEFAULT_SETTINGS: AppSettings = {
  language: 'system',
  theme: 'system',
  probeIntervalMinutes: 30,
  autoSwitch: false,
  autoSwitchAfterFailures: 3,
  launchAtLogin: false,
  restoreProxyOnQuit: false,
  historyRetentionDays: 30,
  customMirrors: [],
  verifyModule: 'rsc.io/quote@v1.5.2',
  wizardCompletedAt: null,
  projectDirs: [],
};

/** Every setting but the custom mirrors, which change through the mirror list (mirrors.ts). */
export type SettingsPatch = Partial<Omit<AppSettings, 'customMirrors'>>;

export interface SettingsService {
  read(): Promise<SettingsReport>;
  write(patch: SettingsPatch): Promise<SettingsReport>;
}

export interface SettingsStore extends SettingsService {
  /** Changes the custom mirrors in the same serialised read-change-write as every other setting. */
  updateCustomMirrors(change: (current: readonly CustomMirror[]) => CustomMirror[]): Promise<AppSettings>;
}

const storedSchema = appSettingsSchema.partial();
const patchSchema = appSettingsSchema.omit({ customMirrors: true }).partial().strict();

export function createSettingsStore(host: Pick<Host, 'dataDir'>): SettingsStore {
  const file = new JsonFile(path.join(host.dataDir, SETTINGS_FILE), storedSchema, () => ({}));
  const complete = (stored: Partial<AppSettings>): AppSettings => ({ ...DEFAULT_SETTINGS, ...stored });
  const update = async (change: (current: AppSettings) => AppSettings): Promise<AppSettings> =>
    complete(await file.update((stored) => change(complete(stored))));

  return {
    async read() {
      // A damaged file still counts as existing: it is set aside and the app is not on its first run.
      const exists = await access(file.file).then(
        () => true,
        () => false,
      );
      return { exists, settings: complete(await file.read()) };
    },

    async write(patch) {
      const parsed = patchSchema.safeParse(patch);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AppError(
          'invalid-input',
          `The setting ${issue.path.join('.') || '(patch)'} was not saved: ${issue.message}.`,
        );
      }
      if (parsed.data.verifyModule !== undefined) {
        const module = parseModuleVersion(parsed.data.verifyModule);
        if (!module.ok)
          throw new AppError('invalid-input', `The verify module was not saved: ${module.error}.`);
      }
      const given = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
      const settings = await update((current) => ({ ...current, ...given }));
      return { exists: true, settings };
    },

    updateCustomMirrors: (change) =>
      update((current) => ({ ...current, customMirrors: change(current.customMirrors) })),
  };
}
