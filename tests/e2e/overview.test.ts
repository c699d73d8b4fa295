import { mkdir, writeFile } from 'node:fs/promises';
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

/** The fixture mirror first, an unreachable second mirror on any error, then direct. */
async function seedChain(harness: AppHarness, extra = ''): Promise<string> {
  const url = harness.mirror!.url;
  await mkdir(path.dirname(harness.sandbox.goEnvFile), { recursive: true });
  await writeFile(harness.sandbox.goEnvFile, `GOPROXY=${url}|https://example.invalid,direct\n${extra}`);
  return url;
}

async function ready(page: Page): Promise<void> {
  await page.locator('[data-testid="overview"][data-ready="true"]').waitFor();
}

const counts = async (page: Page) =>
  Object.fromEntries(
    await Promise.all(
      ['error', 'warning', 'info'].map(async (s) => [
        s,
        Number(
          await page
            .locator(`[data-testid="checklist-counts"] li[data-severity="${s}"]`)
            .getAttribute('data-count'),
        ),
      ]),
    ),
  );

// Every step waits on real go, the real checklist and probes: slow when the machine is busy.
describe('Overview page (built renderer, real services)', { timeout: 120_000 }, () => {
  it('shows the active mirror, its chain in words and checksum state, then probes it on one click', async () => {
    app = await startApp(browser);
    const url = await seedChain(app, 'GOSUMDB=off\nGOPRIVATE=*.corp.example\n');
    const page = await app.open('en-US');
    await ready(page);

    const active = page.getByTestId('active-mirror');
    await active.waitFor();
    expect(await active.textContent()).toContain('Fixture mirror');
    expect(await active.locator('code').textContent()).toBe(url);
    // Each step says when go moves on: '|' on any error, ',' only when the module is not found.
    const words = await page.getByTestId('chain-words').textContent();
    expect(words).toMatch(
      new RegExp(`^${url}, [^,]*example\\.invalid[^,]*any error, [^,]*direct[^,]*not found`),
    );
    const health = page.getByTestId('mirror-health');
    await health.locator('[data-health="unknown"]').waitFor();
    expect(await health.textContent()).toBe('Not probed yet');
    expect(await page.getByTestId('last-probe').textContent()).toBe('never');

    // GOSUMDB=off is said in words; GONOSUMDB defaults to GOPRIVATE, as go reports it.
    expect(await page.getByTestId('sumdb-off').textContent()).toContain('Checksums are off');
    expect(await page.getByTestId('gosumdb').textContent()).toBe('GOSUMDB=off');
    expect(await page.getByTestId('gonosumdb').textContent()).toBe('*.corp.example');
    expect(await page.getByTestId('goprivate').textContent()).toBe('*.corp.example');

    // No proxy anywhere in the sandbox.
    expect(await page.locator('[data-place="process"] dd').textContent()).toBe('none');
    expect(await page.locator('[data-place="env"] dd').textContent()).toBe('none');

    // The counts are the quick checklist's own (GOSUMDB=off is at least one finding).
    await page.getByTestId('checklist-counts').waitFor();
    const expected = (await app.services.doctor.run({ probe: false })).counts;
    expect(expected.error + expected.warning + expected.info).toBeGreaterThan(0);
    expect(await counts(page)).toEqual(expected);

    await app.shot(page, 'overview-initial-en');
    expect(await app.axe(page)).toEqual([]);

    await page.getByTestId('probe-now').click();
    await health.locator('[data-health="ok"]').waitFor({ timeout: 30_000 });
    expect(await health.textContent()).toBe('Healthy');
    const lastProbe = await page.getByTestId('last-probe').textContent();
    expect(lastProbe).not.toBe('never');
    const history = await app.services.probe.history({ mirrors: [url] });
    const newest = history.mirrors[0]!.entries.at(-1)!;
    expect(newest.status).toBe('ok');
    expect(lastProbe).toBe(
      await page.evaluate(
        (at) =>
          new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at)),
        newest.at,
      ),
    );
    await page.getByTestId('probe-now').waitFor();
    await app.shot(page, 'overview-probed-en');

    // The checklist link opens the checklist.
    await page.getByTestId('open-checklist').click();
    await page.getByRole('heading', { level: 1, name: 'Checklist' }).waitFor();
    expect(app.problems).toEqual([]);
  });

  it('speaks Chinese, keeps the last probe, and fits 800x600', async () => {
    app = await startApp(browser);
    const url = await seedChain(app);
    await app.services.probe.run({ mirrors: [url], samples: 2 });

    const zh = await app.open('zh-CN');
    await ready(zh);
    await zh.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    await zh.getByTestId('mirror-health').locator('[data-health="ok"]').waitFor();
    expect(await zh.getByTestId('mirror-health').textContent()).toBe('正常');
    expect(await zh.getByTestId('chain-words').textContent()).toMatch(
      new RegExp(`^${url}，[^，]*任何错误[^，]*example\\.invalid，.*未找到`),
    );
    expect(await zh.locator('[data-place="process"] dd').textContent()).toBe('无');
    await zh.getByTestId('checklist-counts').or(zh.getByTestId('checklist-clean')).waitFor();
    await app.shot(zh, 'overview-zh-CN');
    expect(await app.axe(zh)).toEqual([]);

    const small = await app.open('en-US', { width: 800, height: 600 });
    await ready(small);
    await small.getByTestId('mirror-health').locator('[data-health="ok"]').waitFor();
    await app.shot(small, 'overview-800x600-en');
    // Nothing runs off the side: the cards wrap into the narrow window.
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    expect(await app.axe(small)).toEqual([]);
    expect(app.problems).toEqual([]);
  });

  it('follows changes made elsewhere without a reload, and says when GOPROXY is broken', async () => {
    app = await startApp(browser);
    await seedChain(app);
    const page = await app.open('en-US');
    await ready(page);
    await page.getByTestId('active-mirror').waitFor();

    // Another window (the tray, the CLI) changes GOPROXY: the overview hears of it.
    await app.services.goenv.write({ set: ['GOPROXY=https://goproxy.cn,direct'] });
    await page.getByTestId('active-mirror').getByText('https://goproxy.cn').waitFor();
    expect(await page.getByTestId('chain-words').textContent()).toMatch(
      /^goproxy\.cn, then direct .*only if not found/,
    );

    await app.services.goenv.write({ set: ['GOPROXY=ftp://mirror.example'] });
    const invalid = page.getByTestId('goproxy-invalid');
    await invalid.waitFor();
    expect(await invalid.textContent()).toContain(
      'invalid proxy URL scheme (must be https, http, file): ftp://mirror.example',
    );
    await app.shot(page, 'overview-invalid-en');
    expect(app.problems).toEqual([]);
  });
});
