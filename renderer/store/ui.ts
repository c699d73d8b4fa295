import { create } from 'zustand';
import type { Language } from '../../shared/i18n';
import { i18n, rememberLanguage } from '../lib/i18n';

export type Page = 'environment' | 'mirrors';

interface UiState {
  page: Page;
  language: Language;
  setPage(page: Page): void;
  setLanguage(language: Language): void;
}

export const useUi = create<UiState>((set) => ({
  page: 'environment',
  language: i18n.language as Language,
  setPage: (page) => set({ page }),
  setLanguage: (language) => {
    void i18n.changeLanguage(language);
    rememberLanguage(language);
    document.documentElement.lang = language;
    set({ language });
  },
}));
