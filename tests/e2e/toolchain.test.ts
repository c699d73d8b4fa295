import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { goUnderTest, goVersions } from '../fixtures/go-versions';
import { toolchainSums } from '../fixtures/mirror';
import { startSumdb, type Sumdb } from '../fixtures/sumdb';
import { startApp, type AppHarness } from '../harness/app';
import { launchChromium } from '../harness/browser';

/**
 * Go toolchains in the app, with the newest go ≥ 1.21 of the matrix: the first screen reads the settings
 * inside a module that needs go 1.99.0 without making go download it, and the wizard's verify step
 * proves a scanned project's toolchain switch for real (go downloads the fake go1.99.0 from the fixture
 * mirror, checks it against the fixture checksum database and runs it).
 */

const newest = goVersions('1.21').at(-1);
const SERVED = {
  versions: ['go1.99.0'],
  platforms: [`linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`],
};

let browser: Browser;
let app: AppHarness | undefined;
let sumdb: Sumdb | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());
afterEach(async () => {
  await app?.close();
  await sumdb?.close();
  app = undefined;
  sumdb = undefined;
});

/** The app's services with this go first on PATH and the user's GOTOOLCHAIN left to the files (auto). */
function goEnv(): Record<string, string> {
  const go = goUnderTest(newest!);
  return { PATH: `${go.binDir}${path.delimiter}${process.env.PATH ?? ''}`, GOTOOLCHAIN: 'auto' };
}

async function moduleNeeding199(root: string): Promise<string> {
  const dir = path.join(root, 'projects', 'next');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'go.mod'), 'module example.com/next\n\ngo 1.99.0\n');
  return dir;
}

const step = (page: Page, id: string) => page.getByTestId(`wizard-step-${id}`);
async function next(page: Page, to: string): Promise<void> {
  await page.getByTestId('wizard-next').click();
  await step(page, to).waitFor();
}

const toolchainRequests = (a: AppHarness) =>
  a.mirror!.requests.filter((r) => r.path.startsWith('/golang.org/toolchain/')).map((r) => r.path);

describe('toolchains in the app (built renderer, real services, real go ≥ 1.21)', () => {
  it('opens on the overview inside a module that needs go 1.99.0 without a golang.org/toolchain request', async (ctx) => {
    if (newest === undefined) return ctx.skip('no go ≥ 1.21 installed: run scripts/fetch-go.sh');
    app = await startApp(browser, { env: goEnv() });
    app.mirror!.setToolchains(SERVED);
    await mkdir(path.dirname(app.sandbox.goEnvFile), { recursive: true });
    await writeFile(app.sandbox.goEnvFile, `GOPROXY=${app.mirror!.url},direct\n`);
    const module = await moduleNeeding199(app.sandbox.root);
    // The test can fail: go's own go env -json in that folder asks the mirror for the toolchain.
    await new Promise((resolve) =>
      execFile('go', ['env', '-json'], { cwd: module, env: { ...app!.sandbox.env, ...goEnv() } }, resolve),
    );
    expect(toolchainRequests(app).length).toBeGreaterThan(0);
    app.mirror!.requests.length = 0;
    // The main process runs where the user started the app: here, in that module.
    const before = process.cwd();
    process.chdir(module);
    try {
      const page = await app.open('en-US');
      await page.locator('[data-testid="overview"][data-ready="true"]').waitFor();
      await page.getByTestId('active-mirror').waitFor();
      // The problem list has its answer: the doctor ran too.
      await page
        .locator('[aria-labelledby="overview-problems-heading"][aria-busy="false"]')
        .waitFor({ timeout: 60_000 });
      expect(toolchainRequests(app)).toEqual([]);
      expect(app.problems).toEqual([]);
    } finally {
      process.chdir(before);
    }
  }, 120_000);

  it.for(['en-US', 'zh-CN'] as const)(
    'shows the toolchain policy and proves a scanned project’s toolchain switch in the verify step (%s)',
    { timeout: 240_000 },
    async (locale, ctx) => {
      if (newest === undefined) return ctx.skip('no go ≥ 1.21 installed: run scripts/fetch-go.sh');
      sumdb = await startSumdb({ records: toolchainSums(SERVED) });
      app = await startApp(browser, {
        firstRun: true,
        goEnv: 'GOPROXY=https://proxy.golang.org,direct\n',
        env: { ...goEnv(), GOSUMDB: `${sumdb.vkey} ${sumdb.url}` },
      });
      app.mirror!.setToolchains(SERVED);
      const project = await moduleNeeding199(app.sandbox.root);
      const page = await app.open(locale, { width: 800, height: 600 });
      const lang = locale === 'en-US' ? 'en' : 'zh-CN';

      const policy = page.getByTestId('wizard-go-toolchain');
      await policy.waitFor();
      expect(await policy.textContent()).toContain('GOTOOLCHAIN=auto');
      expect(await app.axe(page)).toEqual([]);
      await app.shot(page, `wizard-go-toolchain-${lang}`);

      await next(page, 'network');
      await page.getByTestId('wizard-probe-results').waitFor({ timeout: 60_000 });
      await next(page, 'mirrors');
      await next(page, 'private');
      await page.getByTestId('wizard-scan-path').fill(project);
      await page.getByTestId('wizard-scan').click();
      await page.getByTestId('wizard-scan-result').waitFor();
      await next(page, 'proxy');
      await next(page, 'review');
      // Review & apply: the one button that writes, then Verify & done.
      await page.locator('[data-testid="wizard-apply-button"]:not([disabled])').click();
      await step(page, 'verify').waitFor();
      await page.locator('[data-testid="wizard-apply-result"][data-status="done"]').waitFor();
      await page.getByTestId('wizard-verify-run').click();
      await page.locator('[data-testid="wizard-verify-result"][data-ok="true"]').waitFor({ timeout: 90_000 });
      const proof = page.locator('[data-testid="wizard-verify-toolchain"][data-ok="true"]');
      await proof.waitFor();
      expect(await proof.textContent()).toContain('go1.99.0');
      expect(await proof.textContent()).toContain(project);
      // go itself fetched the toolchain through the new GOPROXY (the fixture mirror).
      expect(toolchainRequests(app)).toContain(
        `/golang.org/toolchain/@v/v0.0.1-go1.99.0.${SERVED.platforms[0]!.replace('/', '-')}.zip`,
      );
      expect(await app.axe(page)).toEqual([]);
      await app.shot(page, `wizard-verify-toolchain-${lang}`);
      expect(app.problems).toEqual([]);
    },
  );
});
