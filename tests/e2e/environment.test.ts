import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppHarness, type AppOptions } from '../harness/app';
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

const GOENV = 'GOPROXY=https://goproxy.cn,direct\n';

async function openEnvironment(locale: 'en-US' | 'zh-CN', options: AppOptions = {}): Promise<Page> {
  app = await startApp(browser, { goEnv: GOENV, ...options });
  const page = await app.open(locale);
  await page.getByTestId('nav-environment').click();
  return page;
}

const row = (page: Page, name: string) => page.locator(`tr[data-var="${name}"]`);

/** A call made by code running in the page, the way the renderer makes it in this mode. */
function invokeFromPage(page: Page, channel: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ channel, input }) => {
      if (window.goproxy) {
        return (window.goproxy.invoke as (c: string, i: unknown) => Promise<unknown>)(channel, input);
      }
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, input }),
      });
      return response.json() as Promise<unknown>;
    },
    { channel, input },
  );
}

describe('Go environment page (built renderer, real service)', () => {
  it('shows GOPROXY with its source, in English and (after switching in Settings) in Chinese', async () => {
    const page = await openEnvironment('en-US');
    const goproxy = row(page, 'GOPROXY');
    await goproxy.waitFor();
    expect(await goproxy.locator('td code').first().textContent()).toBe('https://goproxy.cn,direct');
    const badge = goproxy.locator('.badge');
    expect(await badge.getAttribute('data-source')).toBe('env-file');
    expect(await badge.textContent()).toBe('env file');
    expect(await row(page, 'GOSUMDB').locator('.badge').textContent()).toBe('default');
    expect(await page.getByTestId('env-file').locator('code').textContent()).toBe(app!.sandbox.goEnvFile);
    expect(await page.getByTestId('go-status').textContent()).toMatch(/^go1\.\d+.* at .*go$/);
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, 'environment-en');

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-select').selectOption('zh-CN');
    await page.getByTestId('nav-environment').click();
    await page.getByRole('heading', { name: 'Go 环境' }).waitFor();
    expect(await badge.textContent()).toBe('环境文件');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await app!.shot(page, 'environment-zh-CN');

    // The choice is a setting: it survives a reload although the browser's locale is English.
    await page.reload();
    await page.getByTestId('nav-environment').click();
    await page.getByRole('heading', { name: 'Go 环境' }).waitFor();
    expect(app!.problems).toEqual([]);
  });

  it('shows each value whole, broken only after its commas and pipes, with a copy button', async () => {
    const page = await openEnvironment('en-US', {
      goEnv:
        'GOPROXY=https://goproxy.cn,https://mirrors.aliyun.com/goproxy/|https://proxy.golang.org,direct\n',
    });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app!.url });
    const value = page.getByTestId('value-GOPROXY');
    await value.waitFor();
    // Each entry is one unbreakable piece; a line may end only after a separator.
    expect(await value.locator('.token').allTextContents()).toEqual([
      'https://goproxy.cn,',
      'https://mirrors.aliyun.com/goproxy/|',
      'https://proxy.golang.org,',
      'direct',
    ]);
    expect(await value.getAttribute('title')).toBe(
      'https://goproxy.cn,https://mirrors.aliyun.com/goproxy/|https://proxy.golang.org,direct',
    );
    const copy = page.getByTestId('value-GOPROXY-copy');
    expect(await copy.getAttribute('aria-label')).toBe(
      'Copy https://goproxy.cn,https://mirrors.aliyun.com/goproxy/|https://proxy.golang.org,direct',
    );
    await copy.click();
    await expect.poll(() => copy.textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'https://goproxy.cn,https://mirrors.aliyun.com/goproxy/|https://proxy.golang.org,direct',
    );
    expect(app!.problems).toEqual([]);
  });

  it('follows a Chinese OS locale while the language setting is "system"', async () => {
    const page = await openEnvironment('zh-CN');
    await page.getByRole('heading', { name: 'Go 环境' }).waitFor();
    expect(await row(page, 'GOPROXY').locator('.badge').textContent()).toBe('环境文件');
    expect(app!.problems).toEqual([]);
  });

  it('says clearly when Go is not installed, and still shows the env file values', async () => {
    app = await startApp(browser, { goEnv: GOENV, env: { PATH: path.join(__dirname, 'no-such-dir') } });
    const page = await app.open('en-US');
    await page.getByTestId('nav-environment').click();
    const status = page.getByTestId('go-status');
    await status.waitFor();
    expect(await status.textContent()).toContain('Go was not found on PATH.');
    expect(await status.textContent()).toContain('https://go.dev/dl/');
    expect(await row(page, 'GOPROXY').locator('td code').first().textContent()).toBe(
      'https://goproxy.cn,direct',
    );
    expect(app.problems).toEqual([]);
  });

  it('only reaches the services through the contract: a call from the page with a bad payload is refused', async () => {
    const page = await openEnvironment('en-US');
    await row(page, 'GOPROXY').waitFor();
    const result = await invokeFromPage(page, 'goenv:read', { evil: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await invokeFromPage(page, 'shell:exec', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    // Refused before any handler ran.
    expect(app!.calls).not.toContainEqual({ channel: 'goenv:read', input: { evil: true } });
  });

  it('refuses calls and event streams from outside the page (no token, no session)', async () => {
    app = await startApp(browser);
    const response = await fetch(`${app.url}/${app.mode === 'desktop' ? '__bridge/invoke' : 'api/invoke'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ channel: 'goenv:read', input: {} }),
    });
    // The bridge wants its token (403); the browser mode's server its session cookie (401).
    expect(response.status).toBe(app.mode === 'desktop' ? 403 : 401);
    const events = await fetch(
      `${app.url}/${app.mode === 'desktop' ? '__bridge/events?token=wrong' : 'api/events'}`,
    );
    expect(events.status).toBe(app.mode === 'desktop' ? 403 : 401);
    expect(app.calls).toEqual([]);
  });
});
