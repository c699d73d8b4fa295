import { createI18n, isLanguage, pickLanguage, type Language } from '../../shared/i18n';
import { visible } from '../../shared/visible';
import { uiMessages } from '../messages';

const STORAGE_KEY = 'goproxy-desk.language';

/**
 * What the 'system' setting means: the OS locale's language, or in browser mode the one
 * `goproxy-desk ui --lang` named (it comes in the page's URL), else the browser's.
 */
export function systemLanguage(): Language {
  const named = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  if (isLanguage(named)) return named;
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
