import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHost } from '../../electron/services/host';
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

const settingsFile = (a: AppHarness) =>
  path.join(createNodeHost({ env: a.sandbox.env }).dataDir, 'settings.json');
const stored = async (a: AppHarness): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(settingsFile(a), 'utf8')) as Record<string, unknown>;
const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

async function openSettings(
  locale: 'en-US' | 'zh-CN',
  size?: { width: number; height: number },
): Promise<Page> {
  const page = await app!.open(locale, size);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('language-select').waitFor();
  return page;
}

describe('Settings page (built renderer, real settings store)', () => {
  it('switches the language to 简体中文 and back and the theme to dark and light, saved, and a reload keeps them', async () => {
    app = await startApp(browser);
    const page = await openSettings('en-US');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'settings-start-en');

    await page.getByTestId('language-select').selectOption('zh-CN');
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByTestId('save-status').textContent()).toBe('已保存。');
    expect((await stored(app)).language).toBe('zh-CN');
    // The sidebar follows at once, not only this page.
    expect(await page.getByTestId('nav-proxy').textContent()).toBe('HTTP 代理');
    await app.shot(page, 'settings-language-zh-CN');

    await page.getByTestId('theme-select').selectOption('dark');
    await expect.poll(() => theme(page), WAIT).toBe('dark');
    await expect.poll(async () => (await stored(app!)).theme, WAIT).toBe('dark');
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'settings-dark-zh-CN');

    // Both are settings: they survive a reload although the browser's locale is English.
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    await expect.poll(() => theme(page), WAIT).toBe('dark');
    expect(await page.getByTestId('theme-select').inputValue()).toBe('dark');

    await page.getByTestId('theme-select').selectOption('light');
    await expect.poll(() => theme(page), WAIT).toBe('light');
    await page.getByTestId('language-select').selectOption('en');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await expect.poll(() => stored(app!), WAIT).toMatchObject({ language: 'en', theme: 'light' });
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'settings-light-en');

    await page.reload();
    await page.getByTestId('nav-settings').click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await theme(page)).toBe('light');
    expect(app.problems).toEqual([]);
  });

  it('refuses out-of-range numbers and a malformed module with a message and saves nothing; valid values are saved', async () => {
    app = await startApp(browser);
    const page = await openSettings('en-US');
    const before = await readFile(settingsFile(app), 'utf8');

    const interval = page.getByTestId('probe-interval');
    if (app.mode === 'desktop') {
      await interval.fill('5000');
      await interval.press('Tab');
      expect(await page.getByTestId('probe-interval-error').textContent()).toBe(
        'Enter a whole number from 0 to 1440. Nothing was saved.',
      );
      expect(await interval.getAttribute('aria-invalid')).toBe('true');
    } else {
      // Background checks, auto-switch, login item and quit behaviour belong to the desktop app.
      for (const id of [
        'probe-interval',
        'auto-switch',
        'auto-switch-after',
        'launch-at-login',
        'restore-proxy-on-quit',
      ])
        expect(await page.getByTestId(id).count(), id).toBe(0);
      expect(await page.getByTestId('desktop-only-note').textContent()).toContain(
        'come with the desktop app',
      );
    }

    const retention = page.getByTestId('history-retention');
    await retention.fill('0');
    await retention.press('Enter');
    expect(await page.getByTestId('history-retention-error').textContent()).toBe(
      'Enter a whole number from 1 to 365. Nothing was saved.',
    );
    expect(await page.getByTestId('save-status').textContent()).toBe(
      'Not saved: fix the value marked above.',
    );
    const module = page.getByTestId('verify-module');
    await module.fill('rsc.io/quote');
    await module.press('Enter');
    await page.getByTestId('verify-module-error').waitFor();
    expect(await readFile(settingsFile(app), 'utf8')).toBe(before);
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'settings-invalid-en');

    if (app.mode === 'desktop') {
      await interval.fill('45');
      await interval.press('Enter');
      await expect.poll(async () => (await stored(app!)).probeIntervalMinutes, WAIT).toBe(45);
      expect(await page.getByTestId('probe-interval-error').count()).toBe(0);
      expect(await interval.getAttribute('aria-invalid')).toBe('false');

      // "After N failures" only matters with auto-switch on.
      const after = page.getByTestId('auto-switch-after');
      expect(await after.isDisabled()).toBe(true);
      await page.getByTestId('auto-switch').check();
      await expect.poll(async () => (await stored(app!)).autoSwitch, WAIT).toBe(true);
      await after.fill('5');
      await after.press('Enter');
      await page.getByTestId('restore-proxy-on-quit').check();
    }
    await module.fill('rsc.io/quote@v1.5.1');
    await module.press('Enter');
    await expect
      .poll(() => stored(app!))
      .toMatchObject(
        app.mode === 'desktop'
          ? {
              autoSwitch: true,
              autoSwitchAfterFailures: 5,
              restoreProxyOnQuit: true,
              probeIntervalMinutes: 45,
              verifyModule: 'rsc.io/quote@v1.5.1',
            }
          : { verifyModule: 'rsc.io/quote@v1.5.1' },
      );
    // The file is written before the answer reaches the page: the status follows a moment later.
    await expect.poll(() => page.getByTestId('save-status').textContent(), WAIT).toBe('Saved.');
    expect((await app.services.settings.read()).settings.historyRetentionDays).toBe(30);

    const zh = await openSettings('zh-CN');
    const zhRetention = zh.getByTestId('history-retention');
    await zhRetention.fill('400');
    await zhRetention.press('Enter');
    expect(await zh.getByTestId('history-retention-error').textContent()).toBe(
      '请输入 1 到 365 之间的整数。未保存任何内容。',
    );
    await app.shot(zh, 'settings-invalid-zh-CN');
    expect(app.problems).toEqual([]);
  });

  it('opens the setup wizard again, and fits 800x600 in both themes', async () => {
    app = await startApp(browser);
    const page = await openSettings('en-US', { width: 800, height: 600 });
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'settings-800x600-en');
    await page.getByTestId('theme-select').selectOption('dark');
    await expect.poll(() => theme(page), WAIT).toBe('dark');
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'settings-800x600-dark-en');
    // Nothing on the page is wider than the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);

    await page.getByTestId('run-wizard').click();
    await expect.poll(() => page.getByTestId('nav-wizard').getAttribute('aria-current'), WAIT).toBe('page');
    expect(app.problems).toEqual([]);
  });
});
