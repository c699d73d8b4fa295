import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appDataDir } from '../../electron/services/host/paths';
import { SETTINGS_FILE } from '../../electron/services/store/settings';
import { startSumdb, type Sumdb } from '../fixtures/sumdb';
import { startApp, type AppHarness } from '../harness/app';
import { launchChromium } from '../harness/browser';

/**
 * The first-run wizard end to end: the built renderer in Chromium, the real services over the bridge,
 * the fixture mirror as the only catalogue entry, the real `go mod download` through it, and the
 * fixture checksum database as GOSUMDB (the test modules are not in sum.golang.org).
 */

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

/** What a newcomer in mainland China starts with: go's default mirror, which does not answer there. */
const START_GOENV = 'GOPROXY=https://proxy.golang.org,direct\n';
const GO_TIMEOUT = 90_000;

/** A project whose module and dependency live on a company git server. */
async function privateProject(root: string): Promise<string> {
  const dir = path.join(root, 'projects', 'app');
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'go.mod'),
    'module git.corp.example/team/app\n\ngo 1.19\n\nrequire git.corp.example/team/lib v1.0.0\n',
  );
  return dir;
}

const current = (page: Page) => page.locator('[aria-current="step"]');
const step = (page: Page, id: string) => page.getByTestId(`wizard-step-${id}`);

async function next(page: Page, to: string): Promise<void> {
  await page.getByTestId('wizard-next').click();
  await step(page, to).waitFor();
}

/** The one button that writes: on Review, under the preview, named for what it does. */
async function applyChanges(page: Page, name: string): Promise<void> {
  const apply = page.getByTestId('wizard-apply-button');
  await page.locator('[data-testid="wizard-apply-button"]:not([disabled])').waitFor();
  expect(await apply.textContent()).toBe(name);
  await apply.click();
  await step(page, 'verify').waitFor();
}

/** The go.sum hash the checksum database holds for rsc.io/quote v1.5.2 (what go must end up with). */
async function sumdbHash(db: Sumdb): Promise<string> {
  const record = await (await fetch(`${db.url}/lookup/rsc.io/quote@v1.5.2`)).text();
  const line = record.split('\n').find((l) => l.startsWith('rsc.io/quote v1.5.2 h1:'));
  if (!line) throw new Error(`no go.sum line in the checksum database's record:\n${record}`);
  return line.split(' ')[2]!;
}

describe('first-run wizard (built renderer, real services, real go)', () => {
  it('walks a newcomer from go’s default to a verified download through the fixture mirror, in English', async () => {
    sumdb = await startSumdb();
    app = await startApp(browser, {
      firstRun: true,
      goEnv: START_GOENV,
      env: { GOSUMDB: `${sumdb.vkey} ${sumdb.url}` },
    });
    const mirrorUrl = app.mirror!.url;
    const projects = await privateProject(app.sandbox.root);
    const page = await app.open('en-US');

    // 1. Go: no settings file, so the app opens on the wizard.
    await page.getByRole('heading', { level: 1, name: 'Setup wizard' }).waitFor();
    expect(await current(page).textContent()).toBe('1Go');
    // Six numbered steps, then Verify & done; at 1100 px they fit on one row.
    expect(await page.locator('.wizard-steps li').allTextContents()).toEqual([
      '1Go',
      '2Network',
      '3Mirrors',
      '4Private modules',
      '5HTTP proxy',
      '6Review & apply',
      '✓Verify & done',
    ]);
    const rows = await page
      .locator('.wizard-steps li')
      .evaluateAll((items) => new Set(items.map((i) => Math.round(i.getBoundingClientRect().top))).size);
    expect(rows).toBe(1);
    expect(await page.locator('.wizard-steps').evaluate((ol) => ol.scrollWidth <= ol.clientWidth)).toBe(true);
    expect(await page.getByTestId('wizard-step-compact').isVisible()).toBe(false);
    const goStatus = page.getByTestId('wizard-go-status');
    await goStatus.waitFor();
    expect(await goStatus.textContent()).toMatch(/Found go1\.\d+.* at .*go\./);
    expect(await goStatus.textContent()).toContain(app.sandbox.goEnvFile);
    expect(await goStatus.textContent()).toContain(
      'GOPROXY is now https://proxy.golang.org,direct (env file).',
    );
    expect(await page.getByTestId('wizard-back').isDisabled()).toBe(true);
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-go-en');

    // 2. Network: the probe runs by itself; the sentences say who answered.
    await next(page, 'network');
    expect(await current(page).textContent()).toBe('2Network');
    expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toBe(START_GOENV);
    // Keyboard and screen reader users start each step at its heading.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wizard-step-heading');
    const results = page.getByTestId('wizard-probe-results');
    await results.waitFor({ timeout: 60_000 });
    expect(await results.locator('strong').first().textContent()).toBe(
      '1 of 1 mirrors answered every request.',
    );
    expect(await results.locator('li[data-mirror="fixture"]').textContent()).toMatch(
      /Fixture mirror answers in \d+ ms \(median\)\.$/,
    );
    expect(await page.getByTestId('wizard-golang').textContent()).toBe(
      'proxy.golang.org, Go’s default mirror, is not in the mirror list, so it was not checked.',
    );
    expect(await page.getByTestId('wizard-proxy-facts').textContent()).toContain(
      'This app’s environment sets no HTTP proxy.',
    );
    await page.getByTestId('wizard-tls').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('wizard-tls').textContent()).toMatch(/^No interception seen/);
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-network-en');

    // 3. Mirrors: the fixture mirror is recommended and the chain is explained.
    await next(page, 'mirrors');
    expect(await page.getByTestId('wizard-recommendation').textContent()).toBe(
      'Recommended: Fixture mirror (the only mirror that answered every time), then direct.',
    );
    expect(await page.getByTestId('wizard-primary').inputValue()).toBe(mirrorUrl);
    expect(await page.getByTestId('wizard-goproxy').textContent()).toBe(`GOPROXY=${mirrorUrl},direct`);
    expect(await page.getByTestId('wizard-meaning').locator('li').allTextContents()).toEqual([
      `go asks ${mirrorUrl} first.`,
      'If that answers "not found" (404 or 410), go fetches the module straight from its version control server; any other error stops the download.',
    ]);
    expect(await page.locator('.latency-chart li').count()).toBe(1);
    // One mirror that answered: its latency in words, no bar (a lone bar is always full).
    expect(await page.locator('.latency-chart li').textContent()).toMatch(/Fixture mirror.*\d+ ms/);
    expect(await page.getByTestId('latency-track').count()).toBe(0);
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-mirrors-en');

    // 4. Private modules: the preview flips from the mirror to direct once the suggested pattern is added.
    await next(page, 'private');
    const preview = page.getByTestId('wizard-preview');
    await page.getByTestId('wizard-preview-module').fill('git.corp.example/team/lib');
    expect(await preview.getAttribute('data-route')).toBe('proxy');
    expect(await preview.textContent()).toBe(
      `git.corp.example/team/lib would go through ${mirrorUrl}. Checked against sumdb.test.`,
    );
    if (app.mode === 'desktop') {
      // The bridge has no OS folder picker: the page says so and the typed path is used instead.
      await page.getByTestId('wizard-choose-folder').click();
      await page.getByTestId('wizard-picker-unavailable').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('wizard-scan-path');
    } else {
      // A browser has no folder dialog: no button, the path is typed on the machine the app runs on.
      expect(await page.getByTestId('wizard-choose-folder').count()).toBe(0);
      expect(await page.getByTestId('wizard-picker-unavailable').textContent()).toContain(
        'machine GoProxy Desk runs on',
      );
    }
    await page.getByTestId('wizard-scan-path').fill(projects);
    await page.getByTestId('wizard-scan').click();
    const add = page.locator('[data-testid="wizard-add-pattern"][data-pattern="git.corp.example"]');
    await add.waitFor();
    expect(await page.getByTestId('wizard-scan-result').textContent()).toContain('git.corp.example/team/app');
    await add.click();
    expect(await page.getByTestId('wizard-goprivate').inputValue()).toBe('git.corp.example');
    expect(await add.isDisabled()).toBe(true);
    expect(await preview.getAttribute('data-route')).toBe('direct');
    expect(await preview.textContent()).toBe(
      'git.corp.example/team/lib would go direct, from its version control server: it matches "git.corp.example". No checksum DB check: it matches the GONOSUMDB/GOPRIVATE pattern "git.corp.example".',
    );
    // A public module still goes through the mirror.
    await page.getByTestId('wizard-preview-module').fill('rsc.io/quote');
    expect(await preview.getAttribute('data-route')).toBe('proxy');
    // A pattern go would never match blocks Next until it is corrected.
    await page.getByTestId('wizard-goprivate').fill('git.corp.example, x.corp');
    expect(await page.locator('#wizard-goprivate-problems').textContent()).toContain('contains a space');
    expect(await page.getByTestId('wizard-next').isDisabled()).toBe(true);
    await page.getByTestId('wizard-goprivate').fill('git.corp.example');
    await page.getByTestId('wizard-preview-module').fill('git.corp.example/team/lib');
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-private-en');

    // 5. HTTP proxy: leaving it alone is the default; choosing a proxy needs a URL before Next.
    await next(page, 'proxy');
    expect(await page.getByTestId('wizard-proxy-leave').isChecked()).toBe(true);
    await page.getByTestId('wizard-proxy-set').check();
    expect(await page.getByTestId('wizard-next').isDisabled()).toBe(true);
    expect(await page.locator('#wizard-next-blocked').textContent()).toBe(
      'Enter the proxy URL, or choose to leave the proxy settings alone.',
    );
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-proxy-en');
    // A proxy with a password: Review says first that it would be written in plain text, lists one
    // folded row per place, and has its one writing button under all that.
    await page.getByTestId('wizard-proxy-url').fill('http://gopher:s3cret@127.0.0.1:3128');
    await next(page, 'review');
    const proxyPreview = page.getByTestId('wizard-proxy-diff');
    await proxyPreview.waitFor();
    expect(
      await proxyPreview.getByTestId('warnings').locator('li').first().getAttribute('data-warning'),
    ).toMatch(/^password/);
    expect(await proxyPreview.locator('details[open]').count()).toBe(0);
    const previewBox = (await proxyPreview.boundingBox())!;
    expect((await page.getByTestId('wizard-apply-button').boundingBox())!.y).toBeGreaterThan(
      previewBox.y + previewBox.height - 1,
    );
    expect(await page.getByTestId('wizard-step-review').textContent()).not.toContain('s3cret');
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-review-proxy-en');
    expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toBe(START_GOENV);
    await page.getByTestId('wizard-back').click();
    await step(page, 'proxy').waitFor();
    await page.getByTestId('wizard-proxy-leave').check();

    // 6. Review & apply: the exact go env change, before anything is written. There is no Next here,
    // and nothing but "Apply changes" writes: going back and forth leaves the file as it was.
    await next(page, 'review');
    const diff = page.getByTestId('wizard-goenv-diff');
    await diff.waitFor();
    const row = (key: string) => diff.locator(`tr[data-var="${key}"]`);
    expect(await row('GOPROXY').locator('[data-side="from"]').textContent()).toBe(
      'https://proxy.golang.org,direct',
    );
    expect(await row('GOPROXY').locator('[data-side="to"]').textContent()).toBe(`${mirrorUrl},direct`);
    expect(await row('GOPRIVATE').locator('[data-side="from"]').textContent()).toBe('(not set)');
    expect(await row('GOPRIVATE').locator('[data-side="to"]').textContent()).toBe('git.corp.example');
    expect(await page.getByTestId('wizard-step-review').textContent()).toContain(
      'The proxy settings are left as they are.',
    );
    expect(await page.getByTestId('wizard-next').count()).toBe(0);
    expect(await current(page).textContent()).toBe('6Review & apply');
    await page.getByTestId('wizard-back').click();
    await step(page, 'proxy').waitFor();
    await page.getByTestId('wizard-goto-review').click();
    await diff.waitFor();
    // Verify & done cannot be reached from here without applying.
    expect(await page.getByTestId('wizard-goto-verify').isDisabled()).toBe(true);
    expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toBe(START_GOENV);
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-review-en');

    // 7. "Apply changes" writes, and leads to Verify & done, with nothing to go back to.
    await applyChanges(page, 'Apply changes');
    const applied = page.locator('[data-testid="wizard-apply-result"][data-status="done"]');
    await applied.waitFor();
    expect(await applied.textContent()).toMatch(
      new RegExp(
        `The go env file ${app.sandbox.goEnvFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} was written \\(snapshot `,
      ),
    );
    const written = await readFile(app.sandbox.goEnvFile, 'utf8');
    expect(written).toContain(`GOPROXY=${mirrorUrl},direct`);
    expect(written).toContain('GOPRIVATE=git.corp.example');
    expect(await page.getByTestId('wizard-back').count()).toBe(0);
    expect(await page.getByTestId('wizard-next').count()).toBe(0);
    for (const id of ['go', 'network', 'mirrors', 'private', 'proxy', 'review']) {
      expect(await page.getByTestId(`wizard-goto-${id}`).isDisabled()).toBe(true);
    }

    // 8. Verify: the real go mod download through the fixture mirror, checked against the fixture sumdb.
    expect(await page.getByTestId('wizard-verify-module').inputValue()).toBe('rsc.io/quote@v1.5.2');
    await page.getByTestId('wizard-verify-run').click();
    const ok = page.locator('[data-testid="wizard-verify-result"][data-ok="true"]');
    await ok.waitFor({ timeout: GO_TIMEOUT });
    expect(await ok.textContent()).toMatch(/go downloaded rsc\.io\/quote@v1\.5\.2 in \d+\.\d s\./);
    expect(await page.getByTestId('wizard-verify-sum').textContent()).toBe(await sumdbHash(sumdb));
    expect(await ok.textContent()).toContain(`GOPROXY=${mirrorUrl},direct`);
    expect(app.mirror!.requests.map((r) => `${r.path} ${r.status}`)).toContain(
      '/rsc.io/quote/@v/v1.5.2.zip 200',
    );
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-verify-en');

    // 9. Done: the settings file now exists; Undo puts the env file back exactly.
    await page.getByTestId('wizard-saved').waitFor();
    const settingsFile = path.join(
      appDataDir(app.sandbox.env, process.platform, app.sandbox.home),
      SETTINGS_FILE,
    );
    expect(existsSync(settingsFile)).toBe(true);
    expect(JSON.parse(await readFile(settingsFile, 'utf8')).wizardCompletedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-done-en');
    await page.getByTestId('wizard-undo').click();
    await page.getByText('Undone: everything the wizard changed is back as it was.').waitFor();
    expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toBe(START_GOENV);
    // Undone, the step no longer claims anything is done, nor shows what the write or the download did.
    const undoneStep = step(page, 'verify');
    expect(await page.locator('#wizard-step-heading').textContent()).toBe('The wizard’s changes are undone');
    expect(await undoneStep.textContent()).not.toMatch(/\bDone\b|was written|go downloaded/);
    expect(await page.getByTestId('wizard-saved').count()).toBe(0);
    expect(await page.getByTestId('wizard-back').isEnabled()).toBe(true);
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-undone-en');

    // With the settings saved, the app opens on the Overview from now on.
    await page.reload();
    await page.locator('[data-testid="nav-overview"][aria-current="page"]').waitFor();
    expect(await page.getByTestId('wizard').count()).toBe(0);
    expect(app.problems).toEqual([]);
  }, 240_000);

  it('walks the same steps in Chinese', async () => {
    sumdb = await startSumdb();
    app = await startApp(browser, {
      firstRun: true,
      goEnv: START_GOENV,
      env: { GOSUMDB: `${sumdb.vkey} ${sumdb.url}` },
    });
    const mirrorUrl = app.mirror!.url;
    const page = await app.open('zh-CN', { width: 800, height: 600 });

    await page.getByRole('heading', { level: 1, name: '设置向导' }).waitFor();
    await page.getByTestId('wizard-go-status').waitFor();
    expect(await page.getByTestId('wizard-go-status').textContent()).toMatch(/找到 go1\.\d+/);
    expect(await page.getByTestId('wizard-next').textContent()).toBe('下一步');
    // The Chinese labels are short enough for one row even at 800 px.
    expect(await page.locator('.wizard-steps').evaluate((ol) => ol.scrollWidth <= ol.clientWidth)).toBe(true);
    expect(await page.getByTestId('wizard-step-compact').count()).toBe(0);
    await app.shot(page, 'wizard-go-zh-CN');

    await next(page, 'network');
    await page.getByTestId('wizard-probe-results').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('wizard-probe-results').locator('strong').first().textContent()).toBe(
      '1 个镜像中有 1 个每次都正常响应。',
    );
    await page.getByTestId('wizard-tls').waitFor({ timeout: 60_000 });
    await app.shot(page, 'wizard-network-zh-CN');

    await next(page, 'mirrors');
    // Narrower than the row: one line says where the user is instead of a row of bare numbers.
    await page.setViewportSize({ width: 640, height: 600 });
    expect(await page.getByTestId('wizard-step-compact').textContent()).toBe('第 3 步，共 6 步 · 镜像');
    expect(await page.locator('.wizard-steps').isVisible()).toBe(false);
    await page.setViewportSize({ width: 800, height: 600 });
    await page.getByTestId('wizard-step-compact').waitFor({ state: 'detached' });
    expect(await page.getByTestId('wizard-recommendation').textContent()).toBe(
      '推荐：Fixture mirror（唯一每次都响应的镜像），然后直连。',
    );
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-mirrors-zh-CN');

    await next(page, 'private');
    await page.getByTestId('wizard-goprivate').fill('*.corp.example');
    await page.getByTestId('wizard-preview-module').fill('git.corp.example/team/lib');
    expect(await page.getByTestId('wizard-preview').textContent()).toBe(
      'git.corp.example/team/lib 会直连，从其版本控制服务器获取：它匹配“*.corp.example”。不经过校验和数据库校验：它匹配 GONOSUMDB/GOPRIVATE 模式“*.corp.example”。',
    );
    await app.shot(page, 'wizard-private-zh-CN');

    await next(page, 'proxy');
    await app.shot(page, 'wizard-proxy-zh-CN');
    await next(page, 'review');
    await page.getByTestId('wizard-goenv-diff').waitFor();
    expect(
      await page
        .getByTestId('wizard-goenv-diff')
        .locator('tr[data-var="GOPRIVATE"] [data-side="from"]')
        .textContent(),
    ).toBe('（未设置）');
    expect(await app.axe(page)).toEqual([]);
    expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toBe(START_GOENV);
    await app.shot(page, 'wizard-review-zh-CN');

    await applyChanges(page, '应用更改');
    await page.locator('[data-testid="wizard-apply-result"][data-status="done"]').waitFor();
    expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toContain(`GOPROXY=${mirrorUrl},direct`);
    expect(await current(page).textContent()).toBe('✓验证并完成');
    expect(await page.getByTestId('wizard-back').count()).toBe(0);

    await page.getByTestId('wizard-verify-run').click();
    const ok = page.locator('[data-testid="wizard-verify-result"][data-ok="true"]');
    await ok.waitFor({ timeout: GO_TIMEOUT });
    expect(await ok.textContent()).toMatch(/go 在 \d+\.\d 秒内下载了 rsc\.io\/quote@v1\.5\.2。/);
    await app.shot(page, 'wizard-verify-zh-CN');

    await page.getByTestId('wizard-saved').waitFor();
    expect(await page.getByTestId('wizard-saved').textContent()).toContain('设置完成');
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-done-zh-CN');
    await page.getByTestId('wizard-overview').click();
    await page.locator('[data-testid="nav-overview"][aria-current="page"]').waitFor();
    expect(app.problems).toEqual([]);
  }, 240_000);

  it('shows go’s own error and the checklist finding that explains it when the mirror lacks the module', async () => {
    // No GOSUMDB override: sum.golang.org, as on a real machine (and unreachable from this sandbox).
    app = await startApp(browser, { firstRun: true, goEnv: START_GOENV });
    const mirrorUrl = app.mirror!.url;
    const projects = await privateProject(app.sandbox.root);
    const page = await app.open('en-US');

    await page.getByTestId('wizard-go-status').waitFor();
    // A mirror that takes its time: the probe shows its progress and can be cancelled, then run again.
    app.mirror!.setFaults({ delayMs: 20_000 });
    await next(page, 'network');
    const progress = page.getByTestId('progress');
    await progress.waitFor();
    expect(await page.locator('#wizard-next-blocked').textContent()).toBe(
      'Wait for the probe to finish, or cancel it.',
    );
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByText('The probe was cancelled. Probe again, or go on and pick a mirror yourself.')
      .waitFor();
    app.mirror!.clearFaults();
    await page.getByTestId('wizard-probe-again').click();
    await page.getByTestId('wizard-probe-results').waitFor({ timeout: 60_000 });
    await next(page, 'mirrors');
    await next(page, 'private');
    // The project is scanned, but its private host is not added to GOPRIVATE.
    await page.getByTestId('wizard-scan-path').fill(projects);
    await page.getByTestId('wizard-scan-path').press('Enter');
    await page.locator('[data-testid="wizard-add-pattern"][data-pattern="git.corp.example"]').waitFor();
    await next(page, 'proxy');
    await next(page, 'review');
    await page.getByTestId('wizard-goenv-diff').waitFor();
    await applyChanges(page, 'Apply changes');
    await page.locator('[data-testid="wizard-apply-result"][data-status="done"]').waitFor();

    await page.getByTestId('wizard-verify-module').fill('git.corp.example/team/lib');
    expect(await page.locator('#wizard-verify-problem').textContent()).toBe(
      'Add the version after @, for example rsc.io/quote@v1.5.2.',
    );
    expect(await page.getByTestId('wizard-verify-run').isDisabled()).toBe(true);
    await page.getByTestId('wizard-verify-module').fill('git.corp.example/team/lib@v1.0.0');
    await page.getByTestId('wizard-verify-run').click();
    const failedResult = page.locator('[data-testid="wizard-verify-result"][data-ok="false"]');
    await failedResult.waitFor({ timeout: GO_TIMEOUT });
    expect(await failedResult.locator('[role="alert"]').textContent()).toBe(
      'go could not download git.corp.example/team/lib@v1.0.0:',
    );
    // go's message verbatim: the mirror said 404, so go went direct, and the company host does not resolve.
    const goError = await page.getByTestId('wizard-verify-error').textContent();
    expect(goError).toContain('git.corp.example/team/lib@v1.0.0');
    expect(goError).toMatch(/unrecognized import path "git\.corp\.example\/team\/lib"/);
    expect(app.mirror!.requests.map((r) => `${r.path} ${r.status}`)).toContain(
      '/git.corp.example/team/lib/@v/v1.0.0.info 404',
    );

    const findings = page.getByTestId('wizard-findings');
    await findings.waitFor({ timeout: 60_000 });
    const leak = findings.locator('li[data-finding="private-module-sumdb-leak"]');
    expect(await leak.textContent()).toContain(
      'Private module paths would be looked up in the public checksum database (git.corp.example)',
    );
    expect(await leak.textContent()).toContain('GOPRIVATE');
    // Errors come first.
    const severities = await findings
      .locator('li')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-severity')));
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : 1)));
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-verify-failed-en');
    expect(await readFile(app.sandbox.goEnvFile, 'utf8')).toContain(`GOPROXY=${mirrorUrl},direct`);
    expect(app.problems).toEqual([]);
  }, 240_000);

  it('tells a newcomer without Go where to get it, and checks again on request', async () => {
    app = await startApp(browser, { firstRun: true, env: { PATH: path.join(__dirname, 'no-such-dir') } });
    const page = await app.open('en-US', { width: 800, height: 600 });
    const status = page.getByTestId('wizard-go-status');
    await status.waitFor();
    // At 800 px the English row does not fit: one line instead, not bare numbers.
    expect(await page.getByTestId('wizard-step-compact').textContent()).toBe('Step 1 of 6 · Go');
    expect(await page.locator('.wizard-steps').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    expect(await status.textContent()).toContain('Go was not found on PATH.');
    expect(await status.textContent()).toContain('https://go.dev/dl/');
    expect(await status.textContent()).toContain('https://golang.google.cn/dl/');
    const calls = app.calls.filter((c) => c.channel === 'goenv:read').length;
    await page.getByTestId('wizard-go-recheck').click();
    await expect.poll(() => app!.calls.filter((c) => c.channel === 'goenv:read').length).toBe(calls + 1);
    await status.waitFor();
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'wizard-go-missing-en');
    // Dark, at the same width: still accessible, still no horizontal scroll.
    await app.services.settings.write({ theme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await app.axe(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await app.shot(page, 'wizard-go-missing-dark-en');
    expect(app.problems).toEqual([]);
  });
});
