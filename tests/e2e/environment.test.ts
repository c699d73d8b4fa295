import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers';
import { createServices } from '../../electron/services';
import { createNodeHost } from '../../electron/services/host';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { installBridge } from '../harness/bridge-client';
import { startBridge, type Bridge } from '../harness/bridge-server';
import { launchChromium } from '../harness/browser';

const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');
const SHOTS = path.resolve(__dirname, '../../test-results/e2e');

let browser: Browser;
let sandbox: Sandbox;
let bridge: Bridge;
let context: BrowserContext;
let problems: string[];

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(() => browser?.close());

beforeEach(async () => {
  sandbox = await createSandbox();
  await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
  await writeFile(sandbox.goEnvFile, 'GOPROXY=https://goproxy.cn,direct\n');
  await serve(sandbox.env);
  problems = [];
});

/** The real service, reading the temporary HOME (through the real go when it is on PATH). */
async function serve(env: NodeJS.ProcessEnv): Promise<void> {
  await bridge?.close();
  const handlers = createHandlers(createServices(createNodeHost({ env })));
  bridge = await startBridge({ handlers, staticDir: RENDERER_DIR });
}
afterEach(async () => {
  await context?.close();
  await bridge?.close();
  await sandbox?.cleanup();
});

async function open(locale: string): Promise<Page> {
  context = await browser.newContext({ locale, viewport: { width: 1100, height: 720 } });
  await context.addInitScript(installBridge, { token: bridge.token });
  const page = await context.newPage();
  // Any console error (a CSP violation included) or uncaught exception fails the test.
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${bridge.url}/index.html`);
  return page;
}

const row = (page: Page, name: string) => page.locator(`tr[data-var="${name}"]`);

describe('Go environment page (built renderer, real service)', () => {
  it('shows GOPROXY with its source, switches to Chinese, and saves screenshots', async () => {
    const page = await open('en-US');
    const goproxy = row(page, 'GOPROXY');
    await goproxy.waitFor();
    expect(await goproxy.locator('td').first().textContent()).toBe('https://goproxy.cn,direct');
    const badge = goproxy.locator('.badge');
    expect(await badge.getAttribute('data-source')).toBe('env-file');
    expect(await badge.textContent()).toBe('env file');
    expect(await row(page, 'GOSUMDB').locator('.badge').textContent()).toBe('default');
    expect(await page.getByTestId('env-file').textContent()).toBe(sandbox.goEnvFile);
    expect(await page.getByTestId('go-status').textContent()).toMatch(/^go1\.\d+.* at .*go$/);
    await page.screenshot({ path: path.join(SHOTS, 'environment-en.png'), fullPage: true });

    await page.getByTestId('language-select').selectOption('zh-CN');
    await page.getByRole('heading', { name: 'Go 环境' }).waitFor();
    expect(await badge.textContent()).toBe('环境文件');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.screenshot({ path: path.join(SHOTS, 'environment-zh-CN.png'), fullPage: true });

    // The choice survives a reload (nothing lost), even though the OS locale is English.
    await page.reload();
    await page.getByRole('heading', { name: 'Go 环境' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('follows a Chinese OS locale on first start', async () => {
    const page = await open('zh-CN');
    await page.getByRole('heading', { name: 'Go 环境' }).waitFor();
    expect(await row(page, 'GOPROXY').locator('.badge').textContent()).toBe('环境文件');
    expect(problems).toEqual([]);
  });

  it('says clearly when Go is not installed, and still shows the env file values', async () => {
    await serve({ ...sandbox.env, PATH: path.join(sandbox.root, 'empty') });
    const page = await open('en-US');
    const status = page.getByTestId('go-status');
    await status.waitFor();
    expect(await status.textContent()).toContain('Go was not found on PATH.');
    expect(await status.textContent()).toContain('https://go.dev/dl/');
    expect(await row(page, 'GOPROXY').locator('td').first().textContent()).toBe('https://goproxy.cn,direct');
    expect(problems).toEqual([]);
  });

  it('lists the mirror catalogue', async () => {
    const page = await open('en-US');
    await page.getByRole('button', { name: 'Mirrors' }).click();
    await page.getByRole('heading', { name: 'Mirror catalogue' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator('tbody').textContent()).toContain('https://goproxy.cn');
    await page.screenshot({ path: path.join(SHOTS, 'mirrors-en.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('only reaches the services through the contract: a call from the page with a bad payload is refused', async () => {
    const page = await open('en-US');
    await row(page, 'GOPROXY').waitFor();
    const result = await page.evaluate(() =>
      (window.goproxy.invoke as (c: string, i: unknown) => Promise<unknown>)('goenv:read', { evil: true }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await page.evaluate(() =>
      (window.goproxy.invoke as (c: string, i: unknown) => Promise<unknown>)('shell:exec', {}),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses bridge calls without the token', async () => {
    const response = await fetch(`${bridge.url}/__bridge/invoke`, {
      method: 'POST',
      body: JSON.stringify({ channel: 'goenv:read', input: {} }),
    });
    expect(response.status).toBe(403);
    expect(bridge.calls).toEqual([]);
  });
});
