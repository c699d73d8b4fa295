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

/**
 * A ready i18next instance with both catalogues, initialised synchronously. `extra` adds top-level
 * sections (the renderer's page messages, which the CLI does not carry); they must not reuse a key.
 * `escape`, when given, rewrites every interpolated value (the renderer's makes control characters
 * visible; HTML escaping is left to React).
 */
export function createI18n(
  language: Language,
  extra: Record<Language, Record<string, object>> = { en: {}, 'zh-CN': {} },
  { escape }: { escape?: (value: string) => string } = {},
): i18n {
  const instance = i18next.createInstance();
  for (const lang of LANGUAGES) {
    const clash = Object.keys(extra[lang]).find((k) => k in catalogues[lang]);
    if (clash) throw new Error(`message section "${clash}" is defined twice`);
  }
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: {
      en: { translation: { ...en, ...extra.en } },
      'zh-CN': { translation: { ...zhCN, ...extra['zh-CN'] } },
    },
    initAsync: false,
    // Values reach `escape` as strings: i18next turns them into strings first.
    interpolation: escape ? { escapeValue: true, escape } : { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
