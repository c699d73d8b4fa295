import { create } from 'zustand';
import type { AppSettings, IpcError } from '../../shared/contract';
import { call, subscribe, toIpcError } from '../lib/api';
import { systemLanguage } from '../lib/i18n';
import { useUi } from './ui';

type Patch = Partial<Omit<AppSettings, 'customMirrors'>>;

interface SettingsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  settings: AppSettings | null;
  /** False on first run (no settings file yet). */
  exists: boolean;
  error: IpcError | null;
  load(): Promise<void>;
  save(patch: Patch): Promise<void>;
}

const darkQuery = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

/** Puts the theme and language of the settings on the document. */
export function applyAppearance(settings: AppSettings): void {
  const dark = settings.theme === 'dark' || (settings.theme === 'system' && darkQuery()?.matches === true);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  useUi.getState().showLanguage(settings.language === 'system' ? systemLanguage() : settings.language);
}

export const useSettings = create<SettingsState>((set, get) => ({
  status: 'idle',
  settings: null,
  exists: true,
  error: null,
  load: async () => {
    set({ status: get().settings ? 'ready' : 'loading', error: null });
    try {
      const report = await call('settings:read', {});
      applyAppearance(report.settings);
      set({ status: 'ready', settings: report.settings, exists: report.exists });
    } catch (error) {
      set({ status: 'error', error: toIpcError(error) });
    }
  },
  save: async (patch) => {
    try {
      const report = await call('settings:write', { patch });
      applyAppearance(report.settings);
      set({ settings: report.settings, exists: report.exists, error: null });
    } catch (error) {
      set({ error: toIpcError(error) });
      throw error;
    }
  },
}));

/** Keeps the store in step with changes made elsewhere (the tray, the CLI) and with the OS theme. */
export function followSettings(): () => void {
  const stop = subscribe('state:changed', ({ area }) => {
    if (area === 'settings') void useSettings.getState().load();
  });
  const query = darkQuery();
  const onScheme = () => {
    const { settings } = useSettings.getState();
    if (settings) applyAppearance(settings);
  };
  query?.addEventListener('change', onScheme);
  return () => {
    stop();
    query?.removeEventListener('change', onScheme);
  };
}
