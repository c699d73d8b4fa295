import { create } from 'zustand';
import { APP_PAGES, type AppPage } from '../../shared/channels';
import type { Language } from '../../shared/i18n';
import { i18n, rememberLanguage } from '../lib/i18n';

export { APP_PAGES as PAGES };
export type Page = AppPage;

interface UiState {
  page: Page;
  language: Language;
  /** The sidebar shown whole in a narrow window (below 900 px it is a column of icons otherwise). */
  sidebarOpen: boolean;
  /** Going to a page folds the sidebar away again, so that the page gets the room. */
  setPage(page: Page): void;
  setSidebarOpen(open: boolean): void;
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
  sidebarOpen: false,
  setPage: (page) => set({ page, sidebarOpen: false }),
  setSidebarOpen: (sidebarOpen) => set({ sidebarOpen }),
  showLanguage: (language) => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    rememberLanguage(language);
    document.documentElement.lang = language;
    set({ language });
  },
}));
