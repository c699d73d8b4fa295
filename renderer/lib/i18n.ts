import { createI18n, isLanguage, pickLanguage, type Language } from '../../shared/i18n';
import { uiMessages } from '../messages';

const STORAGE_KEY = 'goproxy-desk.language';

/** The OS locale's language (what the 'system' setting means). */
export function systemLanguage(): Language {
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/**
 * The language to start in before the settings arrive: the last one shown (cached here so the first
 * paint is already in the right language), else the OS locale.
 */
export function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return isLanguage(saved) ? saved : systemLanguage();
}

export function rememberLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}

export const i18n = createI18n(initialLanguage(), uiMessages);
