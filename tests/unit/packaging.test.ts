import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../electron/shell/lifecycle';

/**
 * electron-builder.yml cannot be exercised here (no Electron binary, no Windows or macOS), so it is
 * held to electron-builder's own JSON schema, to package.json and to the files it names.
 */
const root = path.resolve(__dirname, '../..');
const require = createRequire(__filename);
// js-yaml comes with electron-builder; it has no types of its own.
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  electronFuses: Record<string, boolean>;
  win: { target: Target[]; icon: string };
  nsis: Record<string, unknown>;
  mac: { target: Target[]; icon: string; entitlements: string; entitlementsInherit: string } & Record<
    string,
    unknown
  >;
  linux: { target: string[]; icon: string };
  publish: { provider: string };
}

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  productName: string;
  main: string;
  version: string;
  description: string;
  license: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Whether electron-builder's `files` globs (the `**` and `*` kinds used here) take a path. */
function included(file: string): boolean {
  const toRegExp = (glob: string) =>
    new RegExp(
      `^${glob
        .split('**')
        .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
        .join('.*')}$`,
    );
  let result = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (toRegExp(pattern.slice(1)).test(file)) result = false;
    } else if (toRegExp(pattern).test(file)) result = true;
  }
  return result;
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema (no misspelt or misplaced option)", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names the app as package.json and the main process do', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(pkg.productName);
    expect(config.productName).toBe(PRODUCT_NAME);
    // Without "type": "module" electron-vite emits the CommonJS a sandboxed preload needs.
    expect(pkg).not.toHaveProperty('type');
    for (const field of ['name', 'version', 'description', 'license'] as const)
      expect(pkg[field]).toBeTruthy();
  });

  it('packs the built app (main, preload, renderer) into an asar, without the CLI', () => {
    expect(config.asar).toBe(true);
    expect(pkg.main).toBe('out/main/index.js');
    for (const file of [pkg.main, 'out/preload/index.js', 'out/renderer/index.html', 'package.json']) {
      expect(included(file), file).toBe(true);
    }
    expect(included('out/cli/goproxy-desk.js')).toBe(false);
    expect(included('electron/main.ts')).toBe(false);
    // The app's runtime packages are dependencies (packed); Electron and the build tools are not.
    expect(Object.keys(pkg.dependencies)).not.toContain('electron');
    expect(Object.keys(pkg.devDependencies)).toContain('electron');
  });

  it('has a built main process to pack', () => {
    const main = path.join(root, pkg.main);
    if (!existsSync(main)) throw new Error(`${pkg.main} is missing: run npx electron-vite build first`);
    expect(readFileSync(main, 'utf8')).toContain('requestSingleInstanceLock');
  });

  it('flips the fuses of DESIGN §8', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('builds an assisted per-user NSIS installer in English and Chinese, with shortcuts', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      multiLanguageInstaller: true,
    });
    expect(config.nsis.installerLanguages).toEqual(expect.arrayContaining(['en_US', 'zh_CN']));
  });

  it('builds DMGs for Intel and Apple silicon, hardened, with the entitlements V8 needs and no more', () => {
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.category).toBe('public.app-category.developer-tools');
    const plist = readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('builds an AppImage and a deb, and publishes to GitHub releases for updates', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.publish.provider).toBe('github');
  });

  it('has every icon it names, at the sizes electron-builder needs', () => {
    const size = (file: string) => {
      const png = readFileSync(path.join(root, file));
      expect(png.subarray(1, 4).toString(), file).toBe('PNG');
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    // 1024 for the macOS .icns; electron-builder makes the Windows .ico from at least 256.
    expect(size(config.mac.icon)).toEqual([1024, 1024]);
    expect(size(config.win.icon)[0]).toBeGreaterThanOrEqual(256);
    for (const n of [16, 32, 48, 64, 128, 256, 512])
      expect(size(`${config.linux.icon}/${n}x${n}.png`)).toEqual([n, n]);
    const resources = config.directories.buildResources;
    expect(size(`${resources}/trayTemplate.png`)).toEqual([16, 16]);
    expect(size(`${resources}/trayTemplate@2x.png`)).toEqual([32, 32]);
    expect(size(`${resources}/tray.png`)).toEqual([16, 16]);
    expect(size(`${resources}/tray@2x.png`)).toEqual([32, 32]);
  });

  it('keeps the macOS tray icon a template: black, shape only in the alpha channel', () => {
    // Decoding the PNG would need a library; its colour type is enough: 6 = RGBA (an alpha channel).
    const png = readFileSync(path.join(root, 'build/trayTemplate@2x.png'));
    expect(png[25]).toBe(6);
    expect(readFileSync(path.join(root, 'build/tray.svg'), 'utf8')).not.toMatch(/fill="#(?!000)/i);
  });
});
