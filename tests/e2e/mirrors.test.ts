import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppHarness, type AppOptions } from '../harness/app';
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

const GOENV = 'GOPROXY=https://goproxy.cn,direct\n';
const LOCALES = [
  { locale: 'en-US', lang: 'en', anyError: 'on any error', ms: 'ms', toolchains: ['Unknown', 'Served'] },
  { locale: 'zh-CN', lang: 'zh-CN', anyError: '出现任何错误时', ms: '毫秒', toolchains: ['未知', '提供'] },
] as const;

async function openMirrors(
  locale: 'en-US' | 'zh-CN',
  options: AppOptions = {},
  viewport?: { width: number; height: number },
): Promise<Page> {
  app = await startApp(browser, { goEnv: GOENV, ...options });
  const page = await app.open(locale, viewport);
  await page.getByTestId('nav-mirrors').click();
  await page.locator('[data-testid="mirror-table"] tr[data-mirror="fixture"]').waitFor();
  return page;
}

/** The table needs no scrolling of its own, and each row's buttons are inside the window. */
async function expectNoClipping(page: Page): Promise<void> {
  const scroll = page.locator('.table-scroll:has(> [data-testid="mirror-table"])');
  expect(await scroll.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
  const width = page.viewportSize()!.width;
  for (const button of await page.locator('[data-testid="mirror-table"] button').all()) {
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  }
}

const phaseRow = (page: Page, id: string) =>
  page.locator(`[data-testid="phase-table"] tr[data-mirror="${id}"]`);
const tableRow = (page: Page, id: string) =>
  page.locator(`[data-testid="mirror-table"] tr[data-mirror="${id}"]`);

/** Pixels drawn on the phase-bar canvas in a phase colour (anything neither blank nor text-grey). */
function barPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="phase-bars"] canvas')!;
    const style = getComputedStyle(canvas);
    const probe = document.createElement('canvas').getContext('2d')!;
    const rgb = (css: string) => {
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      return [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    const colours = ['dns', 'connect', 'tls', 'ttfb'].map((p) => rgb(style.getPropertyValue(`--phase-${p}`)));
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (colours.some((c) => c[0] === data[i] && c[1] === data[i + 1] && c[2] === data[i + 2])) count++;
    }
    return count;
  });
}

describe.each(LOCALES)('Mirrors page ($lang)', ({ locale, lang, anyError, ms, toolchains }) => {
  it('lists the fixture mirror, fills the phase bars sample by sample, then draws the history and zooms it', async () => {
    const page = await openMirrors(locale);
    expect(await tableRow(page, 'fixture').locator('[data-health]').getAttribute('data-health')).toBe(
      'unknown',
    );
    expect(await tableRow(page, 'fixture').locator('code').textContent()).toBe(app!.mirror!.url);
    expect(await tableRow(page, 'fixture').getByTestId('toolchain').textContent()).toBe(toolchains[0]);
    await app!.shot(page, `mirrors-table-${lang}`);

    // Slow answers, so that the samples arrive one by one where the page can be seen filling in.
    app!.mirror!.setFaults({ match: /\.info$/, delayMs: 150 });
    app!.mirror!.setToolchains({});
    await page.getByTestId('probe-now').click();
    const seen = new Set<number>();
    let midRunShot = false;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      const samples = Number((await phaseRow(page, 'fixture').getAttribute('data-samples')) ?? 0);
      seen.add(samples);
      if (samples >= 2 && !midRunShot) {
        midRunShot = true;
        expect(Number(await page.getByTestId('probe-progress').getAttribute('data-done'))).toBeGreaterThan(0);
        expect(await barPixels(page)).toBeGreaterThan(0);
        await app!.shot(page, `mirrors-probing-${lang}`);
      }
      if (samples === 5) break;
      await page.waitForTimeout(25);
    }
    expect([...seen].some((n) => n > 0 && n < 5)).toBe(true);
    expect(seen.has(5)).toBe(true);
    await page.getByTestId('probe-finished').waitFor();
    expect(Number(await phaseRow(page, 'fixture').getAttribute('data-median-ms'))).toBeGreaterThan(100);
    expect(await phaseRow(page, 'fixture').getAttribute('data-failed')).toBe('0');
    expect(await tableRow(page, 'fixture').locator('[data-health]').getAttribute('data-health')).toBe('ok');
    expect(await tableRow(page, 'fixture').getByTestId('latency').textContent()).toMatch(
      /^\d[\d.]* \/ \d[\d.]*$/,
    );
    expect(await barPixels(page)).toBeGreaterThan(0);
    expect(await tableRow(page, 'fixture').getByTestId('toolchain').textContent()).toBe(toolchains[1]);

    app!.mirror!.clearFaults();
    app!.mirror!.setToolchains(null);
    await page.getByTestId('probe-now').click();
    // Two probes draw no "trend": the numbers, in a table anyone can see.
    await page.locator('[data-testid="history-few"][data-points="2"]').waitFor();
    expect(await page.getByTestId('history-chart').count()).toBe(0);
    const history = page.locator('[data-testid="history-table"] tr[data-mirror="fixture"] td');
    expect(await history.nth(0).textContent()).toBe('2');
    expect(await history.nth(1).textContent()).toContain(ms);
    expect(await history.nth(2).textContent()).toContain(ms);
    expect(await page.getByTestId('history-table').isVisible()).toBe(true);
    await app!.shot(page, `mirrors-history-few-${lang}`);

    // A third probe, which fails: the line appears, with the failure marked on the time axis.
    app!.mirror!.setFaults({ status: 500 });
    await page.getByTestId('probe-now').click();
    const chart = page.getByTestId('history-chart');
    await page.locator('[data-testid="history-chart"][data-points="3"][data-failures="1"]').waitFor();
    app!.mirror!.clearFaults();
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('history-table').getAttribute('class')).toBe('sr-only');
    // Hovering shows the values of the probe under the cursor.
    await chart.scrollIntoViewIfNeeded();
    const over = (await chart.locator('.u-over').boundingBox())!;
    const tip = page.getByTestId('history-tip');
    await page.mouse.move(over.x + 2, over.y + over.height / 2);
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/p50 .*p95 /);
    await page.mouse.move(over.x + over.width - 2, over.y + over.height / 2);
    await page.waitForFunction(
      (failed) => document.querySelector('[data-testid="history-tip"]')?.textContent?.includes(failed),
      lang === 'en' ? 'failed' : '检测失败',
    );
    await app!.shot(page, `mirrors-history-${lang}`);
    expect(await foreignText(page, lang, ["A local mirror serving Go's own test modules."])).toEqual([]);

    const reset = page.getByTestId('reset-zoom');
    expect(await reset.isDisabled()).toBe(true);
    const before = [
      Number(await chart.getAttribute('data-x-min')),
      Number(await chart.getAttribute('data-x-max')),
    ];
    // The mouse acts in the viewport: bring the plot into it first.
    await chart.scrollIntoViewIfNeeded();
    const plot = (await chart.locator('.u-over').boundingBox())!;
    await page.mouse.move(plot.x + plot.width * 0.3, plot.y + plot.height / 2);
    await page.mouse.down();
    await page.mouse.move(plot.x + plot.width * 0.5, plot.y + plot.height / 2, { steps: 5 });
    await page.mouse.move(plot.x + plot.width * 0.7, plot.y + plot.height / 2, { steps: 5 });
    await page.mouse.up();
    const zoomed = [
      Number(await chart.getAttribute('data-x-min')),
      Number(await chart.getAttribute('data-x-max')),
    ];
    expect(zoomed[0]).toBeGreaterThan(before[0]!);
    expect(zoomed[1]).toBeLessThan(before[1]!);
    expect(await reset.isDisabled()).toBe(false);
    await app!.shot(page, `mirrors-zoomed-${lang}`);
    await reset.click();
    expect(Number(await chart.getAttribute('data-x-min'))).toBeCloseTo(before[0]!, 3);
    expect(Number(await chart.getAttribute('data-x-max'))).toBeCloseTo(before[1]!, 3);
    expect(await reset.isDisabled()).toBe(true);

    // Hiding the mirror's series is a toggle, and the page still has no serious accessibility problem.
    await page.locator('.series-toggles input[data-mirror="fixture"]').uncheck();
    await page.locator('.series-toggles input[data-mirror="fixture"]').check();
    expect(await app!.axe(page)).toEqual([]);
    expect(app!.problems).toEqual([]);
  });

  it('adds a custom mirror, refuses an invalid URL in words and adds nothing, and removes it', async () => {
    const page = await openMirrors(locale);
    const rows = page.locator('[data-testid="mirror-table"] tbody tr');
    expect(await rows.count()).toBe(1);

    await page.getByTestId('add-url').fill('ftp://mirror.example');
    await page.getByTestId('add-submit').click();
    const error = page.getByTestId('add-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(
      'invalid proxy URL scheme (must be https, http, file): ftp://mirror.example',
    );
    expect(await page.getByTestId('add-url').getAttribute('aria-invalid')).toBe('true');
    expect(await rows.count()).toBe(1);
    expect((await app!.services.mirrors.list()).mirrors).toHaveLength(1);
    await app!.shot(page, `mirrors-add-invalid-${lang}`);

    await page.getByTestId('add-url').fill(`${app!.mirror!.url}/team/`);
    await page.getByTestId('add-name').fill('Team mirror');
    await page.getByTestId('add-submit').click();
    await page.getByTestId('add-done').waitFor();
    expect(await rows.count()).toBe(2);
    const custom = rows.nth(1);
    expect(await custom.locator('strong').textContent()).toBe('Team mirror');
    expect(await custom.locator('code').textContent()).toBe(`${app!.mirror!.url}/team`);
    expect(await error.count()).toBe(0);
    const saved = (await app!.services.mirrors.list()).mirrors.filter((m) => m.custom);
    expect(saved).toMatchObject([{ name: 'Team mirror', url: `${app!.mirror!.url}/team`, region: 'custom' }]);
    // The chain editor offers it too.
    expect(
      await page.locator(`[data-testid="chain-add-select"] option[value="${saved[0]!.id}"]`).count(),
    ).toBe(1);
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, `mirrors-add-custom-${lang}`);

    await page.getByTestId('add-url').fill(app!.mirror!.url);
    await page.getByTestId('add-submit').click();
    await error.waitFor();
    expect(await error.textContent()).toContain(app!.mirror!.url);
    expect(await rows.count()).toBe(2);

    await custom.getByTestId('remove-mirror').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="mirror-table"] tbody tr').length === 1,
    );
    expect((await app!.services.mirrors.list()).mirrors.filter((m) => m.custom)).toEqual([]);
    expect(app!.problems).toEqual([]);
  });

  it("edits GOPROXY as a list or as text, with go's verdict, previews, applies under the preview and undoes", async () => {
    const page = await openMirrors(locale);
    const verdict = page.getByTestId('chain-verdict');
    const change = page.getByTestId('chain-change');
    await page.locator('[data-testid="chain-current"] code').waitFor();
    // The chain is an ordered list first; nothing to preview before an edit, and the page says why.
    const items = page.getByTestId('chain-entry');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).locator('code').textContent()).toBe('https://goproxy.cn');
    expect(await items.nth(1).getAttribute('data-kind')).toBe('direct');
    expect(await page.getByTestId('chain-preview').isDisabled()).toBe(true);
    expect(await page.getByTestId('chain-words').textContent()).toContain('goproxy.cn');

    await page.getByTestId('chain-edit-text').click();
    const input = page.getByTestId('chain-input');
    expect(await input.inputValue()).toBe('https://goproxy.cn,direct');
    await input.fill('ftp://mirror.example,direct');
    expect(await verdict.locator('[data-verdict]').getAttribute('data-verdict')).toBe('error');
    expect(await page.getByTestId('chain-error').locator('[data-raw]').textContent()).toBe(
      'invalid proxy URL scheme (must be https, http, file): ftp://mirror.example',
    );
    expect(await page.getByTestId('chain-preview').isDisabled()).toBe(true);
    await app!.shot(page, `mirrors-chain-error-${lang}`);

    // go takes this for one mirror at the host "goproxy.cn;direct": accepted, but it cannot work, so the
    // page does not say "go accepts this" next to the warning.
    await input.fill('https://goproxy.cn;direct');
    const semicolon = page.getByTestId('chain-semicolon');
    expect(await semicolon.textContent()).toContain('https://goproxy.cn;direct');
    expect(await verdict.locator('[data-verdict]').getAttribute('data-verdict')).toBe('warning');
    // It cannot work, so there is nothing to preview until it is fixed.
    expect(await page.getByTestId('chain-preview').isDisabled()).toBe(true);
    await app!.shot(page, `mirrors-chain-semicolon-${lang}`);
    await semicolon.getByRole('button').click();
    expect(await input.inputValue()).toBe('https://goproxy.cn,direct');
    expect(await semicolon.count()).toBe(0);

    // Back to the list: "Add to chain" in the table puts the mirror before direct; '|' after goproxy.cn.
    await page.getByTestId('chain-edit-text').click();
    await tableRow(page, 'fixture').getByTestId('add-to-chain').click();
    expect(await items.count()).toBe(3);
    await items.nth(0).getByTestId('chain-sep').selectOption('any');
    const chain = `https://goproxy.cn|${app!.mirror!.url},direct`;
    expect(await verdict.locator('[data-verdict]').getAttribute('data-verdict')).toBe('ok');
    const words = await page.getByTestId('chain-words').textContent();
    expect(words).toContain(anyError);
    expect(words!.indexOf('goproxy.cn')).toBeLessThan(words!.indexOf(app!.mirror!.url));
    expect(await tableRow(page, 'fixture').getByTestId('add-to-chain').isDisabled()).toBe(true);
    await app!.shot(page, `mirrors-chain-words-${lang}`);

    await page.getByTestId('chain-preview').click();
    const rows = change.getByTestId('change-row');
    await rows.first().waitFor();
    expect(await rows.locator('code').allTextContents()).toEqual([
      'GOPROXY',
      'https://goproxy.cn,direct',
      chain,
    ]);
    expect(await readFile(app!.sandbox.goEnvFile, 'utf8')).toBe(GOENV);
    // The confirm is under the preview and says what it does.
    const apply = change.getByTestId('change-apply');
    expect(await apply.textContent()).toBe(lang === 'en' ? 'Apply changes' : '应用更改');
    const [previewBox, applyBox] = [
      (await change.getByTestId('change-preview').locator('.change-list').boundingBox())!,
      (await apply.boundingBox())!,
    ];
    expect(applyBox.y).toBeGreaterThan(previewBox.y + previewBox.height - 1);
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, `mirrors-chain-preview-${lang}`);

    await apply.click();
    await change.getByTestId('change-undo').waitFor();
    expect(await readFile(app!.sandbox.goEnvFile, 'utf8')).toContain(`GOPROXY=${chain}\n`);
    expect(await page.locator('[data-testid="chain-current"] code').textContent()).toBe(chain);
    expect(await change.getByTestId('change-outcome').textContent()).toContain(app!.sandbox.goEnvFile);
    expect(await tableRow(page, 'fixture').getByTestId('in-use').getAttribute('data-active')).toBe('false');
    await app!.shot(page, `mirrors-chain-applied-${lang}`);

    await change.getByTestId('change-undo').click();
    await page
      .locator('[data-testid="chain-current"] code', { hasText: /^https:\/\/goproxy\.cn,direct$/ })
      .waitFor();
    expect(await readFile(app!.sandbox.goEnvFile, 'utf8')).toBe(GOENV);
    expect(await items.count()).toBe(2);
    expect(await change.getByTestId('change-undo').count()).toBe(0);
    expect(await tableRow(page, 'fixture').getByTestId('in-use').count()).toBe(0);
    await app!.shot(page, `mirrors-chain-undone-${lang}`);
    expect(app!.problems).toEqual([]);
  });

  it('uses a catalogue mirror with one click plus the confirm, marks it in use, and undoes it', async () => {
    const page = await openMirrors(locale);
    const row = tableRow(page, 'fixture');
    const url = app!.mirror!.url;
    expect(await row.getByTestId('in-use').count()).toBe(0);
    await row.getByTestId('use-mirror').click();
    const change = page.getByTestId('use-change');
    await change.getByTestId('change-row').waitFor();
    expect(await change.getByTestId('change-row').locator('code').allTextContents()).toEqual([
      'GOPROXY',
      'https://goproxy.cn,direct',
      `${url},direct`,
    ]);
    expect(await readFile(app!.sandbox.goEnvFile, 'utf8')).toBe(GOENV);
    await app!.shot(page, `mirrors-use-preview-${lang}`);
    await change.getByTestId('change-apply').click();

    await change.getByTestId('change-undo').waitFor();
    expect(await readFile(app!.sandbox.goEnvFile, 'utf8')).toContain(`GOPROXY=${url},direct\n`);
    const badge = row.getByTestId('in-use');
    expect(await badge.getAttribute('data-active')).toBe('true');
    expect(await badge.textContent()).toBe(lang === 'en' ? 'Active' : '当前使用');
    expect(await row.getByTestId('use-mirror').isDisabled()).toBe(true);
    expect(await page.getByTestId('chain-entry').first().locator('code').textContent()).toBe(url);
    expect(
      app!.calls
        .filter((c) => c.channel === 'goenv:use')
        .map((c) => (c.input as { dryRun?: boolean }).dryRun),
    ).toEqual([true, undefined]);
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, `mirrors-use-applied-${lang}`);
    // The fixture mirror's note is the test catalogue's own English.
    expect(await foreignText(page, lang, ["A local mirror serving Go's own test modules."])).toEqual([]);

    await change.getByTestId('change-undo').click();
    await change
      .locator('[data-step="undone"]')
      .or(page.locator('[data-testid="use-change"][data-step="undone"]'))
      .waitFor();
    expect(await readFile(app!.sandbox.goEnvFile, 'utf8')).toBe(GOENV);
    await row.getByTestId('in-use').waitFor({ state: 'detached' });
    expect(await row.getByTestId('use-mirror').isDisabled()).toBe(false);
    expect(app!.problems).toEqual([]);
  });
});

describe('Mirrors page at 800x600', () => {
  it('fits the window: no horizontal scrolling, with the charts drawn (dark theme)', async () => {
    const page = await openMirrors('zh-CN', {}, { width: 800, height: 600 });
    // Changed behind the page's back, as the tray would: the page follows the settings event.
    await app!.services.settings.write({ theme: 'dark' });
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await page.getByTestId('probe-now').click();
    await page.getByTestId('probe-finished').waitFor();
    await page.locator('[data-testid="history-few"][data-points="1"]').waitFor();
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      return {
        body: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        main: main.scrollWidth - main.clientWidth,
      };
    });
    expect(overflow).toEqual({ body: 0, main: 0 });
    await expectNoClipping(page);
    await app!.shot(page, 'mirrors-800x600-zh-CN');
    expect(app!.problems).toEqual([]);
  });
});

describe('Mirrors page at 1100x760', () => {
  it('shows every mirror with its buttons whole, in both themes', async () => {
    const page = await openMirrors('en-US', {}, { width: 1100, height: 760 });
    await expectNoClipping(page);
    await app!.services.settings.write({ theme: 'dark' });
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await expectNoClipping(page);
    await app!.shot(page, 'mirrors-1100-dark-en');
    expect(await app!.axe(page)).toEqual([]);
    expect(app!.problems).toEqual([]);
  });
});

describe('Mirrors page: cancelling a probe', () => {
  it('stops the run through probe:cancel, says so, and records nothing', async () => {
    const page = await openMirrors('en-US');
    // Answers so slow that the run could not end by itself before Cancel.
    app!.mirror!.setFaults({ match: /\.info$/, delayMs: 3000 });
    await page.getByTestId('probe-now').click();
    const progress = page.getByTestId('probe-progress');
    await progress.waitFor();
    await progress.getByRole('button').click();
    await page.getByTestId('probe-cancelled').waitFor();
    expect(await page.getByTestId('probe-now').isDisabled()).toBe(false);
    expect((await app!.services.probe.history({})).mirrors).toEqual([]);
    expect(app!.calls.some((c) => c.channel === 'probe:cancel')).toBe(true);
    await app!.shot(page, 'mirrors-cancelled-en');
    expect(app!.problems).toEqual([]);
  });
});
