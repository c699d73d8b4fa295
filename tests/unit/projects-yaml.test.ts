import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseCompose,
  parseGithubWorkflow,
  parseGitlabCi,
} from '../../electron/services/projects/yaml-files';

/**
 * The YAML readers of issue 16: docker compose services, GitHub Actions jobs and GitLab CI jobs, with
 * anchors, merge keys and `extends` resolved, and the line where each key is written.
 */

const COMPOSE = [
  'x-go-env: &go-env', // 1
  '  GOPROXY: https://goproxy.cn,direct', // 2
  '  GOFLAGS: -mod=mod', // 3
  '  CGO_ENABLED: 0', // 4
  'services:', // 5
  '  api:', // 6
  '    build:', // 7
  '      context: .', // 8
  '      args:', // 9
  '        - GOPROXY=https://goproxy.io', // 10
  '        - GOPRIVATE', // 11
  '    environment:', // 12
  '      <<: *go-env', // 13
  '      GOFLAGS: "-mod=vendor"', // 14
  '      GOSUMDB: off # a string in YAML 1.2', // 15
  '      GONOSUMDB: 1.10', // 16
  '      HTTP_PROXY: ${CORP_PROXY:-http://proxy:3128}', // 17
  '      NO_PROXY: $$literal', // 18
  '      HTTPS_PROXY:', // 19
  '  worker:', // 20
  '    image: golang:1.22', // 21
  '    environment:', // 22
  '      - GOPRIVATE=*.corp.example', // 23
  '      - "GOINSECURE=git.corp.example"', // 24
  '',
].join('\n');

const WORKFLOW = [
  'name: ci', // 1
  'on: [push]', // 2
  'env:', // 3
  '  GOPROXY: https://proxy.golang.org,direct', // 4
  '  GOFLAGS: -mod=readonly', // 5
  'jobs:', // 6
  '  test:', // 7
  '    runs-on: ubuntu-latest', // 8
  '    env:', // 9
  '      GOPRIVATE: github.com/corp/*', // 10
  '      GONOSUMDB: ${{ vars.PRIVATE }}', // 11
  '    steps:', // 12
  '      - uses: actions/checkout@v4', // 13
  '      - name: Configure Go', // 14
  '        env:', // 15
  '          GOPROXY: https://goproxy.cn', // 16
  '        run: |', // 17
  '          go env -w GOSUMDB=sum.golang.google.cn', // 18
  '          echo "GOTOOLCHAIN=local" >> $GITHUB_ENV', // 19
  '          echo "GOINSECURE=${{ secrets.HOST }}" >> "$GITHUB_ENV"', // 20
  '      - run: go test ./...', // 21
  '        env:', // 22
  '          GOFLAGS: -race', // 23
  '  lint:', // 24
  '    runs-on: ubuntu-latest', // 25
  '    steps:', // 26
  '      - run: GOFLAGS=-mod=mod golangci-lint run', // 27
  '',
].join('\n');

const GITLAB = [
  'variables:', // 1
  '  GOPROXY: https://goproxy.cn,direct', // 2
  '  GOPATH: $CI_PROJECT_DIR/.go', // 3
  '', // 4
  '.go-defaults: &go', // 5
  '  image: golang:1.22', // 6
  '  variables:', // 7
  '    GOPRIVATE: gitlab.corp.example', // 8
  '    GOFLAGS:', // 9
  '      value: -mod=mod', // 10
  '      description: flags for every go command', // 11
  '  before_script:', // 12
  '    - go env -w GONOSUMDB=gitlab.corp.example', // 13
  '', // 14
  '.with-cache:', // 15
  '  extends: .go-defaults', // 16
  '  variables:', // 17
  '    GOFLAGS: -mod=readonly', // 18
  '', // 19
  'stages: [test, deploy]', // 20
  '', // 21
  'test:', // 22
  '  extends: .with-cache', // 23
  '  variables:', // 24
  '    GOSUMDB: "off"', // 25
  '    GOINSECURE: 1.5', // 26
  '  script:', // 27
  '    - export GONOPROXY=$GOPRIVATE', // 28
  '    - |', // 29
  '      GOTOOLCHAIN=local go test ./...', // 30
  '', // 31
  'pages:', // 32
  '  <<: *go', // 33
  '  inherit:', // 34
  '    variables: false', // 35
  '  script: go build -o public ./site', // 36
  '',
].join('\n');

describe('parseCompose', () => {
  it('reads environment and build args of every service, with merge keys from the anchor', () => {
    const parsed = parseCompose(COMPOSE, 'compose.yaml');
    expect(parsed.problems).toEqual([]);
    const api = { file: 'compose.yaml', context: 'container:api' };
    const env = { ...api, how: 'environment' };
    expect(parsed.settings).toEqual([
      { ...api, line: 10, key: 'GOPROXY', value: 'https://goproxy.io', how: 'build args' },
      { ...env, line: 2, key: 'GOPROXY', value: 'https://goproxy.cn,direct' },
      { ...env, line: 14, key: 'GOFLAGS', value: '-mod=vendor' },
      { ...env, line: 15, key: 'GOSUMDB', value: 'off' },
      { ...env, line: 16, key: 'GONOSUMDB', value: '1.10' },
      { ...env, line: 17, key: 'HTTP_PROXY', value: '${CORP_PROXY:-http://proxy:3128}', expands: true },
      { ...env, line: 18, key: 'NO_PROXY', value: '$literal' },
      {
        file: 'compose.yaml',
        context: 'container:worker',
        how: 'environment',
        line: 23,
        key: 'GOPRIVATE',
        value: '*.corp.example',
      },
      {
        file: 'compose.yaml',
        context: 'container:worker',
        how: 'environment',
        line: 24,
        key: 'GOINSECURE',
        value: 'git.corp.example',
      },
    ]);
  });

  it('reports a broken file with its line and keeps what it could read', () => {
    const parsed = parseCompose(
      'services:\n  api:\n    environment:\n      GOPROXY: https://goproxy.cn\n      GOFLAGS: [unterminated\n  db:\n    image: postgres\n',
      'docker-compose.yml',
    );
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]?.line).toBeGreaterThanOrEqual(5);
    expect(parsed.settings).toContainEqual(
      expect.objectContaining({
        line: 4,
        key: 'GOPROXY',
        value: 'https://goproxy.cn',
        context: 'container:api',
      }),
    );
  });
});

describe('parseGithubWorkflow', () => {
  it('reads env at workflow, job and step level, and what run scripts set, in the order they apply', () => {
    const parsed = parseGithubWorkflow(WORKFLOW, '.github/workflows/ci.yml');
    expect(parsed.problems).toEqual([]);
    const test = { file: '.github/workflows/ci.yml', context: 'ci:test' };
    const lint = { file: '.github/workflows/ci.yml', context: 'ci:lint' };
    expect(parsed.settings).toEqual([
      { ...test, line: 4, key: 'GOPROXY', value: 'https://proxy.golang.org,direct', how: 'env (workflow)' },
      { ...test, line: 5, key: 'GOFLAGS', value: '-mod=readonly', how: 'env (workflow)' },
      { ...test, line: 10, key: 'GOPRIVATE', value: 'github.com/corp/*', how: 'env (job)' },
      { ...test, line: 11, key: 'GONOSUMDB', value: '${{ vars.PRIVATE }}', how: 'env (job)', expands: true },
      { ...test, line: 16, key: 'GOPROXY', value: 'https://goproxy.cn', how: 'env (step Configure Go)' },
      { ...test, line: 18, key: 'GOSUMDB', value: 'sum.golang.google.cn', how: 'go env -w' },
      { ...test, line: 19, key: 'GOTOOLCHAIN', value: 'local', how: 'GITHUB_ENV' },
      {
        ...test,
        line: 20,
        key: 'GOINSECURE',
        value: '${{ secrets.HOST }}',
        how: 'GITHUB_ENV',
        expands: true,
      },
      { ...test, line: 23, key: 'GOFLAGS', value: '-race', how: 'env (step 2)' },
      { ...lint, line: 4, key: 'GOPROXY', value: 'https://proxy.golang.org,direct', how: 'env (workflow)' },
      { ...lint, line: 5, key: 'GOFLAGS', value: '-mod=readonly', how: 'env (workflow)' },
      { ...lint, line: 27, key: 'GOFLAGS', value: '-mod=mod', how: 'inline' },
    ]);
  });

  it('reads a heredoc appended to $GITHUB_ENV and a folded run on its first line', () => {
    const parsed = parseGithubWorkflow(
      [
        'jobs:',
        '  build:',
        '    steps:',
        '      - run: |',
        '          cat <<EOF >> "$GITHUB_ENV"',
        '          GOPROXY=https://goproxy.cn',
        '          GOPRIVATE=*.corp.example',
        '          EOF',
        '      - run: >-',
        '          go env -w',
        '          GOFLAGS=-mod=mod',
      ].join('\n'),
      'w.yml',
    );
    expect(parsed.settings.map((s) => [s.line, s.key, s.value, s.how])).toEqual([
      [6, 'GOPROXY', 'https://goproxy.cn', 'GITHUB_ENV'],
      [7, 'GOPRIVATE', '*.corp.example', 'GITHUB_ENV'],
      [9, 'GOFLAGS', '-mod=mod', 'go env -w'],
    ]);
  });
});

describe('parseGitlabCi', () => {
  it('resolves global variables, extends chains, variable maps, merge keys and scripts per job', () => {
    const parsed = parseGitlabCi(GITLAB, '.gitlab-ci.yml');
    expect(parsed.problems).toEqual([]);
    const test = { file: '.gitlab-ci.yml', context: 'ci:test' };
    const pages = { file: '.gitlab-ci.yml', context: 'ci:pages' };
    expect(parsed.settings).toEqual([
      { ...test, line: 2, key: 'GOPROXY', value: 'https://goproxy.cn,direct', how: 'variables (global)' },
      {
        ...test,
        line: 8,
        key: 'GOPRIVATE',
        value: 'gitlab.corp.example',
        how: 'variables (extends .go-defaults)',
      },
      { ...test, line: 18, key: 'GOFLAGS', value: '-mod=readonly', how: 'variables (extends .with-cache)' },
      { ...test, line: 25, key: 'GOSUMDB', value: 'off', how: 'variables (job)' },
      { ...test, line: 26, key: 'GOINSECURE', value: '1.5', how: 'variables (job)' },
      { ...test, line: 13, key: 'GONOSUMDB', value: 'gitlab.corp.example', how: 'go env -w' },
      { ...test, line: 28, key: 'GONOPROXY', value: '$GOPRIVATE', how: 'export', expands: true },
      { ...test, line: 30, key: 'GOTOOLCHAIN', value: 'local', how: 'inline' },
      // `pages` is a job; `inherit: variables: false` drops the global ones.
      { ...pages, line: 8, key: 'GOPRIVATE', value: 'gitlab.corp.example', how: 'variables (job)' },
      { ...pages, line: 9, key: 'GOFLAGS', value: '-mod=mod', how: 'variables (job)' },
      { ...pages, line: 13, key: 'GONOSUMDB', value: 'gitlab.corp.example', how: 'go env -w' },
    ]);
  });

  it('survives extends cycles, unknown parents and a spec header document', () => {
    const parsed = parseGitlabCi(
      [
        'spec:',
        '  inputs:',
        '    proxy:',
        '---',
        '.a:',
        '  extends: .b',
        '  variables: { GOPROXY: a }',
        '.b:',
        '  extends: [.a, .from-include]',
        'job:',
        '  extends: .b',
        '  script: [go build]',
      ].join('\n'),
      '.gitlab-ci.yml',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.map((s) => [s.context, s.line, s.key, s.value])).toEqual([
      ['ci:job', 7, 'GOPROXY', 'a'],
    ]);
  });

  it('reports malformed YAML with its line', () => {
    const parsed = parseGitlabCi(
      'variables:\n  GOPROXY: direct\nbuild:\n  script:\n    - "go build\n',
      'ci.yml',
    );
    expect(parsed.problems[0]?.line).toBeGreaterThanOrEqual(5);
    expect(parsed.settings).toContainEqual(
      expect.objectContaining({ line: 2, key: 'GOPROXY', context: 'ci:build' }),
    );
  });
});

const TOKENS = [
  'services:',
  'jobs:',
  'variables:',
  'env:',
  'environment:',
  'steps:',
  'run: ',
  'script:',
  'extends: ',
  'GOPROXY',
  ': ',
  '=',
  '- ',
  '\n',
  '  ',
  '&a ',
  '*a',
  '<<: ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '|',
  '>',
  '#',
  '---\n',
  '${{ x }}',
  '$',
  'go env -w GOFLAGS=x',
  '.t',
  '\t',
  '\r',
];
const PARSERS = [parseCompose, parseGithubWorkflow, parseGitlabCi];
const REALISTIC = [COMPOSE, WORKFLOW, GITLAB];
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join('')),
  fc
    .tuple(fc.constantFrom(...REALISTIC), fc.nat(2000), fc.nat(2000), fc.string({ maxLength: 8 }))
    .map(([file, a, b, insert]) => file.slice(0, Math.min(a, b)) + insert + file.slice(Math.max(a, b))),
);

describe('the YAML readers on any text', () => {
  it('never throw, and bound their problems', () => {
    fc.assert(
      fc.property(text, (input) => {
        for (const parse of PARSERS) {
          const parsed = parse(input, 'f.yml');
          expect(parsed.problems.length).toBeLessThanOrEqual(101);
          for (const s of parsed.settings) expect(s.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('read a 1 MB file, and a merge-key bomb, in bounded time and output', () => {
    const bomb = ['a0: &a0 { GOPROXY: x, GOFLAGS: y }'];
    for (let i = 1; i < 40; i++)
      bomb.push(`a${i}: &a${i}\n  <<: [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const inputs: [string, typeof parseCompose][] = [
      [
        `variables:\n  GOPROXY: x\n` +
          Array.from(
            { length: 20_000 },
            (_, i) => `j${i}:\n  extends: .t\n  script: [go env -w GOFLAGS=-x]\n`,
          ).join(''),
        parseGitlabCi,
      ],
      [
        `env: { GOPROXY: x }\njobs:\n` +
          Array.from(
            { length: 20_000 },
            (_, i) => `  j${i}:\n    steps:\n      - run: go env -w GOFLAGS=x\n`,
          ).join(''),
        parseGithubWorkflow,
      ],
      [
        'services:\n' +
          Array.from(
            { length: 20_000 },
            (_, i) => `  s${i}:\n    environment: [GOPROXY=x, GOFLAGS=y]\n`,
          ).join(''),
        parseCompose,
      ],
      [bomb.join('\n') + '\nservices:\n  s:\n    environment: *a39\n', parseCompose],
      ['['.repeat(500_000), parseGitlabCi],
    ];
    // The yaml library alone takes seconds on 1 MB of a loaded CI machine; a quadratic pass takes minutes.
    for (const [input, parse] of inputs) {
      const started = performance.now();
      const parsed = parse(input, 'f.yml');
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(parsed.settings.length).toBeLessThanOrEqual(60_000);
    }
    expect(parseCompose(inputs[3]?.[0] ?? '', 'f.yml').problems).toEqual([
      { line: 0, message: expect.stringContaining('merge keys (<<) nest too deep') },
    ]);
  }, 180_000);
});
