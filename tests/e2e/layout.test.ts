import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from '../harness/app';
import { launchChromium } from '../harness/browser';

/** The services do real work (go, files) on a shared machine: polls wait that long. */
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

/** Long identifiers, a private pattern list and an HTTP proxy: the values that used to break mid-token. */
const GOENV = [
  'GOPROXY=https://goproxy.cn,https://mirrors.aliyun.com/goproxy/|https://proxy.golang.org,direct',
  'GOPRIVATE=git.corp.example/*,github.com/a-very-long-organisation-name/*',
  'GONOSUMDB=git.corp.example/*',
  'GOSUMDB=sum.golang.google.cn',
  '',
].join('\n');

const SIZES = [
  { width: 800, height: 600 },
  { width: 1100, height: 760 },
];

interface LayoutProblems {
  /** Elements (the document included) that scroll sideways. */
  sideways: string[];
  /** Controls cut by an ancestor that hides overflow, or wider than the window or their scroll box. */
  clipped: string[];
  /** Control borders (and checkboxes' marks) under 3:1 against what is behind them. */
  lowContrast: string[];
  /** Checkboxes and radios drawn in the other theme's native colours. */
  wrongScheme: string[];
  /** Inline identifiers (code) broken over two lines. */
  brokenTokens: string[];
}

/**
 * Measures the page as it is now. Runs in the page: colours come from getComputedStyle, boxes from
 * getBoundingClientRect, so it sees what the user sees.
 */
function measure(page: Page, theme: 'light' | 'dark'): Promise<LayoutProblems> {
  return page.evaluate((theme) => {
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').trim().slice(0, 30);
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : el.className ? `.${String(el.className).split(' ')[0]}` : ''}${text ? ` "${text}"` : ''}`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.sr-only');
    };
    // Code blocks (diffs, file contents) scroll sideways on purpose; nothing else should.
    const mayScrollSideways = (el: Element) => el.matches('pre, pre *, textarea, .diff, .diff *');

    const sideways: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1)
      sideways.push(`document (${root.scrollWidth} > ${root.clientWidth})`);
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const s = getComputedStyle(el);
      if (!['auto', 'scroll'].includes(s.overflowX) || mayScrollSideways(el) || !shown(el)) continue;
      if (el.scrollWidth > el.clientWidth + 1)
        sideways.push(`${name(el)} (${el.scrollWidth} > ${el.clientWidth})`);
    }
    // Text spilling out of a card (a long value in a remedy): it neither scrolls nor is cut, it overlaps.
    for (const card of Array.from(document.querySelectorAll('.card, .banner'))) {
      if (!shown(card) || card.querySelector('pre, .diff, textarea')) continue;
      if (card.scrollWidth > card.clientWidth + 1)
        sideways.push(`${name(card)} spills (${card.scrollWidth} > ${card.clientWidth})`);
    }

    const controls = Array.from(document.querySelectorAll('button, input, select, textarea, a[href]')).filter(
      (el) => shown(el) && !el.closest('.skip-link'),
    );
    const clipped: string[] = [];
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      if (r.right > innerWidth + 1 || r.left < -1) {
        clipped.push(`${name(el)} outside the window (${Math.round(r.left)}..${Math.round(r.right)})`);
        continue;
      }
      // A button whose own label does not fit.
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1)
        clipped.push(`${name(el)} label wider than the button`);
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        const hides = (o: string) => o === 'hidden' || o === 'clip';
        const cutX = r.left < box.left - 1 || r.right > box.right + 1;
        const cutY = r.top < box.top - 1 || r.bottom > box.bottom + 1;
        // Scrolling up and down brings a control into view; sideways or hidden does not.
        if (cutX || (cutY && (hides(s.overflowY) || a.scrollHeight <= a.clientHeight))) {
          if (!mayScrollSideways(a)) clipped.push(`${name(el)} cut by ${name(a).slice(0, 40)}`);
          break;
        }
      }
    }

    const rgb = (color: string): [number, number, number, number] | null => {
      const m = color.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const luminance = ([r, g, b]: number[]) => {
      const c = [r!, g!, b!].map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    const ratio = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    /** The first opaque background behind an element (its parents'); the page's if none. */
    const behind = (el: Element): number[] => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const c = rgb(getComputedStyle(a).backgroundColor);
        if (c && c[3] > 0.9) return c;
      }
      return theme === 'dark' ? [0, 0, 0] : [255, 255, 255];
    };
    const lowContrast: string[] = [];
    const wrongScheme: string[] = [];
    for (const el of controls) {
      const type = el instanceof HTMLInputElement ? el.type : '';
      const s = getComputedStyle(el);
      if (type === 'checkbox' || type === 'radio') {
        if (
          !s.colorScheme.split(' ').includes(theme) ||
          s.colorScheme.includes(theme === 'dark' ? 'light' : 'dark')
        )
          wrongScheme.push(`${name(el)} color-scheme "${s.colorScheme}"`);
        const accent = rgb(s.accentColor);
        if (!accent) lowContrast.push(`${name(el)} has no accent-color`);
        else if (ratio(accent, behind(el)) < 3)
          lowContrast.push(`${name(el)} accent ${s.accentColor} ${ratio(accent, behind(el)).toFixed(2)}:1`);
        continue;
      }
      if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) || ['range', 'file', 'hidden'].includes(type))
        continue;
      const border = rgb(s.borderTopColor);
      if (!border || Number.parseFloat(s.borderTopWidth) === 0) {
        lowContrast.push(`${name(el)} has no border`);
        continue;
      }
      const r = ratio(border, behind(el));
      if (r < 3) lowContrast.push(`${name(el)} border ${s.borderTopColor} ${r.toFixed(2)}:1`);
    }

    // An identifier broken inside a token reads as two ("GOPRIVAT" / "E", "htt" / "p://"). Lists may break
    // after their separators (a comma, a pipe) and sentences at spaces.
    const brokenTokens: string[] = [];
    for (const el of Array.from(document.querySelectorAll('code'))) {
      if (!shown(el) || el.closest('pre') || el.getClientRects().length < 2) continue;
      const chars: Array<{ ch: string; top: number }> = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.height > 0) chars.push({ ch: text[i]!, top: rect.top });
        }
      }
      for (let i = 1; i < chars.length; i++) {
        const [prev, next] = [chars[i - 1]!, chars[i]!];
        if (next.top - prev.top < 4) continue;
        if (/[\s,|;]/.test(prev.ch) || /\s/.test(next.ch)) continue;
        const around = chars.slice(Math.max(0, i - 12), i + 12).map((c) => c.ch);
        brokenTokens.push(
          `"${around.slice(0, Math.min(12, i)).join('')}/${around.slice(Math.min(12, i)).join('')}"`,
        );
        break;
      }
    }
    return { sideways, clipped, lowContrast, wrongScheme, brokenTokens };
  }, theme);
}

/** The pages in the sidebar, read from it so that a new page is measured too. */
async function navPages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid^="nav-"]')).map((el) =>
      el.getAttribute('data-testid')!.slice('nav-'.length),
    ),
  );
}

async function openPage(page: Page, id: string): Promise<void> {
  await page.getByTestId(`nav-${id}`).click();
  await expect.poll(() => page.getByTestId(`nav-${id}`).getAttribute('aria-current'), WAIT).toBe('page');
  await page.locator('main h1').first().waitFor();
  // Let the page's first load finish (its busy markers go away) before measuring.
  await expect.poll(() => page.locator('main [aria-busy="true"]').count(), WAIT).toBe(0);
}

describe('Layout at 800x600 and 1100x760, light and dark (built renderer, real services)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`every page in ${theme}: no sideways scrolling, no clipped control, borders at 3:1, axe clean`, async () => {
      app = await startApp(browser, { goEnv: GOENV });
      await app.services.settings.write({ theme });
      const report: Record<string, LayoutProblems | string[]> = {};
      for (const size of SIZES) {
        for (const locale of ['en-US', 'zh-CN'] as const) {
          const page = await app.open(locale, size);
          await expect
            .poll(() => page.evaluate(() => document.documentElement.dataset.theme), WAIT)
            .toBe(theme);
          await page.getByTestId('nav-overview').waitFor();
          for (const id of await navPages(page)) {
            await openPage(page, id);
            const key = `${id} ${size.width}x${size.height} ${locale}`;
            const problems = await measure(page, theme);
            if (Object.values(problems).some((list) => list.length > 0)) report[key] = problems;
            const axe = await app.axe(page);
            if (axe.length > 0) report[`${key} axe`] = axe;
            if (locale === 'zh-CN' || size.width === 800)
              await app.shot(page, `layout-${id}-${size.width}-${theme}-${locale}`);
          }
          await page.context().close();
        }
      }
      expect(report).toEqual({});
      expect(app.problems).toEqual([]);
      // Every page, twice two sizes and two languages, each measured and checked by axe.
    }, 300_000);
  }

  it('collapses the sidebar below 900 px behind a toggle, and keeps every page reachable', async () => {
    app = await startApp(browser, { goEnv: GOENV });
    const page = await app.open('en-US', { width: 800, height: 600 });
    const toggle = page.getByTestId('sidebar-toggle');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    const sidebarWidth = () => page.locator('.sidebar').evaluate((el) => el.getBoundingClientRect().width);
    const collapsed = await sidebarWidth();
    expect(collapsed).toBeLessThan(100);
    // Collapsed, each page keeps its name for assistive technology and as a tooltip.
    expect(await page.getByTestId('nav-mirrors').getAttribute('title')).toBe('Mirrors');
    expect(await page.getByRole('button', { name: 'Mirrors', exact: true }).count()).toBe(1);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await sidebarWidth()).toBeGreaterThan(collapsed + 60);
    expect(await page.getByTestId('nav-mirrors').textContent()).toContain('Mirrors');
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'layout-sidebar-open-800-en');
    // Choosing a page folds it away again, so the page gets the room.
    await page.getByTestId('nav-environment').click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await page.locator('tr[data-var="GOPROXY"]').waitFor();

    // Keyboard: the toggle is reachable and works with Enter.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    // Wide windows show the full sidebar and no toggle.
    const wide = await app.open('en-US', { width: 1100, height: 760 });
    await wide.getByTestId('nav-overview').waitFor();
    expect(await wide.getByTestId('sidebar-toggle').isVisible()).toBe(false);
    expect(await wide.getByTestId('nav-mirrors').textContent()).toContain('Mirrors');
    expect(app.problems).toEqual([]);
  });
});
