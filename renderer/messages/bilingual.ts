/** The same keys as the English object, every leaf a string: what a translation must provide. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/**
 * One area of the UI's messages in both languages. The Chinese object must have exactly the English
 * keys (a missing or extra key does not compile; tests/unit/i18n.test.ts checks it again at run time).
 */
export function bilingual<T extends object>(en: T, zhCN: Translation<T>): { en: T; 'zh-CN': Translation<T> } {
  return { en, 'zh-CN': zhCN };
}
