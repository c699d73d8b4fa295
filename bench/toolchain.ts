/**
 * Reading inside a module that needs a newer go: `goproxy-desk env` there must cost what it costs
 * elsewhere. The GOPROXY is a local server that takes 2 s to answer anything about golang.org/toolchain,
 * so a read that made go look for go1.99.0 would show at once in the ratio.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { goUnderTest, goVersions } from '../tests/fixtures/go-versions';

interface Stats {
  p50: number;
  p95: number;
  min: number;
}

export async function benchToolchain(
  cli: string,
  root: string,
  sample: (runs: number, fn: () => Promise<unknown>) => Promise<Stats>,
): Promise<{
  checks: { name: string; ratio: number; target: number; meaning: string }[];
  markdown: string[];
  data: unknown;
}> {
  const newest = goVersions('1.21').at(-1);
  if (newest === undefined) {
    return {
      checks: [],
      markdown: ['(toolchain: no go ≥ 1.21 installed, run scripts/fetch-go.sh; not measured)', ''],
      data: null,
    };
  }
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    setTimeout(() => res.writeHead(404).end(), req.url?.startsWith('/golang.org/toolchain/') ? 2000 : 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    const home = path.join(root, 'toolchain-home');
    const module = path.join(root, 'needs-go1.99');
    const elsewhere = path.join(root, 'elsewhere');
    for (const d of [path.join(home, '.config', 'go'), module, elsewhere])
      await mkdir(d, { recursive: true });
    await writeFile(path.join(module, 'go.mod'), 'module example.com/next\n\ngo 1.99.0\n');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      PATH: `${goUnderTest(newest).binDir}${path.delimiter}${process.env.PATH ?? ''}`,
      GOPROXY: `http://127.0.0.1:${port}`,
      GOSUMDB: 'off',
    };
    delete env.GOTOOLCHAIN;
    const envIn = (cwd: string) => () =>
      new Promise<void>((resolve, reject) =>
        execFile(process.execPath, [cli, 'env', '--json'], { env, cwd }, (e) => (e ? reject(e) : resolve())),
      );
    const outside = await sample(10, envIn(elsewhere));
    const inside = await sample(10, envIn(module));
    const toolchainRequests = requests.filter((r) => r.startsWith('/golang.org/toolchain/')).length;
    const ms = (n: number) => n.toFixed(1);
    return {
      checks: [
        {
          name: 'env inside a go1.99.0 module / env elsewhere',
          // A toolchain request would cost 2 s; count it in, so that one can never pass unseen.
          ratio: (inside.p50 + toolchainRequests * 2000) / outside.p50,
          target: 1.2,
          meaning: `reading settings never makes go fetch a toolchain (go ${newest}; ${toolchainRequests} toolchain requests)`,
        },
      ],
      markdown: [
        '| env --json with go ≥ 1.21 | p50 ms | p95 ms | min ms |',
        '|---|---:|---:|---:|',
        `| elsewhere | ${ms(outside.p50)} | ${ms(outside.p95)} | ${ms(outside.min)} |`,
        `| inside a module that says go 1.99.0 | ${ms(inside.p50)} | ${ms(inside.p95)} | ${ms(inside.min)} |`,
        '',
      ],
      data: { outside, inside, toolchainRequests },
    };
  } finally {
    server.close();
  }
}
