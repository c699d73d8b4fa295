import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRoute } from '../../shared/go/route';
import { createProxyFetcher } from '../../electron/services/goenv/route-fetch';
import { walkRoute, type LiveRoute } from '../../electron/services/goenv/route-live';
import { startMirror, type Faults, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/**
 * The live route walk against the real `go mod download`: the same chains of faulty mirrors, the same
 * verdict (served or failed), the same entry serving each file, and the same requests to each mirror.
 */
const BEHAVIOURS: Record<string, Faults> = {
  ok: {},
  '404': { status: 404 },
  '410': { status: 410 },
  '403': { status: 403 },
  '500': { status: 500 },
  html: { html: true },
  'html-info': { html: true, match: /\.info$/ },
  'html-zip': { html: true, match: /\.zip$/ },
  'mod-404': { status: 404, match: /\.mod$/ },
  hang: { hang: true },
};
type Behaviour = keyof typeof BEHAVIOURS;

const HANG_KILL_MS = 3000;
const MODULE = 'rsc.io/quote';
const VERSION = 'v1.5.2';

let sandbox: Sandbox;
const mirrors = new Map<Behaviour, Mirror>();

beforeAll(async () => {
  sandbox = await createSandbox();
  for (const [name, faults] of Object.entries(BEHAVIOURS)) {
    const mirror = await startMirror();
    mirror.setFaults(faults);
    mirrors.set(name as Behaviour, mirror);
  }
});
afterAll(async () => {
  await Promise.all([...mirrors.values()].map((m) => m.close()));
  await sandbox?.cleanup();
});

/** A seeded generator, so every run tests the same chains. */
function chains(count: number, seed: number): Array<Array<[Behaviour, ',' | '|']>> {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    // The low bits of this generator cycle quickly; the high ones do not.
    return Math.floor(state / 2 ** 16) % n;
  };
  const names = (Object.keys(BEHAVIOURS) as Behaviour[]).filter((b) => b !== 'hang');
  const out: Array<Array<[Behaviour, ',' | '|']>> = [];
  while (out.length < count) {
    const length = 1 + next(3);
    const chain: Array<[Behaviour, ',' | '|']> = [];
    for (let i = 0; i < length; i++) {
      const b = names[next(names.length)]!;
      if (!chain.some(([c]) => c === b)) chain.push([b, next(2) === 0 ? ',' : '|']);
    }
    out.push(chain);
  }
  return out;
}

const goproxyOf = (chain: Array<[Behaviour, ',' | '|']>) =>
  chain.map(([b, sep], i) => mirrors.get(b)!.url + (i === chain.length - 1 ? '' : sep)).join('');

function clearLogs(): void {
  for (const m of mirrors.values()) m.requests.length = 0;
}
function logs(): Record<string, string[]> {
  return Object.fromEntries(
    [...mirrors].map(([b, m]) => [b, m.requests.map((r) => `${r.path} ${r.status}`)]),
  );
}

async function runGo(goproxy: string): Promise<{ ok: boolean; output: string }> {
  const dir = await mkdtemp(path.join(sandbox.root, 'run-'));
  return new Promise((resolve) => {
    execFile(
      'go',
      ['mod', 'download', '-json', `${MODULE}@${VERSION}`],
      {
        cwd: dir,
        timeout: HANG_KILL_MS,
        env: { ...sandbox.env, GOPROXY: goproxy, GOSUMDB: 'off', GOMODCACHE: path.join(dir, 'modcache') },
      },
      (error, stdout, stderr) => {
        const output = stdout + stderr;
        let ok = !error;
        try {
          ok = ok && !(JSON.parse(stdout) as { Error?: string }).Error;
        } catch {
          ok = false;
        }
        resolve({ ok, output });
      },
    );
  });
}

async function walk(goproxy: string): Promise<LiveRoute> {
  const plan = planRoute(MODULE, {
    GOPROXY: goproxy,
    GONOPROXY: '',
    GONOSUMDB: '',
    GOSUMDB: 'off',
    GOINSECURE: '',
  });
  return walkRoute(plan, { path: MODULE, version: VERSION }, createProxyFetcher({ timeoutMs: 1000 }));
}

describe('live route vs the real go mod download', () => {
  const cases = [
    ...chains(36, 7).map((c) => [goproxyLabel(c), c] as const),
    ...(
      [
        [
          ['500', '|'],
          ['ok', ','],
        ],
        [
          ['500', ','],
          ['ok', ','],
        ],
        [
          ['404', ','],
          ['ok', ','],
        ],
        [
          ['html-info', '|'],
          ['ok', ','],
        ],
        [
          ['html-zip', '|'],
          ['ok', ','],
        ],
        [
          ['403', '|'],
          ['mod-404', '|'],
          ['ok', ','],
        ],
      ] as Array<Array<[Behaviour, ',' | '|']>>
    ).map((c) => [goproxyLabel(c), c] as const),
    [
      'hang , ok',
      [
        ['hang', ','],
        ['ok', ','],
      ],
    ] as const,
    [
      'hang | ok',
      [
        ['hang', '|'],
        ['ok', ','],
      ],
    ] as const,
    [
      '404 , hang',
      [
        ['404', ','],
        ['hang', ','],
      ],
    ] as const,
  ];

  it.each(cases)('%s', async (_label, chain) => {
    const goproxy = goproxyOf(chain as Array<[Behaviour, ',' | '|']>);
    clearLogs();
    const go = await runGo(goproxy);
    const goRequests = logs();
    clearLogs();
    const ours = await walk(goproxy);
    const ourRequests = logs();

    expect({ served: ours.error === undefined }, `go said:\n${go.output}`).toEqual({ served: go.ok });
    // Same requests to every mirror, in the same order, with the same answers (hung ones stay 0).
    expect(ourRequests).toEqual(goRequests);
    if (go.ok) {
      const zipServer = Object.entries(goRequests).find(([, reqs]) =>
        reqs.some((r) => r.endsWith('.zip 200')),
      )?.[0];
      expect(chain[ours.files.zip!]![0]).toBe(zipServer);
    }
  });
});

function goproxyLabel(chain: Array<[Behaviour, ',' | '|']>): string {
  return chain.map(([b, sep], i) => b + (i === chain.length - 1 ? '' : ` ${sep} `)).join('');
}
