import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main.ts') } },
      // ESM-only packages (the PAC sandbox) go into the CommonJS main bundle instead of a require().
      externalizeDeps: { exclude: ['pac-resolver', 'degenerator', 'quickjs-wasi'] },
    },
  },
  preload: {
    // A sandboxed preload must be CommonJS; electron-vite emits CJS because package.json has no "type".
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
});
