import { create } from 'zustand';
import { APP_PAGES, type AppPage } from '../../shared/channels';
import type { Language } from '../../shared/i18n';
import { i18n, rememberLanguage } from '../lib/i18n';

export { APP_PAGES as PAGES };
export type Page = AppPage;

interface UiState {
  page: Page;
  language: Language;
  setPage(page: Page): void;
  /** Shows the language now (the setting itself is saved by the settings store). */
  showLanguage(language: Language): void;
}

/** A window opened for one page (from the tray or a notification) names it in the URL's hash. */
function pageFromHash(): Page {
  const wanted = globalThis.location?.hash.slice(1) ?? '';
  return (APP_PAGES as readonly string[]).includes(wanted) ? (wanted as Page) : 'overview';
}

export const useUi = create<UiState>((set) => ({
  page: pageFromHash(),
  language: i18n.language as Language,
  setPage: (page) => set({ page }),
  showLanguage: (language) => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    rememberLanguage(language);
    document.documentElement.lang = language;
    set({ language });
  },
}));
