import { createI18n, isLanguage, pickLanguage, type Language } from '../../shared/i18n';
import { visible } from '../../shared/visible';
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

/**
 * Every value put into a message (an error's text, a path, a mirror's name) is shown with its control
 * and bidi characters escaped: most untrusted text reaches the screen that way, the rest through
 * `visible` where it is rendered directly. Newlines stay (go's errors have several lines; banners
 * show them as lines).
 */
export const i18n = createI18n(initialLanguage(), uiMessages, {
  escape: (value) => visible(value, { keepNewlines: true }),
});
