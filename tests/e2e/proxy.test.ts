import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHost } from '../../electron/services/host';
import { startSessionBus, type SessionBus } from '../fixtures/session-bus';
import { startTinyproxy, type Tinyproxy } from '../fixtures/tinyproxy';
import { snapshotTree } from '../fixtures/tree-snapshot';
import { startApp, type AppHarness, type AppOptions } from '../harness/app';
import { launchChromium } from '../harness/browser';

/** The services do real work (go, git, files) on a shared machine: polls wait that long. */
const WAIT = { timeout: 20_000 };

let browser: Browser;
let app: AppHarness | undefined;
let proxy: Tinyproxy | undefined;
let bus: SessionBus | undefined;
let busDir: string | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());
afterEach(async () => {
  await app?.close();
  await proxy?.close();
  await bus?.close();
  if (busDir) await rm(busDir, { recursive: true, force: true });
  app = undefined;
  proxy = undefined;
  bus = undefined;
  busDir = undefined;
});

const INFO = 'rsc.io/quote/@v/v1.5.2.info';
const USER_BASHRC = '# my own settings\nalias ll="ls -l"\n';

/** The app with go fetching from the fixture mirror, so the proxy test goes to that mirror. */
async function start(options: AppOptions = {}): Promise<AppHarness> {
  app = await startApp(browser, options);
  await app.services.goenv.write({ set: [`GOPROXY=${app.mirror!.url},direct`] });
  return app;
}

async function openProxy(locale: 'en-US' | 'zh-CN', size?: { width: number; height: number }): Promise<Page> {
  const page = await app!.open(locale, size);
  await page.getByTestId('nav-proxy').click();
  await page.getByTestId('scopes').waitFor();
  return page;
}

async function openProfiles(
  locale: 'en-US' | 'zh-CN',
  size?: { width: number; height: number },
): Promise<Page> {
  const page = await app!.open(locale, size);
  await page.getByTestId('nav-profiles').click();
  await page.getByTestId('profiles').waitFor();
  return page;
}

/** The page's visible text (input values are not part of it). */
const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);
const dataDir = (a: AppHarness) => createNodeHost({ env: a.sandbox.env }).dataDir;
/** HOME without the app's own folder (settings, journal), which a restore rightly leaves alone. */
async function homeTree(a: AppHarness): Promise<Record<string, string>> {
  const own = path.relative(a.sandbox.home, dataDir(a));
  const tree = await snapshotTree(a.sandbox.home);
  return Object.fromEntries(Object.entries(tree).filter(([name]) => !name.startsWith(own)));
}
const check = (page: Page, mode: 'forward' | 'connect') =>
  page.locator(`[data-testid="test-result"] li[data-mode="${mode}"]`);

describe('Proxy page (built renderer, real netproxy service)', () => {
  it('shows each scope side by side, and tests a proxy through a real tinyproxy and a refused one', async () => {
    await start();
    proxy = await startTinyproxy({ dir: app!.sandbox.root });
    const page = await openProxy('en-US');

    const headers = await page.getByTestId('scopes').locator('thead th[data-scope]').allTextContents();
    expect(headers).toEqual(['Shells and apps', 'git', 'System proxy']);
    // No desktop here: the system scope is shown as unavailable, with the reason, and cannot be chosen.
    expect(await page.getByTestId('scope-status-system').textContent()).toContain('Not available here');
    expect(await page.getByTestId('scope-system').isDisabled()).toBe(true);
    expect(await page.getByTestId('scope-env').isChecked()).toBe(true);
    expect(await page.getByTestId('scope-git').isChecked()).toBe(true);
    expect(await page.getByTestId('process-env').textContent()).toBe(
      'This app was started without proxy variables.',
    );
    expect(await page.getByTestId('proxy-password').getAttribute('type')).toBe('password');
    await expect.poll(() => page.getByTestId('detection').getAttribute('data-mode'), WAIT).toBe('none');
    expect(await page.getByTestId('detect-summary').textContent()).toContain(
      'The system uses no proxy: go and git need none either.',
    );
    expect(await page.getByTestId('detect-use').count()).toBe(0);
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, 'proxy-start-en');

    await page.getByTestId('proxy-http').fill(proxy.url);
    await page.getByTestId('proxy-test').click();
    await page.getByTestId('test-result').waitFor();
    // The plain-HTTP request went through tinyproxy to the fixture mirror and got module info back.
    expect(await check(page, 'forward').getAttribute('data-outcome')).toBe('ok');
    expect(await check(page, 'forward').getByTestId('check-sentence').textContent()).toBe(
      'It worked: the mirror answered through the proxy.',
    );
    expect(await check(page, 'forward').textContent()).toMatch(
      /connect \d+ ms · first byte \d+ ms · total \d+ ms/,
    );
    expect(proxy.requests()).toContain(`GET ${app!.mirror!.url}/${INFO} HTTP/1.1`);
    // The fixture mirror speaks plain HTTP only: the tunnel opens, TLS inside it cannot.
    expect(await check(page, 'connect').getAttribute('data-outcome')).toBe('tls');
    expect(proxy.requests().some((r) => r.startsWith('CONNECT 127.0.0.1:'))).toBe(true);
    expect(await page.getByTestId('test-result').textContent()).toContain(
      'The proxy does not carry every request go makes',
    );
    await app!.shot(page, 'proxy-test-tinyproxy-en');

    await page.getByTestId('proxy-http').fill('http://127.0.0.1:1');
    await page.getByTestId('proxy-test').click();
    await expect.poll(() => check(page, 'forward').getAttribute('data-outcome'), WAIT).toBe('refused');
    const refused =
      'The connection to the proxy was refused: nothing listens at that address and port. Check the host and port.';
    expect(await check(page, 'forward').getByTestId('check-sentence').textContent()).toBe(refused);
    expect(await check(page, 'connect').getByTestId('check-sentence').textContent()).toBe(refused);
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, 'proxy-test-refused-en');

    const zh = await openProxy('zh-CN');
    await zh.getByTestId('proxy-http').fill('http://127.0.0.1:1');
    await zh.getByTestId('proxy-test').click();
    await expect.poll(() => check(zh, 'forward').getAttribute('data-outcome'), WAIT).toBe('refused');
    expect(await check(zh, 'forward').getByTestId('check-sentence').textContent()).toBe(
      '连接代理被拒绝：该地址和端口上没有程序在监听。请检查主机和端口。',
    );
    await app!.shot(zh, 'proxy-test-refused-zh-CN');
    expect(app!.problems).toEqual([]);
  });

  it('previews the diffs, applies to env and git under HOME without ever showing the password, and restores HOME exactly', async () => {
    await start();
    const bashrc = path.join(app!.sandbox.home, '.bashrc');
    await writeFile(bashrc, USER_BASHRC);
    const before = await homeTree(app!);
    const page = await openProxy('en-US');

    await page.getByTestId('proxy-http').fill('http://127.0.0.1:3128');
    await page.getByTestId('proxy-noProxy').fill('localhost,.corp.example');
    await page.getByTestId('proxy-user').fill('gopher');
    await page.getByTestId('proxy-password').fill('s3cret');
    await page.getByTestId('proxy-preview').click();
    const preview = page.getByTestId('preview');
    await preview.waitFor();
    const step = (place: string) => preview.locator(`li[data-place="${place}"]`);
    expect(await step('~/.bashrc').locator('.badge').textContent()).toBe('Change');
    const bashrcDiff = await step('~/.bashrc').getByTestId('diff').textContent();
    expect(bashrcDiff).toContain("+export HTTPS_PROXY='http://gopher:xxxxx@127.0.0.1:3128'");
    expect(await step('~/.profile').locator('.badge').textContent()).toBe('Create');
    expect(await step('~/.gitconfig').getByTestId('diff').textContent()).toContain(
      'proxy = http://gopher:xxxxx@127.0.0.1:3128',
    );
    // The summary comes first: the plain-text password before any other warning, then how many places
    // change, then one folded row per place; no warning names a library go users have never heard of.
    const warnings = preview.getByTestId('warnings').locator('li');
    expect(await warnings.first().getAttribute('data-warning')).toBe('passwordShell');
    expect(await warnings.first().textContent()).toMatch(/^The proxy password will be stored in plain text/);
    expect(await preview.getByTestId('warnings').textContent()).toContain(
      'git matches only one level of subdomains: for "localhost", deeper names such as a.b.localhost still use the proxy.',
    );
    // Every warning is one the app can say itself: nothing left in the service's words.
    expect(await preview.getByTestId('warnings').locator('details').count()).toBe(0);
    expect(await preview.textContent()).not.toMatch(/undici|Node/);
    const order = await preview.evaluate((el) =>
      [
        ...el.querySelectorAll(
          '[data-testid="warnings"], [data-testid="preview-summary"], [data-testid="steps"]',
        ),
      ].map((e) => e.getAttribute('data-testid')),
    );
    expect(order).toEqual(['warnings', 'preview-summary', 'steps']);
    expect(await step('~/.bashrc').locator('details').getAttribute('open')).toBeNull();
    // Opened, a row shows its lines; lines only added keep the whole width (nothing to stand beside).
    await step('~/.bashrc').locator('summary').click();
    const opened = step('~/.bashrc').getByTestId('diff');
    expect(await opened.locator('.diff-head').count()).toBe(0);
    expect(await opened.locator('.add').first().isVisible()).toBe(true);
    await app!.shot(page, 'proxy-preview-open-en');
    await step('~/.bashrc').locator('summary').click();
    // The confirm button is under the preview and says what it does.
    const apply = page.getByTestId('proxy-apply');
    expect(await apply.textContent()).toBe('Apply changes');
    const applyBox = await apply.boundingBox();
    const previewBox = await preview.boundingBox();
    expect(applyBox!.y).toBeGreaterThan(previewBox!.y + previewBox!.height - 1);
    // A preview writes nothing.
    expect(await homeTree(app!)).toEqual(before);
    expect(await visibleText(page)).not.toContain('s3cret');
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, 'proxy-preview-en');

    await apply.click();
    await page.getByTestId('apply-result').waitFor();
    expect(await page.getByTestId('apply-result').textContent()).toMatch(/^Changed \d+ places\./);
    const written = await readFile(bashrc, 'utf8');
    expect(written.startsWith(USER_BASHRC)).toBe(true);
    expect(written).toContain("export HTTPS_PROXY='http://gopher:s3cret@127.0.0.1:3128'");
    expect(written).toMatch(/^export NO_PROXY='localhost,[^']*\.corp\.example'$/m);
    expect(await readFile(path.join(app!.sandbox.home, '.gitconfig'), 'utf8')).toContain(
      'proxy = http://gopher:s3cret@127.0.0.1:3128',
    );
    // What the machine now has, read back: the password hidden.
    const envHttp = page.locator('[data-testid="scopes"] tr[data-field="http"] td[data-scope="env"]');
    await expect.poll(() => envHttp.textContent(), WAIT).toBe('http://gopher:xxxxx@127.0.0.1:3128');
    expect(await visibleText(page)).not.toContain('s3cret');
    const entry = page.getByTestId('journal-entry');
    await expect.poll(() => entry.count(), WAIT).toBe(1);
    expect(await entry.getAttribute('data-state')).toBe('applied');
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, 'proxy-applied-en');

    await page.getByTestId('restore').click();
    await expect.poll(() => entry.getAttribute('data-state'), WAIT).toBe('restored');
    expect(await page.getByTestId('restore-result').textContent()).toContain('Undone: proxy set');
    // What Apply did is gone: its result is no longer shown.
    expect(await page.getByTestId('apply-result').count()).toBe(0);
    expect(await homeTree(app!)).toEqual(before);
    await expect.poll(() => envHttp.textContent(), WAIT).toBe('not set');
    await app!.shot(page, 'proxy-restored-en');

    const zh = await openProxy('zh-CN');
    await zh.getByTestId('proxy-http').fill('http://127.0.0.1:3128');
    await zh.getByTestId('proxy-preview').click();
    await zh.getByTestId('preview').waitFor();
    expect(await zh.getByTestId('preview').locator('h3').textContent()).toBe('预览：“应用更改”将写入的内容');
    expect(await zh.getByTestId('journal-entry').first().textContent()).toContain('已撤销');
    expect(await zh.getByTestId('proxy-apply').textContent()).toBe('应用更改');
    await app!.shot(zh, 'proxy-preview-zh-CN');
    expect(app!.problems).toEqual([]);
  });

  it('says what is missing before calling anything: a URL, a scope', async () => {
    await start();
    const page = await openProxy('en-US');
    await page.getByTestId('proxy-preview').click();
    expect(await page.getByTestId('form-problem').textContent()).toBe(
      'Enter an HTTP or HTTPS proxy URL first.',
    );
    await page.getByTestId('proxy-http').fill('http://127.0.0.1:3128');
    await page.getByTestId('scope-env').uncheck();
    await page.getByTestId('scope-git').uncheck();
    await page.getByTestId('proxy-preview').click();
    expect(await page.getByTestId('form-problem').textContent()).toBe(
      'Choose at least one place to apply the proxy to.',
    );
    // A URL the service refuses comes back as its sentence.
    await page.getByTestId('scope-env').check();
    await page.getByTestId('proxy-http').fill('socks5://127.0.0.1:1080');
    await page.getByTestId('proxy-preview').click();
    await page.getByRole('alert').filter({ hasText: 'unsupported scheme "socks5"' }).waitFor();
    expect((await app!.services.netproxy.read()).journal).toEqual([]);
    expect(app!.problems).toEqual([]);
  });

  it('after a change that never finished, offers to restore it first and refuses another change until then', async () => {
    await start();
    await app!.services.netproxy.apply({ http: 'http://127.0.0.1:3128', scopes: ['env'] });
    // What a crash part way through leaves behind: the journal entry still 'pending'.
    const journalFile = path.join(dataDir(app!), 'netproxy-journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { transactions: { state: string }[] };
    journal.transactions[0]!.state = 'pending';
    await writeFile(journalFile, JSON.stringify(journal));

    const page = await openProxy('en-US');
    const banner = page.getByTestId('unfinished');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('A change to your network settings did not finish.');
    await page.getByTestId('proxy-http').fill('http://127.0.0.1:8080');
    // The preview still shows what would change, but Apply and Remove wait for the undo, and say so.
    await page.getByTestId('proxy-preview').click();
    await page.getByTestId('preview').waitFor();
    expect(await page.getByTestId('proxy-apply').isDisabled()).toBe(true);
    expect(await page.getByTestId('proxy-apply-note').textContent()).toBe(
      'Undo the unfinished change above first.',
    );
    expect(await page.getByTestId('proxy-remove').isDisabled()).toBe(true);
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, 'proxy-unfinished-en');

    await banner.getByRole('button', { name: 'Undo it now' }).click();
    await banner.waitFor({ state: 'detached' });
    // The stale preview went with the undo; a new one can be applied.
    expect(await page.getByTestId('preview').count()).toBe(0);
    await page.getByTestId('proxy-preview').click();
    await page.locator('[data-testid="proxy-apply"]:not([disabled])').waitFor();
    expect(await page.getByTestId('journal-entry').first().getAttribute('data-state')).toBe('restored');
    expect(await readFile(path.join(app!.sandbox.home, '.profile'), 'utf8').catch(() => null)).toBeNull();

    const zh = await openProxy('zh-CN');
    await zh.getByTestId('journal-entry').first().waitFor();
    await app!.shot(zh, 'proxy-journal-zh-CN');
    expect(app!.problems).toEqual([]);
  });

  it('has its own Profiles page: saves what is in effect, marks it Active, switches in one click plus the confirm, exports, deletes and imports', async () => {
    await start();
    const goproxy = `${app!.mirror!.url},direct`;
    await app!.services.netproxy.apply({ http: 'http://127.0.0.1:3128', scopes: ['env'] });
    const page = await openProfiles('en-US');
    // Profiles left the Proxy page.
    await page.getByTestId('nav-proxy').click();
    await page.getByTestId('scopes').waitFor();
    expect(await page.getByTestId('profiles').count()).toBe(0);
    await page.getByTestId('nav-profiles').click();
    await page.getByTestId('profiles').waitFor();

    await page.getByTestId('profile-name').fill('Office');
    await page.getByTestId('profile-save').click();
    const row = page.locator('tr[data-profile="Office"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(`Go env: GOPROXY=${goproxy}`);
    expect(await row.textContent()).toContain('Proxy: http://127.0.0.1:3128 (Shells and apps)');
    expect((await app!.services.profiles.list()).profiles[0]).toMatchObject({
      name: 'Office',
      goenv: { set: { GOPROXY: goproxy } },
      proxy: { http: 'http://127.0.0.1:3128', scopes: ['env'] },
    });
    // Its values are the ones in effect: Active, and Switch would do nothing.
    await row.getByTestId('profile-active').waitFor();
    expect(await row.getByTestId('profile-active').textContent()).toBe('Active');
    expect(await row.getByTestId('profile-switch').isDisabled()).toBe(true);
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, 'profiles-saved-en');

    // The go env changes elsewhere: Office is no longer in effect; one click shows what switching does.
    await app!.services.goenv.write({ set: ['GOPROXY=https://goproxy.io,direct'] });
    await page.getByTestId('nav-proxy').click();
    await page.getByTestId('nav-profiles').click();
    await row.waitFor();
    await expect.poll(() => row.getByTestId('profile-active').count(), WAIT).toBe(0);
    await row.getByTestId('profile-switch').click();
    const preview = page.getByTestId('profile-preview-result');
    await preview.waitFor();
    expect(await preview.locator('li[data-scope="goenv"]').textContent()).toContain(`+GOPROXY=${goproxy}`);
    // A replaced line reads before → after: the old value on the left, the new one beside it.
    await preview.locator('li[data-scope="goenv"] summary').click();
    const diff = preview.locator('li[data-scope="goenv"]').getByTestId('diff');
    expect(await diff.locator('.diff-head').allTextContents()).toEqual(['Before', 'After']);
    const before = (await diff.locator('.del').first().boundingBox())!;
    const after = (await diff.locator('.add').first().boundingBox())!;
    expect(await diff.locator('.del').first().textContent()).toBe('-GOPROXY=https://goproxy.io,direct');
    expect(after.y).toBe(before.y);
    expect(after.x).toBeGreaterThan(before.x + before.width - 1);
    expect(await readFile(app!.sandbox.goEnvFile, 'utf8')).toContain('GOPROXY=https://goproxy.io,direct');
    // The confirm is under the preview and says what it does.
    const confirm = page.getByTestId('profile-apply');
    expect(await confirm.textContent()).toBe('Switch to “Office”');
    const box = await preview.getByTestId('preview').boundingBox();
    expect((await confirm.boundingBox())!.y).toBeGreaterThan(box!.y + box!.height - 1);
    expect(await app!.axe(page)).toEqual([]);
    await app!.shot(page, 'profiles-preview-en');
    await confirm.click();
    await page.getByTestId('profile-applied').waitFor();
    expect(await page.getByTestId('profile-applied').textContent()).toMatch(
      /^Applied “Office”: \d+ places? changed\./,
    );
    expect(await readFile(app!.sandbox.goEnvFile, 'utf8')).toContain(`GOPROXY=${goproxy}`);
    await expect.poll(() => row.getByTestId('profile-active').count(), WAIT).toBe(1);

    const downloading = page.waitForEvent('download');
    await page.getByTestId('profiles-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('goproxy-desk-profiles.json');
    const file = path.join(app!.sandbox.root, 'exported.json');
    await download.saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      format: string;
      profiles: { name: string }[];
    };
    expect(exported.format).toBe('goproxy-desk-profiles');
    expect(exported.profiles.map((p) => p.name)).toEqual(['Office']);

    await row.getByTestId('profile-delete').click();
    await row.getByRole('button', { name: 'Delete it' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await app!.services.profiles.list()).profiles).toEqual([]);

    await page.getByTestId('profiles-import').setInputFiles(file);
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toBe(
      'Imported: Office. Replaced: none. Skipped (already there): none.',
    );
    await row.waitFor();
    await page.getByTestId('profiles-import').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('Imported: none. Replaced: none. Skipped (already there): Office.');
    await app!.shot(page, 'profiles-imported-en');

    await app!.services.goenv.write({ set: ['GOPROXY=https://goproxy.io,direct'] });
    const zh = await openProfiles('zh-CN');
    const zhRow = zh.locator('tr[data-profile="Office"]');
    await zhRow.getByTestId('profile-switch').click();
    await zh.getByTestId('profile-preview-result').waitFor();
    expect(await zh.getByTestId('profile-apply').textContent()).toBe('切换到“Office”');
    expect(await zh.getByTestId('nav-profiles').textContent()).toBe('配置方案');
    expect(await app!.axe(zh)).toEqual([]);
    await app!.shot(zh, 'profiles-preview-zh-CN');
    expect(app!.problems).toEqual([]);
  });

  it('shows the GNOME system proxy change as gsettings commands, argument by argument', async () => {
    busDir = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-bus-'));
    const busHome = path.join(busDir, 'home');
    bus = await startSessionBus({
      dir: busDir,
      env: { ...process.env, HOME: busHome, XDG_CONFIG_HOME: path.join(busHome, '.config') },
    });
    await start({ env: { ...bus.env, GSETTINGS_BACKEND: 'dconf', XDG_CURRENT_DESKTOP: 'GNOME' } });
    const page = await openProxy('en-US');
    expect(await page.getByTestId('scope-system').isDisabled()).toBe(false);
    await page.getByTestId('scope-env').uncheck();
    await page.getByTestId('scope-git').uncheck();
    await page.getByTestId('scope-system').check();
    await page.getByTestId('proxy-http').fill('http://127.0.0.1:3128');
    await page.getByTestId('proxy-preview').click();
    // Each place is a folded row: opening it shows the commands.
    await page.getByTestId('preview').locator('li[data-scope="system"] summary').first().click();
    const argv = page.getByTestId('preview').getByTestId('argv');
    await argv.first().waitFor();
    const commands = await argv.evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('code')].map((c) => c.textContent)),
    );
    expect(commands).toContainEqual([
      'gsettings',
      'set',
      'org.gnome.system.proxy.http',
      'host',
      "'127.0.0.1'",
    ]);
    await app!.shot(page, 'proxy-preview-system-en');
    expect(app!.problems).toEqual([]);
  });

  it('shows what the system decides through a KDE PAC script, and takes its settings into the preview for go and git', async () => {
    busDir = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-pac-'));
    const pac = path.join(busDir, 'proxy.pac');
    await writeFile(
      pac,
      `function FindProxyForURL(url, host) {
  if (host == "127.0.0.1" || shExpMatch(host, "*.cn")) return "DIRECT";
  return "PROXY 10.0.0.1:3128; DIRECT";
}`,
    );
    // KDE's own tool writes the user's kioslaverc; /etc/xdg is kept out of it.
    await start({ env: { XDG_CURRENT_DESKTOP: 'KDE', XDG_CONFIG_DIRS: path.join(busDir, 'xdg') } });
    const kioslaverc = path.join(app!.sandbox.configHome, 'kioslaverc');
    for (const [key, value] of [
      ['ProxyType', '2'],
      ['Proxy Config Script', `file://${pac}`],
    ]) {
      await promisify(execFile)(
        'kwriteconfig5',
        ['--file', kioslaverc, '--group', 'Proxy Settings', '--key', key!, value!],
        { env: { ...process.env, ...app!.sandbox.env } },
      );
    }
    const before = await homeTree(app!);

    const page = await openProxy('en-US', { width: 800, height: 600 });
    const detection = page.getByTestId('detection');
    await expect.poll(() => detection.getAttribute('data-mode'), WAIT).toBe('pac');
    expect(await page.getByTestId('detect-summary').textContent()).toBe(
      `The system picks a proxy per address with the PAC script file://${pac}. Read from KDE settings.`,
    );
    const decision = (url: string) => page.locator(`[data-testid="decisions"] tr[data-url="${url}"]`);
    expect(await decision('https://proxy.golang.org').locator('td').allTextContents()).toEqual([
      'PROXY 10.0.0.1:3128; DIRECT',
      'http://10.0.0.1:3128',
    ]);
    expect(await decision('https://goproxy.cn').locator('td').allTextContents()).toEqual([
      'DIRECT',
      'direct',
    ]);
    expect(await page.getByTestId('detect-warnings').textContent()).toContain(
      'go and git take only its first proxy and do not fall back',
    );
    expect(await app!.axe(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await app!.shot(page, 'proxy-detected-800x600-en');

    await page.getByTestId('detect-use').click();
    const preview = page.getByTestId('preview');
    await preview.waitFor(WAIT);
    expect(await page.getByTestId('proxy-http').inputValue()).toBe('http://10.0.0.1:3128');
    expect(await page.getByTestId('proxy-https').inputValue()).toBe('');
    expect(await page.getByTestId('proxy-noProxy').inputValue()).toContain('goproxy.cn');
    expect(await page.getByTestId('scope-env').isChecked()).toBe(true);
    expect(await page.getByTestId('scope-git').isChecked()).toBe(true);
    expect(
      await preview.locator('li[data-place="~/.gitconfig"]').getByTestId('diff').textContent(),
    ).toContain('proxy = http://10.0.0.1:3128');
    // The preview writes nothing; Apply goes through the journal like any other change.
    expect(await homeTree(app!)).toEqual(before);
    await app!.shot(page, 'proxy-detected-preview-800x600-en');
    await page.getByTestId('proxy-apply').click();
    await page.getByTestId('apply-result').waitFor();
    expect(await readFile(path.join(app!.sandbox.home, '.gitconfig'), 'utf8')).toContain(
      'proxy = http://10.0.0.1:3128',
    );
    await expect.poll(() => page.getByTestId('journal-entry').count(), WAIT).toBe(1);

    const zh = await openProxy('zh-CN', { width: 800, height: 600 });
    await expect.poll(() => zh.getByTestId('detection').getAttribute('data-mode'), WAIT).toBe('pac');
    expect(await zh.getByTestId('detect-use').textContent()).toBe('让 go 和 git 使用这些设置');
    expect(
      await zh.getByTestId('decisions').locator('tr[data-url="https://goproxy.cn"] td').last().textContent(),
    ).toBe('直连');
    expect(await app!.axe(zh)).toEqual([]);
    await app!.shot(zh, 'proxy-detected-800x600-zh-CN');
    await app!.services.settings.write({ theme: 'dark' });
    await expect.poll(() => zh.evaluate(() => document.documentElement.dataset.theme), WAIT).toBe('dark');
    expect(await app!.axe(zh)).toEqual([]);
    await app!.shot(zh, 'proxy-detected-800x600-dark-zh-CN');
    await app!.services.settings.write({ theme: 'light' });
    expect(app!.problems).toEqual([]);
  }, 120_000);

  it('is accessible in light and dark and fits 800x600', async () => {
    await start();
    await app!.services.netproxy.apply({ http: 'http://127.0.0.1:3128', scopes: ['env', 'git'] });
    await app!.services.profiles.save({
      name: 'Office',
      goenv: { set: { GOPROXY: 'https://goproxy.cn,direct' }, unset: [] },
      proxy: { http: 'http://127.0.0.1:3128', scopes: ['env'] },
    });
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const lang = locale === 'en-US' ? 'en' : 'zh-CN';
      const page = await openProxy(locale, { width: 800, height: 600 });
      await page.getByTestId('journal-entry').first().waitFor();
      expect(await app!.axe(page)).toEqual([]);
      await app!.shot(page, `proxy-800x600-${lang}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
      await page.getByTestId('nav-profiles').click();
      await page.locator('tr[data-profile="Office"]').waitFor();
      expect(await app!.axe(page)).toEqual([]);
      await app!.shot(page, `profiles-800x600-${lang}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
      await app!.services.settings.write({ theme: 'dark' });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme), WAIT).toBe('dark');
      expect(await app!.axe(page)).toEqual([]);
      await app!.shot(page, `profiles-800x600-dark-${lang}`);
      await page.getByTestId('nav-proxy').click();
      await page.getByTestId('journal-entry').first().waitFor();
      expect(await app!.axe(page)).toEqual([]);
      await app!.shot(page, `proxy-800x600-dark-${lang}`);
      await app!.services.settings.write({ theme: 'light' });
    }
    expect(app!.problems).toEqual([]);
  });
});
