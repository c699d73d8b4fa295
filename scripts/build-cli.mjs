// Bundles the CLI (electron/cli.ts and everything it imports, dependencies included) into one file
// that package.json's bin points at, so `goproxy-desk` runs with plain node, no Electron needed.
// Every start reads and compiles the whole file (CLI start time is a benchmark target), so it is
// minified, and undici — half the bytes, needed only by probing and live checks, which import it
// lazily — stays in node_modules (a dependency of the package) instead of the bundle.
import { chmod } from 'node:fs/promises';
import { build } from 'esbuild';

await build({
  stdin: {
    contents: `
      import { runCli } from './electron/cli';
      import { createNodeHost } from './electron/services/host';
      runCli(process.argv.slice(2), createNodeHost(), {
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
      }).then((code) => { process.exitCode = code; });
    `,
    resolveDir: new URL('..', import.meta.url).pathname,
    loader: 'ts',
    sourcefile: 'cli-entry.ts',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'out/cli/goproxy-desk.js',
  banner: { js: '#!/usr/bin/env node' },
  external: ['undici'],
  // ESM builds first: jsonc-parser's UMD build requires its parts by computed names a bundle cannot hold.
  mainFields: ['module', 'main'],
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});

await chmod('out/cli/goproxy-desk.js', 0o755);
