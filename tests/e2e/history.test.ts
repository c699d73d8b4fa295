import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from '../harness/app';
import { launchChromium } from '../harness/browser';

/** The services do real work (go, git, files) on a shared machine: polls wait that long. */
const WAIT = { timeout: 20_000 };

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

const GOENV = 'GOPROXY=https://goproxy.cn,direct\n';

async function openHistory(
  locale: 'en-US' | 'zh-CN',
  size?: { width: number; height: number },
): Promise<Page> {
  const page = await app!.open(locale, size);
  await page.getByTestId('nav-history').click();
  await page.getByTestId('goenv-history').waitFor();
  return page;
}

const snapshots = (page: Page) => page.getByTestId('snapshot');
const change = (page: Page, index: number, key: string) =>
  snapshots(page).nth(index).locator(`tr[data-var="${key}"]`);

describe('History page (built renderer, real go env snapshots and netproxy journal)', () => {
  it('lists go env changes newest first as they happen, and Undo takes back only the newest', async () => {
    app = await startApp(browser, { goEnv: GOENV });
    const page = await openHistory('en-US');
    await page.getByText('GoProxy Desk has not changed the go env file yet.').waitFor();
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'history-empty-en');

    // Two changes made outside the page (as the tray or the CLI would): the page hears of them.
    await app.services.goenv.write({ set: ['GOPROXY=https://goproxy.io,direct'] });
    const afterFirst = await readFile(app.sandbox.goEnvFile, 'utf8');
    await app.services.goenv.write({ set: ['GOPRIVATE=git.corp.example'] });
    await expect.poll(() => snapshots(page).count(), WAIT).toBe(2);

    expect(await change(page, 0, 'GOPRIVATE').getByTestId('from').textContent()).toBe('not set');
    expect(await change(page, 0, 'GOPRIVATE').getByTestId('to').textContent()).toBe('git.corp.example');
    expect(await change(page, 1, 'GOPROXY').getByTestId('from').textContent()).toBe(
      'https://goproxy.cn,direct',
    );
    expect(await change(page, 1, 'GOPROXY').getByTestId('to').textContent()).toBe(
      'https://goproxy.io,direct',
    );
    // The page says which change Undo takes back: the newest one.
    expect(await snapshots(page).nth(0).getByText('Undo takes this one back').count()).toBe(1);
    expect(await snapshots(page).nth(1).getByText('Undo takes this one back').count()).toBe(0);
    expect(await page.getByTestId('goenv-history').textContent()).toContain(
      'Undo takes back only the newest change',
    );
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'history-changes-en');

    await page.getByTestId('undo').click();
    await expect
      .poll(() => page.getByTestId('undo-result').textContent(), WAIT)
      .toMatch(/^Undid the change of /);
    expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toBe(afterFirst);
    await expect.poll(() => snapshots(page).first().getAttribute('data-kind'), WAIT).toBe('undo');
    // The GOPRIVATE write left the history; the GOPROXY one is now what Undo would take back.
    expect(await snapshots(page).count()).toBe(2);
    expect(await change(page, 0, 'GOPRIVATE').getByTestId('to').textContent()).toBe('not set');
    expect(await snapshots(page).nth(1).getByText('Undo takes this one back').count()).toBe(1);
    await app.shot(page, 'history-undone-en');

    const zh = await openHistory('zh-CN');
    await zh.getByRole('heading', { name: 'go 环境文件的修改' }).waitFor();
    expect(await zh.getByTestId('undo').textContent()).toBe('撤销最近一次修改');
    expect(await change(zh, 0, 'GOPRIVATE').getByTestId('to').textContent()).toBe('未设置');
    await app.shot(zh, 'history-undone-zh-CN');
    expect(app.problems).toEqual([]);
  });

  it('shows the network-settings journal and restores the newest change from it', async () => {
    app = await startApp(browser, { goEnv: GOENV });
    const page = await openHistory('en-US');
    const journal = page.getByTestId('journal');
    await journal.getByText('GoProxy Desk has not changed your network settings yet.').waitFor();

    await app.services.netproxy.apply({ http: 'http://127.0.0.1:3128', scopes: ['env'] });
    const entry = page.getByTestId('journal-entry');
    await expect.poll(() => entry.count(), WAIT).toBe(1);
    expect(await entry.getAttribute('data-state')).toBe('applied');
    expect(await entry.textContent()).toContain('Proxy change');
    await app.shot(page, 'history-journal-en');

    await page.getByTestId('restore').click();
    await expect.poll(() => entry.getAttribute('data-state'), WAIT).toBe('restored');
    expect(await page.getByTestId('restore-result').textContent()).toContain('Undone: ');
    expect((await app.services.netproxy.read()).scopes.find((s) => s.scope === 'env')?.http).toBeNull();
    expect(await page.getByTestId('restore').isDisabled()).toBe(true);
    expect(app.problems).toEqual([]);
  });

  it('is accessible in light and dark and fits 800x600', async () => {
    app = await startApp(browser, { goEnv: GOENV });
    await app.services.goenv.write({
      set: ['GOPROXY=https://goproxy.io,direct', 'GONOSUMDB=git.corp.example'],
    });
    await app.services.netproxy.apply({ http: 'http://127.0.0.1:3128', scopes: ['env', 'git'] });
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const page = await openHistory(locale, { width: 800, height: 600 });
      await snapshots(page).first().waitFor();
      await page.getByTestId('journal-entry').first().waitFor();
      const lang = locale === 'en-US' ? 'en' : 'zh-CN';
      expect(await app.axe(page)).toEqual([]);
      await app.shot(page, `history-800x600-${lang}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
      await app.services.settings.write({ theme: 'dark' });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme), WAIT).toBe('dark');
      expect(await app.axe(page)).toEqual([]);
      await app.shot(page, `history-800x600-dark-${lang}`);
      await app.services.settings.write({ theme: 'light' });
    }
    expect(app.problems).toEqual([]);
  });
});
