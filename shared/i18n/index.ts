import i18next, { type i18n } from 'i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export type { Messages } from './en';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const catalogues: Record<Language, typeof en> = { en, 'zh-CN': zhCN };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks our language for a list of locale names in order of preference, as the OS gives them:
 * POSIX names ("zh_CN.UTF-8", "C"), BCP 47 tags ("zh-Hans-CN"), or empty strings for unset variables.
 * Any Chinese locale gets zh-CN (the only Chinese we have); the first non-empty one decides.
 */
export function pickLanguage(candidates: readonly (string | undefined)[]): Language {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = candidate.split(/[.@]/)[0]!.replace('_', '-').toLowerCase();
    if (tag === '' || tag === 'c' || tag === 'posix') return 'en';
    return tag === 'zh' || tag.startsWith('zh-') ? 'zh-CN' : 'en';
  }
  return 'en';
}

/** A ready i18next instance with both catalogues, initialised synchronously. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
