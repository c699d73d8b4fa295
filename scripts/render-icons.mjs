// Renders the icons in build/ from their SVG sources with Chromium (CHROMIUM_PATH, default Debian's
// /usr/bin/chromium), so every PNG is reproducible: `node scripts/render-icons.mjs`.
// - build/icon.png (1024): electron-builder makes the macOS .icns and the Windows .ico from it;
// - build/icons/<n>x<n>.png: the Linux icon set (AppImage, deb);
// - build/tray.png + tray@2x.png: the Windows and Linux tray icon (the app icon, small);
// - build/trayTemplate.png + @2x: the macOS menu-bar template (black and alpha; macOS tints it).
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const build = new URL('../build/', import.meta.url);
const outputs = [
  { svg: 'icon.svg', size: 1024, file: 'icon.png' },
  ...[16, 32, 48, 64, 128, 256, 512].map((size) => ({
    svg: 'icon.svg',
    size,
    file: `icons/${size}x${size}.png`,
  })),
  { svg: 'icon.svg', size: 16, file: 'tray.png' },
  { svg: 'icon.svg', size: 32, file: 'tray@2x.png' },
  { svg: 'tray.svg', size: 16, file: 'trayTemplate.png' },
  { svg: 'tray.svg', size: 32, file: 'trayTemplate@2x.png' },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  await mkdir(new URL('icons/', build), { recursive: true });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { svg, size, file } of outputs) {
    const source = await readFile(new URL(svg, build), 'utf8');
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${source.replace(
        '<svg ',
        `<svg width="${size}" height="${size}" `,
      )}</body></html>`,
    );
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    await writeFile(new URL(file, build), png);
    console.log(`build/${file} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
