import { defineConfig } from 'vitest/config';

// Projects so that each layer can be run alone; `npm test` runs them all. The browser suites run one
// after the other (sequence.groupOrder): these machines have two cores.
export default defineConfig({
  test: {
    reporters: ['default', './tests/harness/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          // The property tests' large inputs carry their own deadlines (tests/fixtures/bounds.ts); this
          // only keeps a busy machine from cutting them short first.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Real Windows and macOS peers (reg.exe, networksetup...): run on those OSes, skipped elsewhere.
        test: {
          name: 'platform',
          include: ['tests/platform/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // The built main process under Node with a stand-in for the Electron API (tests/shell/).
        test: {
          name: 'shell',
          include: ['tests/shell/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // After the rest: its child processes would load the machine while the integration suite
          // measures timings (probe-timing) and the browser suites draw.
          sequence: { groupOrder: 3 },
        },
      },
      {
        // The renderer in Chromium as the desktop app shows it (window.goproxy from the test bridge).
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/electron/**/*.test.ts'],
          // `goproxy-desk ui` in Chromium needs no second run: it is browser mode by definition.
          exclude: ['tests/e2e/browser-mode.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: these machines have two cores.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The same suite against the product's browser mode: `goproxy-desk ui`'s server (electron/web/).
        test: {
          name: 'e2e-web',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          env: { GOPROXY_DESK_E2E_SERVER: 'web' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
