import { describe, expect, it } from 'vitest';
import { catalogues, createI18n, LANGUAGES, pickLanguage } from '../../shared/i18n';
import { MIRRORS } from '../../shared/mirrors';
import { ERROR_CODES, GOENV_SOURCES } from '../../shared/contract';

/** Every leaf of a message catalogue as its path ["env", "sources", "default"]; ids may contain dots. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value === 'string') return [prefix];
  if (typeof value !== 'object' || value === null) throw new Error(`not a message at ${prefix.join(' > ')}`);
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}
const leafKeys = (value: unknown) => leafPaths(value).map((p) => JSON.stringify(p));
const key = (...path: string[]) => JSON.stringify(path);

describe('message catalogues', () => {
  const keys = Object.fromEntries(LANGUAGES.map((l) => [l, new Set(leafKeys(catalogues[l]))]));

  it.each(LANGUAGES.flatMap((a) => LANGUAGES.filter((b) => b !== a).map((b) => [a, b])))(
    'every %s key exists in %s',
    (a, b) => {
      const missing = [...keys[a]!].filter((k) => !keys[b]!.has(k));
      expect(missing).toEqual([]);
    },
  );

  it.each(LANGUAGES)('%s has no empty message and keeps every {{placeholder}} of English', (lang) => {
    const en = catalogues.en as unknown as Record<string, unknown>;
    const other = catalogues[lang] as unknown as Record<string, unknown>;
    const at = (obj: Record<string, unknown>, path: string[]): string =>
      path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const path of leafPaths(en)) {
      const message = at(other, path);
      const label = path.join(' > ');
      expect(message.trim(), label).not.toBe('');
      const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(placeholders(message), label).toEqual(placeholders(at(en, path)));
    }
  });

  it('translates every error code, every env source and every catalogue mirror', () => {
    for (const lang of LANGUAGES) {
      for (const code of ERROR_CODES)
        expect(keys[lang]!.has(key('errors', code)), `${lang} errors.${code}`).toBe(true);
      for (const source of GOENV_SOURCES) expect(keys[lang]!.has(key('env', 'sources', source))).toBe(true);
      const notes = catalogues[lang].mirrors.notes as Record<string, string>;
      for (const m of MIRRORS) expect(notes[m.id], `${lang} notes for ${m.id}`).toBeTruthy();
    }
  });

  it('interpolates through i18next in both languages', () => {
    expect(createI18n('en').t('env.goFound', { version: 'go1.22.1', path: '/usr/bin/go' })).toBe(
      'go1.22.1 at /usr/bin/go',
    );
    expect(createI18n('zh-CN').t('env.sources.os-env')).toBe('系统环境变量');
  });
});

describe('pickLanguage', () => {
  it.each([
    [['zh_CN.UTF-8'], 'zh-CN'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['zh_TW.UTF-8'], 'zh-CN'],
    [['en_US.UTF-8'], 'en'],
    [['de_DE'], 'en'],
    [['C.UTF-8', 'zh_CN.UTF-8'], 'en'],
    [[undefined, '', 'zh_CN.GB18030'], 'zh-CN'],
    [[], 'en'],
  ] as const)('%j → %s', (candidates, expected) => {
    expect(pickLanguage(candidates)).toBe(expected);
  });
});
