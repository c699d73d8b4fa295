import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/**
 * The real Electron app. These machines cannot download the Electron binary (installs use
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1), so the suite reports itself skipped, with the reason, wherever the
 * binary is absent; on a normal machine or a release runner it runs.
 */
function electronBinary(): string | null {
  // Not require('electron'): since Electron 40 that downloads the binary when it is missing.
  try {
    const dir = path.dirname(createRequire(__filename).resolve('electron/package.json'));
    const relative = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const reason =
  'skipped: the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1 on this machine)';
if (!binary) console.log(`tests/electron: ${reason}`);

describe.skipIf(!binary)(`Electron app${binary ? '' : ` (${reason})`}`, () => {
  it('opens a sandboxed, context-isolated window whose renderer reaches go env only through window.goproxy', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [path.resolve(__dirname, '../../out/main/index.js')],
    });
    try {
      const page = await app.firstWindow();
      await page.locator('tr[data-var="GOPROXY"]').waitFor();
      const exposure = await page.evaluate(() => ({
        node: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        api: Object.keys(window.goproxy).sort(),
      }));
      expect(exposure).toEqual({ node: 'undefined', process: 'undefined', api: ['invoke', 'on'] });
      // Navigation away from our page is refused by the main process.
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^file:.*\/out\/renderer\/index\.html/);
    } finally {
      await app.close();
    }
  });
});
