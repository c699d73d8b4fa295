import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from '../harness/app';
import { launchChromium } from '../harness/browser';
import { foreignText } from './foreignText';

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

/** The element right after the page's heading block. */
const firstAfterHeading = (page: Page) =>
  page.locator('[data-testid="overview"] > header.page-header + *').getAttribute('data-testid');

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

    // GOSUMDB=off is said in words.
    expect(await page.getByTestId('sumdb-off').textContent()).toContain('Checksums are off');
    expect(await page.getByTestId('gosumdb').textContent()).toBe('GOSUMDB=off');
    // With checksums off nothing is checked, whatever GONOSUMDB (which defaults to GOPRIVATE) says.
    expect(await page.getByTestId('gonosumdb').textContent()).toBe('Every module: checksums are off.');
    expect(await page.getByTestId('goprivate').textContent()).toBe('*.corp.example');

    // No proxy anywhere in the sandbox.
    expect(await page.locator('[data-place="process"] dd').textContent()).toBe('none');
    expect(await page.locator('[data-place="env"] dd').textContent()).toBe('none');

    // Downloads work (nothing probed yet): the verdict says so, warns that checksums are off, and its
    // one primary button is the real next step, probing the mirror.
    const verdict = page.getByTestId('verdict');
    expect(await verdict.getAttribute('data-verdict')).toBe('ok');
    expect(await page.getByTestId('verdict-title').textContent()).toContain('go can download modules');
    expect(await page.getByTestId('verdict-cause').textContent()).toBe(
      'Through Fixture mirror, with no checksum check.',
    );
    await page.getByTestId('verdict-sumdb-off').waitFor();
    expect(await page.locator('main button.primary').allTextContents()).toEqual(['Probe it now']);
    expect((await page.getByTestId('probe-now').getAttribute('class')) ?? '').not.toContain('primary');

    // One card per problem of the quick checklist (errors and warnings), in the UI's language.
    await page.getByTestId('problem-list').waitFor();
    const expected = (await app.services.doctor.run({ probe: false, language: 'en' })).findings.filter(
      (f) => f.severity !== 'info',
    );
    expect(expected.length).toBeGreaterThan(0);
    const cards = page.getByTestId('problem');
    expect(await cards.count()).toBe(expected.length);
    expect(await cards.locator('strong').allTextContents()).toEqual(
      expect.arrayContaining(expected.map((f) => f.title)),
    );
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
          new Intl.DateTimeFormat('en', {
            dateStyle: 'medium',
            timeStyle: 'medium',
            hourCycle: 'h23',
          }).format(new Date(at)),
        newest.at,
      ),
    );
    await page.getByTestId('probe-now').waitFor();
    // Probed and healthy: nothing left to do, so no primary button.
    await page.locator('main button.primary').waitFor({ state: 'detached' });
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
    expect(await firstAfterHeading(zh)).toBe('verdict');
    expect(await zh.getByTestId('verdict').getAttribute('data-verdict')).toBe('ok');
    expect(await zh.getByTestId('verdict-title').textContent()).toContain('go 可以正常下载模块');
    expect(await zh.getByTestId('verdict-cause').textContent()).toBe(
      '通过 Fixture mirror 下载，用 sum.golang.org 校验。',
    );
    expect(await zh.getByTestId('chain-words').textContent()).toMatch(
      new RegExp(`^${url}，[^，]*任何错误[^，]*example\\.invalid，.*未找到`),
    );
    expect(await zh.locator('[data-place="process"] dd').textContent()).toBe('无');
    await zh.getByTestId('problem-list').or(zh.getByTestId('checklist-clean')).waitFor();
    await app.shot(zh, 'overview-zh-CN');
    expect(await foreignText(zh, 'zh-CN')).toEqual([]);
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
    await page.locator('[data-testid="verdict"][data-verdict="fail"]').waitFor();
    expect(await page.getByTestId('goproxy-invalid').getAttribute('class')).toContain('banner-error');
    await page.getByTestId('verdict-details').locator('summary').click();
    expect(await page.getByTestId('verdict-details').locator('[data-raw]').textContent()).toBe(
      'invalid proxy URL scheme (must be https, http, file): ftp://mirror.example',
    );
    await app.shot(page, 'overview-invalid-en');
    expect(app.problems).toEqual([]);
  });

  it('puts a broken setup first: the verdict says go will fail and why, and its fix is the one primary button', async () => {
    app = await startApp(browser, { goEnv: 'GOPROXY=ftp://mirror.example\nGOSUMDB=off\n' });
    const url = app.mirror!.url;
    for (const [locale, width, theme] of [
      ['en-US', 1100, 'light'],
      ['zh-CN', 800, 'dark'],
    ] as const) {
      await app.services.settings.write({ theme });
      const page = await app.open(locale, { width, height: width === 800 ? 600 : 760 });
      await ready(page);
      const verdict = page.locator('[data-testid="verdict"][data-verdict="fail"][data-reason="invalid"]');
      await verdict.waitFor();
      expect(await firstAfterHeading(page)).toBe('verdict');
      const en = locale === 'en-US';
      expect(await page.getByTestId('verdict-title').textContent()).toContain(
        en ? 'go cannot download modules right now' : 'go 现在无法下载模块',
      );
      expect(await page.getByTestId('verdict-cause').textContent()).toBe(
        en
          ? 'GOPROXY holds a value go refuses, so every download stops at once.'
          : 'GOPROXY 的值 go 不认，所有下载都会立刻失败。',
      );
      // The fix is the only filled button on the page, and it sits in the verdict.
      const primary = page.locator('main button.primary');
      expect(await primary.count()).toBe(1);
      expect(await primary.getAttribute('data-testid')).toBe('verdict-fix');
      expect(await primary.textContent()).toBe(en ? 'Use Fixture mirror' : '改用 Fixture mirror');
      expect(await verdict.evaluate((v) => getComputedStyle(v).backgroundColor)).not.toBe(
        await page.evaluate(() => getComputedStyle(document.querySelector('.card')!).backgroundColor),
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await app.shot(page, `overview-broken-${en ? 'en' : 'zh-CN-800-dark'}`);
      expect(await foreignText(page, en ? 'en' : 'zh-CN')).toEqual([]);
      expect(await app.axe(page)).toEqual([]);
      if (!en) break;

      // One click previews, one confirm writes; nothing is written before it.
      await primary.click();
      const rows = page.locator('[data-testid="verdict-change"] [data-testid="change-row"]');
      await rows.first().waitFor();
      expect(await rows.locator('code').allTextContents()).toEqual([
        'GOPROXY',
        'ftp://mirror.example',
        `${url},direct`,
      ]);
      expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toContain('GOPROXY=ftp://mirror.example\n');
      await app.shot(page, 'overview-broken-preview-en');
      await page.getByTestId('change-apply').click();
      await page.locator('[data-testid="verdict"][data-verdict="ok"]').waitFor();
      expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toContain(`GOPROXY=${url},direct\n`);
      expect(await page.getByTestId('change-outcome').textContent()).toContain(
        'go now uses Fixture mirror first.',
      );
      await app.shot(page, 'overview-fixed-en');

      await page.getByTestId('change-undo').click();
      await page.locator('[data-testid="verdict"][data-verdict="fail"]').waitFor();
      expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toContain('GOPROXY=ftp://mirror.example\n');
      expect(await page.getByTestId('change-apply').count()).toBe(0);
    }
    expect(app.problems).toEqual([]);
  });

  it('says go will fail when every mirror of the chain failed its last probe, and probing again is the fix', async () => {
    app = await startApp(browser);
    const url = app.mirror!.url;
    await mkdir(path.dirname(app.sandbox.goEnvFile), { recursive: true });
    await writeFile(app.sandbox.goEnvFile, `GOPROXY=${url},direct\n`);
    app.mirror!.setFaults({ status: 500 });
    await app.services.probe.run({ mirrors: [url], samples: 2 });
    const page = await app.open('en-US');
    await ready(page);
    await page.locator('[data-testid="verdict"][data-verdict="fail"][data-reason="dead"]').waitFor();
    expect(await page.getByTestId('verdict-cause').textContent()).toContain(url);
    // No other catalogue mirror to switch to: the one primary button probes again.
    const primary = page.locator('main button.primary');
    expect(await primary.allTextContents()).toEqual(['Probe every mirror again']);
    await app.shot(page, 'overview-dead-en');

    app.mirror!.clearFaults();
    await primary.click();
    await page.locator('[data-testid="verdict"][data-verdict="ok"]').waitFor({ timeout: 30_000 });
    expect(app.problems).toEqual([]);
  });

  it('invites a newcomer to the setup wizard when it was never completed', async () => {
    app = await startApp(browser);
    await seedChain(app);
    await app.services.settings.write({ wizardCompletedAt: null });
    const page = await app.open('zh-CN');
    await ready(page);
    await page.locator('[data-testid="verdict"][data-verdict="setup"]').waitFor();
    expect(await firstAfterHeading(page)).toBe('verdict');
    expect(await page.getByTestId('verdict-title').textContent()).toContain('还没有完成初始设置');
    const primary = page.locator('main button.primary');
    expect(await primary.allTextContents()).toEqual(['打开设置向导']);
    await app.shot(page, 'overview-setup-zh-CN');
    expect(await foreignText(page, 'zh-CN')).toEqual([]);
    expect(await app.axe(page)).toEqual([]);
    await primary.click();
    await page.locator('.wizard-link[aria-current="page"]').waitFor();
    expect(app.problems).toEqual([]);
  });
});
