import type { Page } from 'playwright-core';

/**
 * Words that are the same in both languages: product and command names, go's variables and keywords,
 * units and protocol names.
 */
const SHARED_WORDS = new Set(
  [
    'go',
    'Go',
    'GOPROXY',
    'GOSUMDB',
    'GOPRIVATE',
    'GONOSUMDB',
    'GONOPROXY',
    'GOINSECURE',
    'GOAUTH',
    'GOFLAGS',
    'GOTOOLCHAIN',
    'GOVCS',
    'direct',
    'off',
    'git',
    'p50',
    'p95',
    'DNS',
    'TLS',
    'HTTP',
    'HTTPS',
    'ms',
    'env',
    'http',
    'https',
    'file',
    'sum',
    'golang',
    'org',
    'google',
    'cn',
    'goproxy',
    'io',
    'netrc',
    'VPN',
    'PAC',
    'Fixture',
    'mirror',
    'GoProxy',
    'Desk',
    'shell',
    'proxy',
  ].map((w) => w.toLowerCase()),
);

/**
 * The text of `main` that is in the wrong language: in zh-CN, runs of Latin words outside code, URLs,
 * paths and the shared words above; in en, any Chinese character. Fixture data (the fixture mirror's
 * English note) is left out by `ignore`.
 */
export async function foreignText(
  page: Page,
  language: 'en' | 'zh-CN',
  ignore: string[] = [],
): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement!;
      if (parent.closest('code, pre, .sr-only, [hidden], option, details:not([open]) > :not(summary)'))
        continue;
      const text = node.textContent?.trim() ?? '';
      if (text !== '') out.push(text);
    }
    return out;
  });
  return texts.filter((text) => {
    if (ignore.some((i) => text.includes(i))) return false;
    if (language === 'en') return /[\u4e00-\u9fff]/.test(text);
    const stripped = text
      .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ')
      .replace(/(?:~|\/)[\w./-]+/g, ' ')
      .replace(/\b[\w-]+(?:\.[\w-]+)+\b/g, ' ');
    const words = stripped.match(/[A-Za-z][A-Za-z'-]+/g) ?? [];
    return words.some((w) => !SHARED_WORDS.has(w.toLowerCase()));
  });
}
