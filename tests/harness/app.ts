import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createHandlers } from '../../electron/handlers';
import { createServices, type ServiceOptions, type Services } from '../../electron/services';
import { createNodeHost } from '../../electron/services/host';
import type { MirrorInfo } from '../../shared/mirrors';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { installBridge } from './bridge-client';
import { startBridge, type Bridge } from './bridge-server';

/**
 * The whole app for an e2e test: a temporary HOME, the real services over the bridge, the built
 * renderer in Chromium, and (by default) the local fixture mirror as the only catalogue mirror.
 */
export interface AppHarness {
  sandbox: Sandbox;
  services: Services;
  bridge: Bridge;
  /** The fixture mirror (the catalogue), unless `catalogue` was given. */
  mirror: Mirror | null;
  /** Console errors (a CSP violation included) and uncaught exceptions of every page opened. */
  problems: string[];
  open(locale: 'en-US' | 'zh-CN', options?: { width?: number; height?: number }): Promise<Page>;
  /** Saves test-results/e2e/<name>.png. */
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

const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');
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
  const bridge = await startBridge({
    handlers: createHandlers(services),
    staticDir: RENDERER_DIR,
    events: (send) => {
      const stops = [
        services.probe.onProgress((p) => send('probe:progress', p)),
        services.events.onStateChanged((area) => send('state:changed', { area })),
      ];
      return () => stops.forEach((stop) => stop());
    },
  });
  await mkdir(SHOTS_DIR, { recursive: true });
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  let axeSource: string | null = null;

  return {
    sandbox,
    services,
    bridge,
    mirror,
    problems,
    async open(locale, { width = 1100, height = 720 } = {}) {
      const context = await browser.newContext({ locale, viewport: { width, height } });
      contexts.push(context);
      await context.addInitScript(installBridge, { token: bridge.token });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${bridge.url}/index.html`);
      return page;
    },
    shot: (page, name) =>
      page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true }).then(() => undefined),
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
      await bridge.close();
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
