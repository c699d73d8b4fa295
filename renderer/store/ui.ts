import { create } from 'zustand';
import type { Language } from '../../shared/i18n';
import { i18n, rememberLanguage } from '../lib/i18n';

export const PAGES = [
  'overview',
  'mirrors',
  'checklist',
  'proxy',
  'environment',
  'history',
  'settings',
  'wizard',
] as const;
export type Page = (typeof PAGES)[number];

interface UiState {
  page: Page;
  language: Language;
  setPage(page: Page): void;
  /** Shows the language now (the setting itself is saved by the settings store). */
  showLanguage(language: Language): void;
}

export const useUi = create<UiState>((set) => ({
  page: 'overview',
  language: i18n.language as Language,
  setPage: (page) => set({ page }),
  showLanguage: (language) => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    rememberLanguage(language);
    document.documentElement.lang = language;
    set({ language });
  },
}));
