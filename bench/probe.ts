/**
 * Probe benchmarks, on loopback servers with injected delays, in one run: (a) our phase timings
 * against `curl -w` (the usual advice) for the same requests; (b) the wall time of probing 8 mirrors ×
 * 5 samples against the slowest mirror alone and against a sequential, curl-per-request loop (how
 * chsrc-style tools go through mirrors); (c) the CLI's peak RSS while probing.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createNodeHost } from '../electron/services/host';
import { createProbeService } from '../electron/services/probe';
import { median } from '../electron/services/probe/summary';
import { startMirror, type Mirror } from '../tests/fixtures/mirror';
import { startDelayServer, type DelayServer } from '../tests/fixtures/raw-peers';
import { createTestPki, startTlsFront, type TlsFront } from '../tests/fixtures/tls-peers';

export interface ProbeCheck {
  name: string;
  ratio: number;
  target: number;
  meaning: string;
}

export interface ProbeBench {
  checks: ProbeCheck[];
  /** A section of the markdown report. */
  markdown: string[];
  data: unknown;
}

const CURL = '/usr/bin/curl';
const INFO = '/rsc.io/quote/@v/v1.5.2.info';
const CURL_FORMAT =
  '%{time_namelookup} %{time_connect} %{time_appconnect} %{time_pretransfer} %{time_starttransfer} %{time_total}';

function exec(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(file, args, { env: env ?? process.env }, (error, stdout, stderr) =>
      error ? reject(new Error(`${file} ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
}

interface Phases {
  connect: number | null;
  tls: number | null;
  ttfb: number | null;
  total: number | null;
}

/** One cold request with curl, as its -w timings (seconds) turned into our phases (ms). */
async function curlOnce(url: string, caFile: string): Promise<Phases> {
  const out = await exec(CURL, ['-s', '-o', '/dev/null', '--cacert', caFile, '-w', CURL_FORMAT, url]);
  const [lookup, connect, appconnect, pretransfer, starttransfer, total] = out
    .trim()
    .split(' ')
    .map(Number) as [number, number, number, number, number, number];
  const ms = (s: number) => Math.round(s * 1e5) / 100;
  return {
    connect: ms(connect - lookup),
    tls: appconnect > 0 ? ms(appconnect - connect) : null,
    ttfb: ms(starttransfer - pretransfer),
    total: ms(total),
  };
}

const f = (n: number | null): string => (n === null ? '–' : n.toFixed(2));

/** Median over i of |a[i] − b[i]|: runs paired by their order. */
function medianAbsDiff(a: (number | null)[], b: (number | null)[]): number | null {
  const diffs = a.flatMap((x, i) =>
    x !== null && b[i] !== null && b[i] !== undefined ? [Math.abs(x - b[i]!)] : [],
  );
  return median(diffs);
}

export async function benchProbe(cli: string): Promise<ProbeBench> {
  const root = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-probe-bench-'));
  const pkiDir = path.join(root, 'pki');
  await mkdir(pkiDir);
  const pki = await createTestPki(pkiDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: root,
    GOPROXY_DESK_HOME: path.join(root, 'data'),
    SSL_CERT_FILE: pki.caFile,
  };
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy'])
    delete env[name];
  const probe = createProbeService(createNodeHost({ env }));
  const closers: Array<DelayServer | TlsFront | Mirror> = [];
  const markdown: string[] = [];
  const checks: ProbeCheck[] = [];

  try {
    // (a) Phase timings against curl -w, request for request: cold connections on both sides.
    const RUNS = 15;
    const targets: Array<{ label: string; url: string; delay: number }> = [];
    for (const delay of [0, 20, 100]) {
      const server = await startDelayServer(delay);
      closers.push(server);
      targets.push({ label: `http, server waits ${delay} ms`, url: server.url, delay });
      if (delay === 20) {
        const front = await startTlsFront({ ...pki.good, upstreamPort: server.port });
        closers.push(front);
        targets.push({ label: `https, server waits ${delay} ms`, url: front.url, delay });
      }
    }
    const versus: Array<{
      label: string;
      delay: number;
      phase: keyof Phases;
      ours: number | null;
      curl: number | null;
      mad: number | null;
    }> = [];
    let worstTtfb = 0;
    const totalDiffs: number[] = [];
    for (const t of targets) {
      const curl: Phases[] = [];
      for (let i = 0; i < RUNS; i++) curl.push(await curlOnce(`${t.url}${INFO}`, pki.caFile));
      const report = await probe.run({
        mirrors: [t.url],
        samples: RUNS,
        timeoutMs: 5_000,
        freshnessModule: 'rsc.io/quote',
      });
      const ours = report.results[0]!.samples.map((s) => s.cold);
      for (const phase of ['connect', 'tls', 'ttfb', 'total'] as const) {
        const o = ours.map((p) => p[phase]);
        const c = curl.map((p) => p[phase]);
        const row = {
          label: t.label,
          delay: t.delay,
          phase,
          ours: median(o),
          curl: median(c),
          mad: medianAbsDiff(o, c),
        };
        versus.push(row);
        if (phase === 'ttfb' && row.ours !== null && row.curl !== null) {
          worstTtfb = Math.max(worstTtfb, Math.abs(row.ours - row.curl) - 0.02 * t.delay);
        }
        if (phase === 'total' && row.ours !== null && row.curl !== null) totalDiffs.push(row.ours - row.curl);
      }
    }
    const warm = await probe.run({
      mirrors: [targets[0]!.url],
      samples: RUNS,
      freshnessModule: 'rsc.io/quote',
    });
    const warmOverhead = median(warm.results[0]!.samples.map((s) => s.warm?.total ?? null));
    const overheadMs = median(totalDiffs);
    markdown.push(
      '## Probe: phase timings against curl -w',
      '',
      `Each row: ${RUNS} cold requests by curl (one process each) and ${RUNS} cold probe samples, medians in ms; ` +
        '"median |Δ|" pairs the runs in order. curl phases: connect = time_connect − time_namelookup, ' +
        'TLS = time_appconnect − time_connect, TTFB = time_starttransfer − time_pretransfer, total = time_total.',
      '',
      '| server | phase | probe | curl | median \\|Δ\\| |',
      '|---|---|---:|---:|---:|',
      ...versus.map((r) => `| ${r.label} | ${r.phase} | ${f(r.ours)} | ${f(r.curl)} | ${f(r.mad)} |`),
      '',
      `Per-request overhead: a warm request (kept-alive connection, server answering at once) takes ` +
        `${f(warmOverhead)} ms in total from the probe's start of the request to the last byte; a cold probe ` +
        `request's total minus curl's time_total, median over the servers: ${f(overheadMs)} ms (negative: the probe is quicker).`,
      '',
    );
    checks.push({
      name: 'probe TTFB − curl TTFB, worst difference of medians beyond 2% (ms)',
      ratio: worstTtfb,
      target: 2,
      meaning: 'time to first byte agrees with curl -w within 2 ms + 2%',
    });

    // (b) Parallel probing: 8 mirrors × 5 samples against the slowest alone and a sequential loop.
    const delays = [5, 10, 15, 20, 25, 30, 40, 60];
    const mirrors: Mirror[] = [];
    for (const delay of delays) {
      const m = await startMirror();
      m.setFaults({ delayMs: delay, match: /\.info$/ });
      mirrors.push(m);
      closers.push(m);
    }
    const timed = async (fn: () => Promise<unknown>): Promise<number> => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    const common = { samples: 5, timeoutMs: 5_000, freshnessModule: 'rsc.io/quote' };
    const all: number[] = [];
    const slowest: number[] = [];
    for (let round = 0; round < 3; round++) {
      all.push(await timed(() => probe.run({ ...common, mirrors: mirrors.map((m) => m.url) })));
      slowest.push(await timed(() => probe.run({ ...common, mirrors: [mirrors.at(-1)!.url] })));
    }
    const sequential = await timed(async () => {
      for (const m of mirrors) for (let i = 0; i < 5; i++) await curlOnce(`${m.url}${INFO}`, pki.caFile);
    });
    const allMs = median(all)!;
    const slowestMs = median(slowest)!;
    markdown.push(
      '## Probe: 8 mirrors × 5 samples',
      '',
      `Mirrors answering .info after ${delays.join(', ')} ms; each probe sample asks twice (cold, then warm), ` +
        'then the extra checks (checksum DB, HTTP/2, freshness) run. Medians of 3 rounds.',
      '',
      '| run | wall ms |',
      '|---|---:|',
      `| probe, all 8 mirrors in parallel | ${allMs.toFixed(0)} |`,
      `| probe, the slowest mirror alone | ${slowestMs.toFixed(0)} |`,
      `| sequential loop, one curl per request (8 × 5, one request each) | ${sequential.toFixed(0)} |`,
      '',
    );
    checks.push(
      {
        name: 'probe 8 mirrors / slowest mirror alone',
        ratio: allMs / slowestMs,
        target: 1.3,
        meaning: 'all mirrors are probed in about the time of the slowest one',
      },
      {
        name: 'probe 8 mirrors / sequential curl loop',
        ratio: allMs / sequential,
        target: 1,
        meaning:
          'faster than going through the mirrors one request at a time, while doing twice the requests',
      },
    );

    // (c) The CLI's peak RSS while probing the 8 mirrors, against an empty node process.
    const preload = path.join(root, 'max-rss.cjs');
    const rssFile = path.join(root, 'rss');
    await writeFile(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
    );
    const rssOf = async (args: string[]): Promise<number> => {
      await exec(process.execPath, ['--require', preload, ...args], env);
      return Number(await readFile(rssFile, 'utf8')) / 1024;
    };
    const cliRss = await rssOf([cli, 'probe', ...mirrors.map((m) => m.url), '--samples', '5', '--json']);
    const cliBaseRss = await rssOf([cli, 'mirrors', '--json']);
    const bareRss = await rssOf(['-e', '']);
    markdown.push(
      '## Probe: memory',
      '',
      '| process | peak RSS MB |',
      '|---|---:|',
      `| goproxy-desk probe (8 mirrors × 5 samples, --json) | ${cliRss.toFixed(1)} |`,
      `| goproxy-desk mirrors --json (the CLI without probing) | ${cliBaseRss.toFixed(1)} |`,
      `| node -e "" (baseline) | ${bareRss.toFixed(1)} |`,
      '',
    );
    checks.push({
      name: 'CLI probe peak RSS / CLI without probing',
      ratio: cliRss / cliBaseRss,
      target: 2,
      meaning: 'probing 8 mirrors at once costs less memory than the CLI itself',
    });

    return {
      checks,
      markdown,
      data: {
        versus,
        warmOverheadMs: warmOverhead,
        parallel: { allMs, slowestMs, sequentialMs: sequential },
        rss: { cliRss, cliBaseRss, bareRss },
      },
    };
  } finally {
    await Promise.all(closers.map((c) => c.close()));
    await rm(root, { recursive: true, force: true });
  }
}
