import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { aroundEachCall } from '../../electron/dispatch';
import { createHandlers } from '../../electron/handlers';
import { createServices, type ServiceOptions, type Services } from '../../electron/services';
import { createNodeHost } from '../../electron/services/host';
import { forwardServiceEvents, startWebServer, type WebServer } from '../../electron/web';
import type { EventName, EventPayload } from '../../shared/contract';
import type { MirrorInfo } from '../../shared/mirrors';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { installBridge } from './bridge-client';
import { startBridge, type Bridge } from './bridge-server';

/**
 * Which server the renderer talks to: the test bridge, where the page gets window.goproxy as the
 * desktop app's preload gives it ('desktop'), or the product's browser mode, `goproxy-desk ui`'s server
 * with its one-time link and session cookie ('browser'). vitest.config.mts runs the suite both ways.
 */
export const APP_MODE: 'desktop' | 'browser' =
  process.env.GOPROXY_DESK_E2E_SERVER === 'web' ? 'browser' : 'desktop';

/**
 * The whole app for an e2e test: a temporary HOME, the real services behind the bridge or the browser
 * mode's server (APP_MODE), the built renderer in Chromium, and (by default) the local fixture mirror as
 * the only catalogue mirror.
 */
export interface AppHarness {
  mode: 'desktop' | 'browser';
  sandbox: Sandbox;
  services: Services;
  /** The server's origin (http://127.0.0.1:PORT). */
  url: string;
  /** The bridge (desktop mode) or null. */
  bridge: Bridge | null;
  /** The browser mode's server, or null. */
  web: WebServer | null;
  /** Every call that reached a handler, for assertions. */
  calls: Array<{ channel: string; input: unknown }>;
  /** The fixture mirror (the catalogue), unless `catalogue` was given. */
  mirror: Mirror | null;
  /** Console errors (a CSP violation included) and uncaught exceptions of every page opened. */
  problems: string[];
  open(locale: 'en-US' | 'zh-CN', options?: { width?: number; height?: number }): Promise<Page>;
  /** Saves test-results/e2e/<name>.png (<name>-web.png in browser mode). */
  shot(page: Page, name: string): Promise<void>;
  /** axe-core's serious and critical violations on the page as it is now (rule id: targets). */
  axe(page: Page): Promise<string[]>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** The go env file's content, written before the services start. */
  goEnv?: string;
  /** No settings file: the app opens the first-run wizard. Otherwise a settings file exists. */
  firstRun?: boolean;
  /** Extra OS environment for the services (and the go they run). */
  env?: Record<string, string>;
  /** Mirrors to use as the catalogue instead of the fixture mirror. */
  catalogue?: MirrorInfo[];
  serviceOptions?: Omit<ServiceOptions, 'catalogue'>;
}

/** The built renderer; E2E_RENDERER_DIR points at another build (`electron-vite build --outDir DIR`). */
const RENDERER_DIR = process.env.E2E_RENDERER_DIR ?? path.resolve(__dirname, '../../out/renderer');
export const SHOTS_DIR = path.resolve(__dirname, '../../test-results/e2e');

export function fixtureCatalogue(mirror: Mirror): MirrorInfo[] {
  return [
    {
      id: 'fixture',
      name: 'Fixture mirror',
      url: mirror.url,
      region: 'cn',
      sumdbProxy: false,
      notes: "A local mirror serving Go's own test modules.",
    },
  ];
}

export async function startApp(browser: Browser, options: AppOptions = {}): Promise<AppHarness> {
  const sandbox = await createSandbox();
  const mirror = options.catalogue ? null : await startMirror();
  const catalogue = options.catalogue ?? fixtureCatalogue(mirror!);
  if (options.goEnv !== undefined) {
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await writeFile(sandbox.goEnvFile, options.goEnv);
  }
  const env = { ...sandbox.env, ...options.env };
  const services = createServices(createNodeHost({ env }), { ...options.serviceOptions, catalogue });
  if (!options.firstRun) await services.settings.write({ wizardCompletedAt: new Date(0).toISOString() });
  const calls: AppHarness['calls'] = [];
  const handlers = aroundEachCall(createHandlers(services), (channel, call, input) => {
    calls.push({ channel, input });
    return call();
  });
  const events = (send: <E extends EventName>(event: E, payload: EventPayload<E>) => void) =>
    forwardServiceEvents(services, send);
  const bridge =
    APP_MODE === 'desktop' ? await startBridge({ handlers, staticDir: RENDERER_DIR, events }) : null;
  const web =
    APP_MODE === 'browser'
      ? await startWebServer({ handlers, staticDir: RENDERER_DIR, events, address: '127.0.0.1', port: 0 })
      : null;
  await mkdir(SHOTS_DIR, { recursive: true });
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  let axeSource: string | null = null;

  return {
    mode: APP_MODE,
    sandbox,
    services,
    url: bridge?.url ?? web!.origin,
    bridge,
    web,
    calls,
    mirror,
    problems,
    async open(locale, { width = 1100, height = 720 } = {}) {
      const context = await browser.newContext({ locale, viewport: { width, height } });
      contexts.push(context);
      if (bridge !== null) await context.addInitScript(installBridge, { token: bridge.token });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      // Browser mode: each context is a new browser, which needs its own one-time link.
      await page.goto(bridge !== null ? `${bridge.url}/index.html` : web!.newLink());
      return page;
    },
    shot: (page, name) =>
      page
        .screenshot({
          path: path.join(SHOTS_DIR, `${name}${APP_MODE === 'browser' ? '-web' : ''}.png`),
          fullPage: true,
        })
        .then(() => undefined),
    async axe(page) {
      // Evaluated over the DevTools protocol, which the page's CSP does not govern (a script tag would be refused).
      axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
      await page.evaluate(`${axeSource};undefined`);
      return page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
        const { violations } = await axe.run();
        return violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
    },
    async close() {
      for (const context of contexts) await context.close();
      await bridge?.close();
      await web?.close();
      await mirror?.close();
      await sandbox.cleanup();
    },
  };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: string[] }>;
}
