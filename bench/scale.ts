/**
 * Scale: every reader of user and project files grows linearly with its input. Each check times the
 * same work on an input 10× larger; linear work takes about 10× as long (target ≤ 20×), quadratic work
 * 100× (a 5 MB ~/.bashrc once took 14.5 GB and minutes in the preview's diff).
 */
import { performance } from 'node:perf_hooks';
import { parseGoMod } from '../electron/services/doctor/projects';
import { privatePaths } from '../electron/services/doctor/rules-integrity';
import { unifiedDiff } from '../electron/services/netproxy/diff';
import { redactor } from '../electron/services/netproxy/settings';
import { maskSecrets } from '../electron/services/doctor/credentials';
import { setsVariable } from '../electron/services/goenv/overrides';
import { withBlock } from '../electron/services/netproxy/env-unix';
import { parseDockerfile } from '../electron/services/projects/dockerfile';
import { parseEnvrc } from '../electron/services/projects/envrc';
import { parseGithubWorkflow } from '../electron/services/projects/yaml-files';
import { parseGoEnvFile } from '../shared/go/envfile';
import { collectGarbage } from '../tests/fixtures/gc';

// A full collection before each timing: otherwise a major GC left over from the previous case lands
// in whichever run happens to trigger it (a linear parse of 100k lines showed 7× one time, 27× the next).

function fastest(run: () => unknown): number {
  run();
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    collectGarbage();
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const goMod = (n: number) =>
  [
    'module git.corp.example/app',
    '',
    'require (',
    ...Array.from({ length: n }, (_, i) => `\tgit.corp.example/lib${i} v1.0.${i} // indirect`),
    ')',
    '',
  ].join('\n');

const bashrc = (n: number) => Array.from({ length: n }, (_, i) => `export VAR_${i}=${i}`).join('\n') + '\n';
const block =
  '\n# >>> goproxy-desk proxy >>>\nexport HTTPS_PROXY=http://127.0.0.1:3128\n# <<< goproxy-desk proxy <<<\n';

const envFile = (n: number) => Array.from({ length: n }, (_, i) => `GOVAR_${i}=value${i}`).join('\n') + '\n';
const envrc = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    i % 2 ? `export GOPROXY='https://m${i}.example,direct'` : `X_${i}="v ${i}"`,
  ).join('\n') + '\n';
const dockerfile = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `FROM golang:1.22 AS s${i}\nENV GOPROXY=https://goproxy.cn,direct GOFLAGS=-mod=mod\nRUN go build ./...`,
  ).join('\n') + '\n';
const workflow = (n: number) =>
  `on: push\nenv:\n  GOPROXY: https://goproxy.cn,direct\njobs:\n${Array.from(
    { length: n },
    (_, i) =>
      `  j${i}:\n    runs-on: ubuntu-latest\n    env:\n      GOFLAGS: -mod=mod\n    steps:\n      - run: go test ./...\n`,
  ).join('')}`;

export function benchScale(): {
  checks: { name: string; ratio: number; target: number; meaning: string }[];
  markdown: string[];
  data: unknown;
} {
  const facts = (n: number) => ({
    dirs: ['/p'],
    toolchainFiles: [],
    modules: [{ ...parseGoMod('/p/go.mod', goMod(n)), dir: '/p', usedBy: null, remotes: [] }],
    workspaces: [],
    notes: [],
  });
  const redact = redactor(null);
  const cases: Array<{ name: string; small: () => unknown; large: () => unknown }> = [
    {
      name: 'go.mod with 10k → 100k requires',
      small: () => parseGoMod('/p/go.mod', goMod(10_000)),
      large: () => parseGoMod('/p/go.mod', goMod(100_000)),
    },
    {
      name: "leak rules' private paths, 10k → 100k requires",
      small: () => privatePaths(facts(10_000)),
      large: () => privatePaths(facts(100_000)),
    },
    {
      name: 'preview diff of a 2,000 → 20,000-line ~/.bashrc',
      small: () => unifiedDiff('.bashrc', bashrc(2_000), bashrc(2_000) + block),
      large: () => unifiedDiff('.bashrc', bashrc(20_000), bashrc(20_000) + block),
    },
    {
      name: 'go env file of 10k → 100k lines',
      small: () => parseGoEnvFile(envFile(10_000)),
      large: () => parseGoEnvFile(envFile(100_000)),
    },
    {
      name: 'our block into a ~/.bashrc with a 0.5 → 5 MB line',
      small: () => withBlock(`export X=${'a'.repeat(500_000)}\n`, block.slice(1)),
      large: () => withBlock(`export X=${'a'.repeat(5_000_000)}\n`, block.slice(1)),
    },
    {
      name: 'which start-up line sets GOPROXY, a 0.5 → 5 MB line of export words',
      small: () => setsVariable('sh', 'export '.repeat(70_000), 'GOPROXY'),
      large: () => setsVariable('sh', 'export '.repeat(700_000), 'GOPROXY'),
    },
    {
      name: 'URL secrets masked in 0.5 → 5 MB of text',
      small: () => maskSecrets(`a://${'b'.repeat(500_000)}`),
      large: () => maskSecrets(`a://${'b'.repeat(5_000_000)}`),
    },
    {
      name: '.envrc of 10k → 100k exports',
      small: () => parseEnvrc(envrc(10_000), '.envrc'),
      large: () => parseEnvrc(envrc(100_000), '.envrc'),
    },
    {
      name: 'Dockerfile of 1k → 10k stages',
      small: () => parseDockerfile(dockerfile(1_000), 'Dockerfile'),
      large: () => parseDockerfile(dockerfile(10_000), 'Dockerfile'),
    },
    {
      name: 'GitHub workflow of 1k → 10k jobs',
      small: () => parseGithubWorkflow(workflow(1_000), 'ci.yml'),
      large: () => parseGithubWorkflow(workflow(10_000), 'ci.yml'),
    },
    {
      name: 'password masking of a 0.5 → 5 MB host name',
      small: () => redact(`http://${'a'.repeat(500_000)}`),
      large: () => redact(`http://${'a'.repeat(5_000_000)}`),
    },
  ];
  const rows = cases.map((c) => ({ name: c.name, small: fastest(c.small), large: fastest(c.large) }));
  return {
    checks: rows.map((r) => ({
      name: `${r.name} (10× input)`,
      ratio: r.large / Math.max(r.small, 0.01),
      target: 20,
      meaning: 'linear in its input (quadratic would be about 100×)',
    })),
    markdown: [
      '| scale (10× input) | small ms | large ms |',
      '|---|---:|---:|',
      ...rows.map((r) => `| ${r.name} | ${r.small.toFixed(1)} | ${r.large.toFixed(1)} |`),
      '',
    ],
    data: rows,
  };
}
