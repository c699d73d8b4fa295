import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from '../harness/app';
import { launchChromium } from '../harness/browser';

/**
 * The Projects page against the real services: a project with an .envrc (a GOPROXY go rejects) and a
 * Dockerfile stage that turns checksums off; the page shows each build's settings with file:line and
 * the checklist's findings for it, writes GOPROXY into VS Code's settings and restores the project.
 */

/** The services do real work (go, files) on a shared machine: polls wait that long. */
const WAIT = { timeout: 30_000 };

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

async function makeProject(root: string): Promise<string> {
  const dir = path.join(root, 'projects', 'shop');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'go.mod'), 'module example.com/shop\n\ngo 1.22\n');
  await writeFile(path.join(dir, '.envrc'), 'export GOPROXY=https://goproxy.cn,direc\n');
  await writeFile(path.join(dir, 'Dockerfile'), 'FROM golang:1.22 AS builder\nENV GOSUMDB=off\n');
  return dir;
}

async function openProjects(locale: 'en-US' | 'zh-CN'): Promise<Page> {
  const page = await app!.open(locale, { width: 800, height: 600 });
  await page.getByTestId('nav-projects').click();
  await page.getByTestId('project-folders').waitFor();
  return page;
}

/** The selected project's layers and findings have arrived. */
async function projectShown(page: Page): Promise<void> {
  await page.locator('[data-testid="project-detail"][aria-busy="false"]').waitFor(WAIT);
  await page.locator('[data-testid="project-findings"][aria-busy="false"]').waitFor(WAIT);
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('Projects page (built renderer, real project services and checklist)', () => {
  it('adds a folder by path, shows its builds with file:line and its findings, writes to VS Code and restores', async () => {
    app = await startApp(browser, { goEnv: GOENV });
    const dir = await makeProject(app.sandbox.root);
    const page = await openProjects('en-US');
    await page.getByTestId('project-folders-empty').waitFor();

    if (app.mode === 'desktop') {
      // No folder dialog over the bridge: the path field adds it (and the settings keep it).
      await page.getByTestId('project-choose').click();
      await page.getByTestId('project-picker-unavailable').waitFor();
    } else {
      // A browser has no folder dialog at all: no button, a typed path on the app's machine.
      expect(await page.getByTestId('project-choose').count()).toBe(0);
      expect(await page.getByTestId('project-picker-unavailable').textContent()).toContain(
        'machine GoProxy Desk runs on',
      );
    }
    // A typo is refused, not kept in the list: a relative path, then a folder that does not exist.
    await page.getByTestId('project-path').fill('src/app');
    await page.getByTestId('project-add').click();
    expect(await page.getByTestId('project-path-error').textContent()).toBe(
      '“src/app” is not a full path: type it from the root, for example /home/me/src/app.',
    );
    await page.getByTestId('project-path').fill(`${dir}-typo`);
    await page.getByTestId('project-add').click();
    await expect
      .poll(() => page.getByTestId('project-path-error').textContent())
      .toBe(`There is no folder ${dir}-typo on the machine GoProxy Desk runs on: check the path.`);
    expect((await app.services.settings.read()).settings.projectDirs).toEqual([]);
    await page.getByTestId('project-path').fill(dir);
    await page.getByTestId('project-add').click();
    await projectShown(page);
    expect((await app.services.settings.read()).settings.projectDirs).toEqual([dir]);
    expect(
      await page.locator('[data-testid="project-folder"][aria-pressed="true"]').getAttribute('data-dir'),
    ).toBe(dir);

    expect(await page.getByTestId('project-summary').textContent()).toBe(
      'Files that set Go module variables: 2. Builds they set up: 2.',
    );
    const terminal = page.locator('[data-testid="project-context"][data-context="terminal"]');
    expect(await terminal.locator('h3').textContent()).toBe('Terminal (direnv)');
    const envrc = terminal.locator('[data-testid="layer"][data-key="GOPROXY"]');
    expect(await envrc.locator('td').first().textContent()).toBe('.envrc:1');
    expect(await envrc.locator('td').nth(1).textContent()).toBe('GOPROXY=https://goproxy.cn,direc');
    expect(
      await terminal.locator('[data-testid="effective"][data-key="GOPROXY"]').getAttribute('data-from'),
    ).toBe('.envrc:1');
    const builder = page.locator('[data-testid="project-context"][data-context="container:builder"]');
    expect(await builder.locator('h3').textContent()).toContain('Container builder');
    expect(await builder.locator('[data-testid="layer"][data-key="GOSUMDB"] td').first().textContent()).toBe(
      'Dockerfile:2',
    );

    // The findings this project adds, naming the build and the line that causes them.
    const evidence = await page
      .getByTestId('project-findings')
      .locator('.finding-evidence')
      .allTextContents();
    expect(evidence.join('\n')).toContain('.envrc:1: GOPROXY=https://goproxy.cn,direc');
    expect(evidence.join('\n')).toContain('Dockerfile:2: GOSUMDB=off');
    const titles = await page.getByTestId('project-findings').locator('.finding h3').allTextContents();
    expect(titles.some((t) => t.startsWith('Container builder: '))).toBe(true);
    expect(await app.axe(page)).toEqual([]);

    // Preview, then write GOPROXY into .vscode/settings.json.
    await page.getByTestId('apply-target').selectOption('vscode');
    await page.getByTestId('apply-key').selectOption('GOPROXY');
    await page.getByTestId('apply-value').fill('https://goproxy.cn,direct');
    await page.getByTestId('apply-preview').click();
    await page.getByTestId('apply-steps').waitFor(WAIT);
    const diff = await page.getByTestId('apply-steps').getByTestId('diff').textContent();
    expect(diff).toContain('"GOPROXY": "https://goproxy.cn,direct"');
    const settingsFile = path.join(dir, '.vscode', 'settings.json');
    expect(await exists(settingsFile)).toBe(false);
    expect(await page.getByTestId('apply-write').textContent()).toBe('Write to .vscode/settings.json');
    await app.shot(page, 'projects-preview-en');
    await page.getByTestId('apply-write').click();
    await page.getByTestId('apply-result').waitFor(WAIT);
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toEqual({
      'go.toolsEnvVars': { GOPROXY: 'https://goproxy.cn,direct' },
    });
    // Read again: the editor's tools are a build of the project now.
    await page
      .locator(
        '[data-testid="project-context"][data-context="editor-tools"] [data-testid="layer"][data-key="GOPROXY"]',
      )
      .waitFor(WAIT);

    // Restore: preview first, then the file the write created is gone.
    await page.getByTestId('restore-preview').click();
    await page.getByTestId('restore-preview-result').waitFor(WAIT);
    expect(
      await page.getByTestId('restore-preview-result').locator('[data-outcome]').count(),
    ).toBeGreaterThan(0);
    expect(
      await page.getByTestId('restore-preview-result').getByTestId('diff').first().textContent(),
    ).toContain('-    "GOPROXY": "https://goproxy.cn,direct"');
    expect(await exists(settingsFile)).toBe(true);
    await app.shot(page, 'projects-restore-preview-en');
    await page.getByTestId('restore').click();
    await page.getByTestId('restore-result').waitFor(WAIT);
    expect(await exists(settingsFile)).toBe(false);
    await page
      .locator('[data-testid="project-context"][data-context="editor-tools"]')
      .waitFor({ state: 'detached', ...WAIT });
    expect(app.problems).toEqual([]);
  }, 180_000);

  it('writes an .envrc block with a button that says so, and the direnv note', async () => {
    app = await startApp(browser, { goEnv: GOENV });
    const dir = await makeProject(app.sandbox.root);
    await app.services.settings.write({ projectDirs: [dir] });
    const page = await openProjects('zh-CN');
    await projectShown(page);
    await page.getByTestId('apply-key').selectOption('GOPRIVATE');
    await page.getByTestId('apply-value').fill('git.corp.example');
    await page.getByTestId('apply-preview').click();
    await page.getByTestId('apply-steps').waitFor(WAIT);
    expect(await page.getByTestId('apply-write').textContent()).toBe('写入 .envrc');
    await page.getByTestId('apply-write').click();
    await page.getByTestId('apply-result').waitFor(WAIT);
    expect(await readFile(path.join(dir, '.envrc'), 'utf8')).toContain('git.corp.example');
    expect(await page.getByTestId('apply-result').getByTestId('project-notes').textContent()).toContain(
      'direnv allow',
    );
    await app.shot(page, 'projects-written-zh-CN');
    expect(app.problems).toEqual([]);
  }, 120_000);

  it('counts the projects’ findings on the overview and opens the page from there', async () => {
    app = await startApp(browser, { goEnv: GOENV });
    const dir = await makeProject(app.sandbox.root);
    await app.services.settings.write({ projectDirs: [dir] });
    const page = await app.open('en-US', { width: 800, height: 600 });
    const card = page.locator('[data-testid="overview-projects"][aria-busy="false"]');
    await card.waitFor(WAIT);
    expect(Number(await card.getAttribute('data-count'))).toBeGreaterThan(1);
    expect(await card.textContent()).toMatch(/\d+ findings in your projects\./);
    expect(await app.axe(page)).toEqual([]);
    await app.shot(page, 'projects-overview-card-en');
    await page.getByTestId('open-projects').click();
    await projectShown(page);
    expect(app.problems).toEqual([]);
  }, 120_000);

  it('is accessible in light and dark and fits 800x600, in English and Chinese', async () => {
    app = await startApp(browser, { goEnv: GOENV });
    const dir = await makeProject(app.sandbox.root);
    await app.services.settings.write({ projectDirs: [dir] });
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const lang = locale === 'en-US' ? 'en' : 'zh-CN';
      const page = await openProjects(locale);
      await projectShown(page);
      expect(await app.axe(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
      await app.shot(page, `projects-800x600-${lang}`);
      await app.services.settings.write({ theme: 'dark' });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme), WAIT).toBe('dark');
      expect(await app.axe(page)).toEqual([]);
      await app.shot(page, `projects-800x600-dark-${lang}`);
      await app.services.settings.write({ theme: 'light' });
    }
    expect(app.problems).toEqual([]);
  }, 180_000);
});
