import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from '../harness/app';
import { launchChromium } from '../harness/browser';

let browser: Browser;
let app: AppHarness | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Writes the go env file (after start, since the fixture mirror's URL is known only then). */
async function seed(harness: AppHarness, content: (mirrorUrl: string) => string): Promise<string> {
  const text = content(harness.mirror!.url);
  await mkdir(path.dirname(harness.sandbox.goEnvFile), { recursive: true });
  await writeFile(harness.sandbox.goEnvFile, text);
  return text;
}

async function openChecklist(harness: AppHarness, locale: 'en-US' | 'zh-CN'): Promise<Page> {
  const page = await harness.open(locale);
  await page.getByTestId('nav-checklist').click();
  await settled(page);
  return page;
}

/** The checklist has answered and nothing is running. */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="checklist"][aria-busy="false"] [data-testid="checked"]').waitFor({
    timeout: 30_000,
  });
}

const finding = (page: Page, id: string) => page.locator(`[data-testid="finding"][data-finding="${id}"]`);
const shownIds = (page: Page) =>
  page
    .locator('[data-testid="finding"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));

// Every step waits on real go, the real checklist and probes: slow when the machine is busy.
describe('Checklist page (built renderer, real services)', { timeout: 120_000 }, () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    const lang = locale === 'en-US' ? 'en' : 'zh-CN';
    it(`previews, applies and undoes a fix (${lang})`, async () => {
      app = await startApp(browser);
      const original = await seed(app, (url) => `GOPROXY=${url};direct\n`);
      const url = app.mirror!.url;
      const page = await openChecklist(app, locale);

      const semicolon = finding(page, 'goproxy-semicolon');
      await semicolon.waitFor();
      expect(await semicolon.getAttribute('data-severity')).toBe('error');
      // Grouped under its family, with the family's name in the UI's language.
      const family = page.locator('[data-family="syntax"]');
      expect(await family.locator('h2').textContent()).toContain(
        lang === 'en' ? 'Syntax and precedence' : '语法与优先级',
      );
      expect(await family.locator('[data-finding="goproxy-semicolon"]').count()).toBe(1);
      expect(await semicolon.locator('h3').textContent()).toBe(
        lang === 'en' ? 'GOPROXY uses ";" between entries' : 'GOPROXY 用 “;” 分隔条目',
      );
      expect(await semicolon.locator('.finding-evidence li').count()).toBeGreaterThan(0);
      await app.shot(page, `checklist-findings-${lang}`);
      expect(await app.axe(page)).toEqual([]);

      // The preview is a dry run: the diff shows the change, the file stays as it was.
      await semicolon.getByTestId('fix-preview').click();
      const diff = semicolon.getByTestId('diff');
      await diff.waitFor();
      expect(await diff.locator('.del').allTextContents()).toEqual([`-GOPROXY=${url};direct`]);
      expect(await diff.locator('.add').allTextContents()).toEqual([`+GOPROXY=${url},direct`]);
      expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toBe(original);
      await app.shot(page, `checklist-preview-${lang}`);
      expect(await app.axe(page)).toEqual([]);

      await semicolon.getByTestId('fix-apply').click();
      await page.getByTestId('fix-undo').waitFor();
      await semicolon.waitFor({ state: 'detached' });
      expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toContain(`GOPROXY=${url},direct`);
      expect((await app.services.goenv.read()).vars.GOPROXY!.value).toBe(`${url},direct`);
      await app.shot(page, `checklist-applied-${lang}`);

      // Checking again (the live checks included) still finds nothing to say about ';'.
      await page.getByTestId('rerun').click();
      await settled(page);
      expect(await shownIds(page)).not.toContain('goproxy-semicolon');

      // Undo puts the file back byte for byte, and the finding comes back.
      await page.getByTestId('fix-undo').click();
      await semicolon.waitFor({ timeout: 30_000 });
      await settled(page);
      expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toBe(original);
      expect(await page.getByTestId('fix-notice').textContent()).toContain(
        lang === 'en' ? 'The fix was undone' : '已撤销修复',
      );
      await app.shot(page, `checklist-undone-${lang}`);
      expect(await app.axe(page)).toEqual([]);
      expect(app.problems).toEqual([]);
    });
  }

  it('filters by severity, family and text, and re-runs in Chinese when the language changes', async () => {
    app = await startApp(browser);
    await seed(
      app,
      (url) => `GOPROXY=${url};direct\nGOSUMDB=off\nGOPRIVATE=*.corp.example, git.corp.example\n`,
    );
    const page = await openChecklist(app, 'en-US');
    await finding(page, 'pattern-problems').waitFor();
    const report = await app.services.doctor.run({ language: 'en' });
    const all = report.findings.map((f) => f.id);
    expect(all).toEqual(expect.arrayContaining(['goproxy-semicolon', 'gosumdb-off', 'pattern-problems']));
    expect((await shownIds(page)).sort()).toEqual([...all].sort());
    for (const severity of ['error', 'warning', 'info'] as const) {
      expect(await page.getByTestId(`count-${severity}`).textContent()).toBe(String(report.counts[severity]));
    }

    // Errors hidden: only the warnings (and notes) are left.
    await page.getByTestId('filter-error').uncheck();
    const notErrors = report.findings.filter((f) => f.severity !== 'error').map((f) => f.id);
    expect((await shownIds(page)).sort()).toEqual([...notErrors].sort());
    expect(await page.getByTestId('shown').textContent()).toBe(
      `${notErrors.length} of ${all.length} findings shown`,
    );
    await app.shot(page, 'checklist-filter-severity-en');
    await page.getByTestId('filter-error').check();

    await page.getByTestId('filter-family').selectOption('integrity');
    const integrity = report.findings.filter((f) => f.family === 'integrity').map((f) => f.id);
    expect(integrity).toContain('gosumdb-off');
    expect((await shownIds(page)).sort()).toEqual([...integrity].sort());
    await page.getByTestId('filter-family').selectOption('all');

    await page.getByTestId('filter-search').fill('never match');
    expect(await shownIds(page)).toEqual(['pattern-problems']);
    await app.shot(page, 'checklist-filter-search-en');
    await page.getByTestId('filter-search').fill('no finding says this');
    expect(await shownIds(page)).toEqual([]);
    await page.getByText('No finding matches the filters.').waitFor();
    await page.getByTestId('filter-search').fill('');
    expect((await shownIds(page)).length).toBe(all.length);

    // The language changes elsewhere (the settings): the checklist asks again, in Chinese.
    await app.services.settings.write({ language: 'zh-CN' });
    await page
      .locator('[data-finding="goproxy-semicolon"] h3', { hasText: 'GOPROXY 用 “;” 分隔条目' })
      .waitFor();
    await settled(page);
    expect(await page.locator('[data-family="integrity"] h2').textContent()).toContain('完整性校验');
    expect(await page.getByTestId('shown').textContent()).toBe(`显示 ${all.length} / ${all.length} 个问题`);
    await app.shot(page, 'checklist-filters-zh-CN');
    expect(await app.axe(page)).toEqual([]);
    expect(app.problems).toEqual([]);
  });

  it('is accessible in the dark theme', async () => {
    app = await startApp(browser);
    await seed(app, (url) => `GOPROXY=${url};direct\nGOSUMDB=off\n`);
    await app.services.settings.write({ theme: 'dark' });
    const page = await openChecklist(app, 'en-US');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await finding(page, 'goproxy-semicolon').getByTestId('fix-preview').click();
    await finding(page, 'goproxy-semicolon').getByTestId('diff').waitFor();
    await app.shot(page, 'checklist-dark-en');
    expect(await app.axe(page)).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
