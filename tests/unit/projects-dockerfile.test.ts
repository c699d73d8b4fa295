import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../electron/services/projects/dockerfile';

/**
 * The Dockerfile reader of issue 16: which module settings each build stage gets, from ENV, ARG
 * defaults and RUN's shell commands, with the line of each key and the Go version of the base image.
 */

const FILE = 'build/Dockerfile';

const MULTI_STAGE = [
  '# syntax=docker/dockerfile:1', // 1
  'ARG GO_VERSION=1.22', // 2
  'ARG GOPROXY=https://goproxy.io', // 3
  '', // 4
  'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS builder', // 5
  '# Mirrors for the build', // 6
  'ENV GOPROXY=https://goproxy.cn,direct GOPRIVATE=*.corp.example', // 7
  'ENV GOSUMDB off', // 8
  'ENV GOFLAGS="-mod=mod -trimpath" \\', // 9
  '    GONOSUMDB=git.corp.example', // 10
  'ARG GOPROXY', // 11
  'ARG GOINSECURE=git.corp.example', // 12
  'WORKDIR /src', // 13
  'RUN go env -w GOPROXY=https://goproxy.cn,direct && go mod download', // 14
  'RUN --mount=type=cache,target=/go/pkg/mod \\', // 15
  '    go env -w GOPRIVATE=*.corp.example \\', // 16
  '# a comment Docker drops', // 17
  '      GONOPROXY=none && \\', // 18
  '    GOFLAGS=-x CGO_ENABLED=0 go build -o /app ./cmd/app', // 19
  'RUN <<EOF', // 20
  'set -e', // 21
  'go env -w GOTOOLCHAIN=local', // 22
  'export HTTPS_PROXY="http://proxy.corp.example:3128" NO_PROXY=$NO_PROXY,.corp.example', // 23
  'EOF', // 24
  '', // 25
  'FROM builder AS tested', // 26
  'ENV GOFLAGS=-mod=readonly', // 27
  '', // 28
  'FROM scratch', // 29
  'ENV HTTP_PROXY=${PROXY}', // 30
  'COPY --from=builder /app /app', // 31
  '',
].join('\n');

describe('parseDockerfile', () => {
  it('reads every stage of a multi-stage build, with lines, contexts and Go versions', () => {
    const parsed = parseDockerfile(MULTI_STAGE, FILE);
    expect(parsed.problems).toEqual([]);
    const b = { file: FILE, context: 'container:builder', goVersion: '1.22' };
    const t = { file: FILE, context: 'container:tested', goVersion: '1.22' };
    expect(parsed.settings).toEqual([
      { ...b, line: 7, key: 'GOPROXY', value: 'https://goproxy.cn,direct', how: 'ENV' },
      { ...b, line: 7, key: 'GOPRIVATE', value: '*.corp.example', how: 'ENV' },
      { ...b, line: 8, key: 'GOSUMDB', value: 'off', how: 'ENV' },
      { ...b, line: 9, key: 'GOFLAGS', value: '-mod=mod -trimpath', how: 'ENV' },
      { ...b, line: 10, key: 'GONOSUMDB', value: 'git.corp.example', how: 'ENV' },
      // `ARG GOPROXY` in a stage takes the default declared before the first FROM.
      { ...b, line: 11, key: 'GOPROXY', value: 'https://goproxy.io', how: 'ARG default' },
      { ...b, line: 12, key: 'GOINSECURE', value: 'git.corp.example', how: 'ARG default' },
      { ...b, line: 14, key: 'GOPROXY', value: 'https://goproxy.cn,direct', how: 'RUN go env -w' },
      { ...b, line: 16, key: 'GOPRIVATE', value: '*.corp.example', how: 'RUN go env -w' },
      { ...b, line: 18, key: 'GONOPROXY', value: 'none', how: 'RUN go env -w' },
      { ...b, line: 19, key: 'GOFLAGS', value: '-x', how: 'RUN (inline)' },
      { ...b, line: 22, key: 'GOTOOLCHAIN', value: 'local', how: 'RUN go env -w' },
      { ...b, line: 23, key: 'HTTPS_PROXY', value: 'http://proxy.corp.example:3128', how: 'RUN export' },
      { ...b, line: 23, key: 'NO_PROXY', value: '$NO_PROXY,.corp.example', how: 'RUN export', expands: true },
      // `FROM builder`: the image keeps builder's ENV and its go env file, not its ARGs or exports.
      { ...t, line: 7, key: 'GOPROXY', value: 'https://goproxy.cn,direct', how: 'ENV' },
      { ...t, line: 7, key: 'GOPRIVATE', value: '*.corp.example', how: 'ENV' },
      { ...t, line: 8, key: 'GOSUMDB', value: 'off', how: 'ENV' },
      { ...t, line: 9, key: 'GOFLAGS', value: '-mod=mod -trimpath', how: 'ENV' },
      { ...t, line: 10, key: 'GONOSUMDB', value: 'git.corp.example', how: 'ENV' },
      { ...t, line: 14, key: 'GOPROXY', value: 'https://goproxy.cn,direct', how: 'RUN go env -w' },
      { ...t, line: 16, key: 'GOPRIVATE', value: '*.corp.example', how: 'RUN go env -w' },
      { ...t, line: 18, key: 'GONOPROXY', value: 'none', how: 'RUN go env -w' },
      { ...t, line: 22, key: 'GOTOOLCHAIN', value: 'local', how: 'RUN go env -w' },
      { ...t, line: 27, key: 'GOFLAGS', value: '-mod=readonly', how: 'ENV' },
      {
        file: FILE,
        context: 'container:2',
        line: 30,
        key: 'HTTP_PROXY',
        value: '${PROXY}',
        how: 'ENV',
        expands: true,
      },
    ]);
  });

  it.each([
    ['FROM golang:1.22', '1.22'],
    ['FROM golang:1.22.3-alpine', '1.22.3'],
    ['FROM docker.io/library/golang:1.23-bookworm AS build', '1.23'],
    ['FROM golang:1.24rc1-alpine3.20@sha256:0123abcd', '1.24rc1'],
    ['FROM mirror.gcr.io/library/golang:1.21.13', '1.21.13'],
    ['FROM golang:alpine', undefined],
    ['FROM golang', undefined],
    ['FROM alpine:3.20', undefined],
    ['FROM registry.corp.example:5000/golang-tools:1.22', undefined],
  ])('%s → Go %s', (from, goVersion) => {
    const parsed = parseDockerfile(`${from}\nENV GOPROXY=off\n`, FILE);
    expect(parsed.settings).toHaveLength(1);
    expect(parsed.settings[0]?.goVersion).toBe(goVersion);
  });

  it('ignores ARGs before the first FROM and keys go does not read', () => {
    const parsed = parseDockerfile(
      'ARG GOPROXY=https://goproxy.io\nFROM golang:1.22\nENV CGO_ENABLED=0 GOPATH=/go\nARG GOFLAGS\n',
      FILE,
    );
    expect(parsed).toEqual({ settings: [], problems: [] });
  });

  it('reads the legacy ENV form, quotes and escapes, and marks variables it does not expand', () => {
    const parsed = parseDockerfile(
      [
        'FROM golang:1.22 AS build',
        'ENV GOFLAGS -mod=mod -x',
        'ENV GOPRIVATE=\'*.corp.example\' GONOPROXY="$GOPRIVATE" GONOSUMDB=\\$literal',
        'ENV GOPROXY',
      ].join('\n'),
      FILE,
    );
    const s = { file: FILE, context: 'container:build', goVersion: '1.22', how: 'ENV' };
    expect(parsed.settings).toEqual([
      { ...s, line: 2, key: 'GOFLAGS', value: '-mod=mod -x' },
      { ...s, line: 3, key: 'GOPRIVATE', value: '*.corp.example' },
      { ...s, line: 3, key: 'GONOPROXY', value: '$GOPRIVATE', expands: true },
      { ...s, line: 3, key: 'GONOSUMDB', value: '$literal' },
    ]);
    expect(parsed.problems).toEqual([
      { line: 4, message: expect.stringContaining('ENV GOPROXY has no value') },
    ]);
  });

  it('reads exec-form RUN, sh -c, and a heredoc given to bash, but not a heredoc written to a file', () => {
    const parsed = parseDockerfile(
      [
        'FROM golang:1.23',
        'RUN ["go", "env", "-w", "GOPROXY=https://goproxy.cn"]',
        'RUN ["/bin/sh", "-c", "go env -w GOSUMDB=sum.golang.google.cn && go build"]',
        'RUN cat <<EOF > /etc/profile.d/go.sh',
        'export GOPROXY=https://ignored.example',
        'EOF',
        'RUN <<-EOT bash -e',
        '\tgo env -w GOINSECURE=*.test',
        '\tEOT',
        'RUN if [ -n "$CI" ]; then go env -w GOFLAGS=-mod=vendor; fi',
      ].join('\n'),
      FILE,
    );
    const s = { file: FILE, context: 'container:0', goVersion: '1.23', how: 'RUN go env -w' };
    expect(parsed.settings).toEqual([
      { ...s, line: 2, key: 'GOPROXY', value: 'https://goproxy.cn' },
      { ...s, line: 3, key: 'GOSUMDB', value: 'sum.golang.google.cn' },
      { ...s, line: 8, key: 'GOINSECURE', value: '*.test' },
      { ...s, line: 10, key: 'GOFLAGS', value: '-mod=vendor' },
    ]);
  });

  it('keeps reading after broken instructions', () => {
    const parsed = parseDockerfile(
      'FROM\nENV =x GOPROXY=direct\nRUN "go env -w GOPROXY=x\nFROM AS\nENV\n',
      FILE,
    );
    expect(parsed.settings.map((s) => [s.line, s.key, s.value])).toEqual([[2, 'GOPROXY', 'direct']]);
  });
});

const TOKENS = [
  'FROM ',
  'golang:1.22 ',
  ' AS ',
  'builder',
  'ENV ',
  'ARG ',
  'RUN ',
  'GOPROXY',
  'GOFLAGS',
  '=',
  'go env -w ',
  ' && ',
  '\\\n',
  '\n',
  '<<EOF',
  'EOF',
  '"',
  "'",
  '$',
  '${',
  '}',
  '$(',
  ')',
  '`',
  '#',
  '# escape=`\n',
  '[',
  ']',
  ',',
  ' ',
  '\t',
  '\r',
  '\u00a0',
  'export ',
  '>>',
  '<<-',
];
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join('')),
  fc
    .tuple(fc.nat(MULTI_STAGE.length), fc.nat(MULTI_STAGE.length), fc.string({ maxLength: 8 }))
    .map(
      ([a, b, insert]) => MULTI_STAGE.slice(0, Math.min(a, b)) + insert + MULTI_STAGE.slice(Math.max(a, b)),
    ),
);

describe('parseDockerfile on any text', () => {
  it('never throws, and gives settings only for module variables at lines of the file', () => {
    fc.assert(
      fc.property(text, (input) => {
        const parsed = parseDockerfile(input, FILE);
        const lines = input.split(/\r\n|\r|\n/).length;
        for (const s of parsed.settings) {
          expect(s.line).toBeGreaterThanOrEqual(1);
          expect(s.line).toBeLessThanOrEqual(lines);
        }
        expect(parsed.problems.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a 1 MB Dockerfile in linear time', () => {
    const stage = (i: number) =>
      `FROM golang:1.22 AS s${i}\nENV GOPROXY=https://goproxy.cn,direct GOFLAGS="-mod=mod" \\\n  GOPRIVATE=*.corp.example\nRUN go env -w GOSUMDB=off && export GONOSUMDB=x && GOFLAGS=-x go build ./... \\\n  && echo "$(go env GOPATH)"\n`;
    const inherit = (i: number) => `FROM s${i} AS t${i}\n`;
    let input = '';
    for (let i = 0; input.length < 1_000_000; i++) input += stage(i) + inherit(i);
    const started = performance.now();
    const parsed = parseDockerfile(input, FILE);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(parsed.settings.length).toBeGreaterThan(10_000);
    // One long RUN line, unterminated quotes and heredocs.
    for (const odd of [
      'RUN ' + 'go env -w GOPROXY=x && '.repeat(40_000),
      'RUN "' + 'a\\\n'.repeat(300_000),
      'RUN <<EOF <<EOF2 ' + '<<X;'.repeat(200_000),
    ]) {
      const t0 = performance.now();
      parseDockerfile(`FROM golang:1.22\n${odd}\n`, FILE);
      expect(performance.now() - t0).toBeLessThan(10_000);
    }
  }, 60_000);
});
