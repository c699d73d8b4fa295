import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGES } from '../../shared/channels';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { launchChromium } from '../harness/browser';
import { startUi, type UiProcess } from '../harness/ui-server';

/**
 * Browser mode as a user on a remote machine gets it: the built `goproxy-desk ui` started from the
 * shell, Debian's Chromium opening the link it printed. (Run by the e2e-web project only.)
 */
let browser: Browser;
let sandbox: Sandbox;
let ui: UiProcess;
const WAIT = { timeout: 20_000 };

beforeAll(async () => {
  browser = await launchChromium();
  sandbox = await createSandbox();
  await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
  await writeFile(sandbox.goEnvFile, 'GOPROXY=https://goproxy.cn,direct\n');
  await mkdir(path.join(sandbox.root, 'data'), { recursive: true });
  await writeFile(
    path.join(sandbox.root, 'data', 'settings.json'),
    JSON.stringify({ probeIntervalMinutes: 0, wizardCompletedAt: new Date(0).toISOString() }),
  );
  ui = await startUi(['--port', '0', '--no-open'], {
    ...sandbox.env,
    GOPROXY_DESK_HOME: path.join(sandbox.root, 'data'),
  });
});
afterAll(async () => {
  await ui?.stop();
  await browser?.close();
  await sandbox?.cleanup();
});

describe('goproxy-desk ui in Chromium', () => {
  it('opens the overview from the printed link, with an HttpOnly SameSite=Strict session and no token left in the URL', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 760 } });
    const problems: string[] = [];
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(ui.link);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor(WAIT);
    expect(page.url()).toBe(`${ui.origin}/`);
    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({
      name: `goproxy-desk-${ui.port}`,
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
    // The page's own scripts cannot read the session.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // The desktop-only parts are not offered.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('desktop-only-note').waitFor(WAIT);
    expect(await page.getByTestId('launch-at-login').count()).toBe(0);

    // Every page, and a reload: no console error (a CSP violation included), no uncaught exception.
    for (const name of APP_PAGES) {
      await page.getByTestId(`nav-${name}`).click();
      await expect
        .poll(() => page.getByTestId(`nav-${name}`).getAttribute('aria-current'), WAIT)
        .toBe('page');
      await page.getByRole('heading', { level: 1 }).first().waitFor(WAIT);
    }
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor(WAIT);
    expect(problems).toEqual([]);

    // The link worked once: another browser with it gets no session.
    const other = await browser.newContext();
    const second = await other.newPage();
    const response = await second.goto(ui.link);
    expect(response?.status()).toBe(401);
    expect(await second.textContent('body')).toContain('each link works once');
    await other.close();

    // The server stops: the page says what happened and what to do instead of failing silently.
    expect((await ui.stop()).code).toBe(0);
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('probe-now').click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents(), WAIT)
      .toContainEqual(expect.stringContaining('Lost the connection to `goproxy-desk ui`'));
    await context.close();
  });
});
