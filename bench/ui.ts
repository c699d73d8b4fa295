/**
 * Desktop UI benchmarks: (a) the JavaScript the window must load before the overview can show —
 * index.html's entry script and the modules it preloads, gzip-compressed as a budget measure; (b) the
 * time from navigation to the overview rendered (interactive: its cards fill in as answers arrive) and
 * to the overview showing go's settings (its section then carries data-ready="true"), in Chromium
 * against the real services over the test bridge: on a first start (nothing cached) and on later ones
 * (scripts and their compiled code cached, as an installed app's are), next to a static file from the
 * same server and to `go env -json` alone, all in one run.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startApp } from '../tests/harness/app';
import { installBridge } from '../tests/harness/bridge-client';
import { launchChromium } from '../tests/harness/browser';
import type { ProbeBench } from './probe';

const RENDERER = path.resolve(__dirname, '../out/renderer');
const JS_BUDGET_KB = 250;
const INTERACTIVE_BUDGET_MS = 300;
const RUNS = 12;

/** The scripts index.html loads up front: the entry module and its modulepreload links. */
export async function initialScripts(): Promise<string[]> {
  const html = await readFile(path.join(RENDERER, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set(refs)].map((ref) => path.join(RENDERER, ref.replace(/^\.?\//, '')));
}

export async function benchUi(): Promise<ProbeBench> {
  const files = await initialScripts();
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const gzipKb = gzip / 1024;

  const browser = await launchChromium();
  const app = await startApp(browser, { goEnv: 'GOPROXY=https://goproxy.cn,direct\n' });
  /** The overview rendered and answering input (navigation, Probe now), its cards still loading. */
  const interactive: number[] = [];
  /** go's own settings shown in it (they come from a `go env -json` run by main). */
  const withSettings: number[] = [];
  const staticPage: number[] = [];
  const goEnv: number[] = [];
  const warmInteractive: number[] = [];
  const warmSettings: number[] = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 720 } });
      // tsx compiles with keepNames: the functions handed to the page call its __name helper.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      await context.addInitScript(`(${installReadyProbe.toString()})()`);
      await context.addInitScript(installBridge, { token: app.bridge!.token });
      const page = await context.newPage();
      /** Opens the app and gives the page's own marks (see installReadyProbe). */
      const openApp = async (): Promise<{ readyAt: number; shownAt: number }> => {
        // As electron/main.ts does when the app starts: go's answer is on its way while the window loads.
        void app.services.goenv.read();
        await page.goto(`${app.bridge!.url}/index.html`);
        await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
        return page.evaluate(() => {
          const w = window as unknown as { __readyAt: number; __shownAt: number };
          return { readyAt: w.__readyAt, shownAt: w.__shownAt };
        });
      };
      const cold = await openApp();
      // The same server and browser, a static file: what loading anything at all costs here.
      const t0 = Date.now();
      await page.goto(`${app.bridge!.url}/icon.svg`);
      const staticMs = Date.now() - t0;
      // Opening it again with the scripts (and V8's code for them) cached: every start after the first.
      const warm = await openApp();
      await context.close();
      if (i === 0) continue; // warm-up: Chromium's own first-start costs
      interactive.push(cold.shownAt);
      withSettings.push(cold.readyAt);
      warmInteractive.push(warm.shownAt);
      warmSettings.push(warm.readyAt);
      staticPage.push(staticMs);
    }
    // What the overview waits for in main: go's own answer, measured alone in the same run.
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await new Promise((resolve) => execFile('go', ['env', '-json'], { env: app.sandbox.env }, resolve));
      goEnv.push(performance.now() - t0);
    }
  } finally {
    await app.close();
    await browser.close();
  }
  interactive.sort((a, b) => a - b);
  withSettings.sort((a, b) => a - b);
  warmInteractive.sort((a, b) => a - b);
  warmSettings.sort((a, b) => a - b);
  goEnv.sort((a, b) => a - b);
  staticPage.sort((a, b) => a - b);
  const p50 = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
  const p95 = (xs: number[]) => xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

  return {
    checks: [
      {
        name: `initial JS gzip / ${JS_BUDGET_KB} KB`,
        ratio: gzipKb / JS_BUDGET_KB,
        target: 1,
        meaning: `the window loads ${gzipKb.toFixed(1)} KB gzip of JavaScript before the overview (${files.length} files)`,
      },
      {
        name: `interactive overview, scripts cached / ${INTERACTIVE_BUDGET_MS} ms`,
        ratio: p50(warmInteractive) / INTERACTIVE_BUDGET_MS,
        target: 1,
        meaning: `opening the app (every start after the first) to the overview rendered and answering input, p50 ${p50(warmInteractive).toFixed(0)} ms in Chromium; the very first start: ${p50(interactive).toFixed(0)} ms`,
      },
      {
        name: 'overview with go settings − interactive / go env -json',
        ratio: (p50(warmSettings) - p50(warmInteractive)) / p50(goEnv),
        target: 2,
        meaning: `go's settings appear within 2x of the \`go env -json\` they come from (${p50(goEnv).toFixed(0)} ms alone here)`,
      },
    ],
    markdown: [
      '## Desktop UI',
      '',
      '| measurement | value |',
      '|---|---:|',
      `| initial JS (${files.map((f) => path.basename(f)).join(', ')}) | ${(raw / 1024).toFixed(1)} KB, ${gzipKb.toFixed(1)} KB gzip |`,
      `| navigation → interactive overview, p50 / p95 (${RUNS} runs) | ${p50(interactive).toFixed(0)} / ${p95(interactive).toFixed(0)} ms |`,
      `| navigation → overview showing go's settings, p50 / p95 | ${p50(withSettings).toFixed(0)} / ${p95(withSettings).toFixed(0)} ms |`,
      `| again with scripts cached (every later start): interactive, p50 / p95 | ${p50(warmInteractive).toFixed(0)} / ${p95(warmInteractive).toFixed(0)} ms |`,
      `| again with scripts cached: go's settings shown, p50 / p95 | ${p50(warmSettings).toFixed(0)} / ${p95(warmSettings).toFixed(0)} ms |`,
      `| \`go env -json\` alone, p50 | ${p50(goEnv).toFixed(0)} ms |`,
      `| navigation → static file from the same server, p50 | ${p50(staticPage).toFixed(0)} ms |`,
      '',
    ],
    data: {
      initialScripts: files.map((f) => path.basename(f)),
      raw,
      gzip,
      interactive,
      withSettings,
      goEnv,
      staticPage,
    },
  };
}

/** Runs in the page before its scripts: notes when the overview is first rendered, and when it shows go's settings. */
function installReadyProbe(): void {
  const w = window as unknown as { __readyAt?: number; __shownAt?: number };
  const observer = new MutationObserver(() => {
    if (w.__shownAt === undefined && document.querySelector('[data-testid="overview"]')) {
      w.__shownAt = performance.now();
    }
    if (w.__readyAt === undefined && document.querySelector('[data-ready="true"]')) {
      w.__readyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-ready'],
  });
}
