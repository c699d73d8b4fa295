/**
 * Desktop UI benchmarks: (a) the JavaScript the window must load before the overview can show —
 * index.html's entry script and the modules it preloads, gzip-compressed as a budget measure; (b) the
 * time from navigation to an interactive overview (its section carries data-ready="true" once go's
 * settings have arrived), in Chromium against the real services over the test bridge, compared with
 * loading a static page from the same server in the same run.
 */
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
  const interactive: number[] = [];
  const staticPage: number[] = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 720 } });
      await context.addInitScript(`(${installReadyProbe.toString()})()`);
      await context.addInitScript(installBridge, { token: app.bridge.token });
      const page = await context.newPage();
      await page.goto(`${app.bridge.url}/index.html`);
      await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
      const readyAt = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
      // The same server and browser, a static file: what loading anything at all costs here.
      const t0 = Date.now();
      await page.goto(`${app.bridge.url}/icon.svg`);
      const staticMs = Date.now() - t0;
      await context.close();
      if (i === 0) continue; // warm-up: Chromium's own first-start costs
      interactive.push(readyAt);
      staticPage.push(staticMs);
    }
  } finally {
    await app.close();
    await browser.close();
  }
  interactive.sort((a, b) => a - b);
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
        name: `interactive overview / ${INTERACTIVE_BUDGET_MS} ms`,
        ratio: p50(interactive) / INTERACTIVE_BUDGET_MS,
        target: 1,
        meaning: `navigation to an overview showing go's settings, p50 ${p50(interactive).toFixed(0)} ms in Chromium`,
      },
    ],
    markdown: [
      '## Desktop UI',
      '',
      '| measurement | value |',
      '|---|---:|',
      `| initial JS (${files.map((f) => path.basename(f)).join(', ')}) | ${(raw / 1024).toFixed(1)} KB, ${gzipKb.toFixed(1)} KB gzip |`,
      `| navigation → interactive overview, p50 / p95 (${RUNS} runs) | ${p50(interactive).toFixed(0)} / ${p95(interactive).toFixed(0)} ms |`,
      `| navigation → static file from the same server, p50 | ${p50(staticPage).toFixed(0)} ms |`,
      '',
    ],
    data: { initialScripts: files.map((f) => path.basename(f)), raw, gzip, interactive, staticPage },
  };
}

/** Runs in the page before its scripts: notes when the overview first says it is ready. */
function installReadyProbe(): void {
  const w = window as unknown as { __readyAt?: number };
  const observer = new MutationObserver(() => {
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
