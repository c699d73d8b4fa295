import { createI18n, isLanguage, pickLanguage, type Language } from '../../shared/i18n';

const STORAGE_KEY = 'goproxy-desk.language';

/** The user's explicit choice if there is one, else the OS locale. */
export function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function rememberLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}

export const i18n = createI18n(initialLanguage());
