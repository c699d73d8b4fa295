import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDotenv, parseEnvrc } from '../../electron/services/projects/envrc';

const brief = (text: string) =>
  parseEnvrc(text, '.envrc').settings.map((s) => [s.line, s.key, s.value, s.how, s.expands ?? false]);

describe('parseEnvrc', () => {
  it('reads export, assign-then-export, several names and every quoting', () => {
    const text = [
      '# project proxy',
      'export GOPROXY="https://goproxy.cn,direct" # the China mirror',
      "GOPRIVATE='git.corp.example/*'",
      'export GOPRIVATE',
      "export GONOSUMDB=git.corp.example GOFLAGS=$'-mod=mod\\t-trimpath' GOSUMDB=off",
      'GOINSECURE=x.test',
      'export \\',
      '  GOTOOLCHAIN=local',
    ].join('\n');
    expect(brief(text)).toEqual([
      [2, 'GOPROXY', 'https://goproxy.cn,direct', 'export', false],
      [3, 'GOPRIVATE', 'git.corp.example/*', 'export', false],
      [5, 'GONOSUMDB', 'git.corp.example', 'export', false],
      [5, 'GOFLAGS', '-mod=mod\t-trimpath', 'export', false],
      [5, 'GOSUMDB', 'off', 'export', false],
      [8, 'GOTOOLCHAIN', 'local', 'export', false],
    ]);
    const r = parseEnvrc(text, 'sub/.envrc');
    expect(r.settings[0]).toMatchObject({ file: 'sub/.envrc', context: 'terminal' });
    expect(r.problems).toEqual([]);
  });

  it('marks $VAR, ${VAR} and $(…) values as expanding and keeps them as written', () => {
    expect(
      brief(
        'export GOPROXY="${CORP_PROXY:-https://proxy.golang.org}"\nexport GOFLAGS=$(cat flags)\nexport NO_PROXY=$X,.corp',
      ),
    ).toEqual([
      [1, 'GOPROXY', '${CORP_PROXY:-https://proxy.golang.org}', 'export', true],
      [2, 'GOFLAGS', '$(cat flags)', 'export', true],
      [3, 'NO_PROXY', '$X,.corp', 'export', true],
    ]);
  });

  it('exports later assignments to an exported name, honours set -a, unset and export -n', () => {
    const text =
      'export GOPROXY=a\nGOPROXY=b\nset -a\nGOSUMDB=off\nset +a\nGOFLAGS=-x\nexport -n GOPROXY\nGOPROXY=c\nunset GOSUMDB';
    expect(brief(text)).toEqual([
      [1, 'GOPROXY', 'a', 'export', false],
      [2, 'GOPROXY', 'b', 'export', false],
      [4, 'GOSUMDB', 'off', 'export', false],
    ]);
    expect(parseEnvrc(text, '.envrc').problems).toEqual([
      { line: 7, message: 'export -n GOPROXY stops exporting it: the settings above for it do not apply.' },
      { line: 9, message: 'unset GOSUMDB removes it again: the settings above for it do not apply.' },
    ]);
  });

  it('ignores prefix assignments of a command, comments, here-documents and non-module names', () => {
    const text = [
      'GOPROXY=off go mod download   # only for this command',
      'cat <<EOF > notes',
      'export GOPROXY=inside-heredoc',
      'EOF',
      'export PATH=$PATH:bin GOPATH=$PWD/.go',
      'echo "export GOSUMDB=off"',
      'if has go; then export GOFLAGS=-mod=vendor; fi',
    ].join('\n');
    expect(brief(text)).toEqual([[7, 'GOFLAGS', '-mod=vendor', 'export', false]]);
  });

  it('lists source_env and dotenv includes, .env by default', () => {
    const r = parseEnvrc(
      'source_env ../shared\nsource_env_if_exists .envrc.local\ndotenv\ndotenv_if_exists "env/dev.env"\nsource_env "$HOME/x"',
      '.envrc',
    );
    expect(r.includes).toEqual([
      { line: 1, file: '../shared', kind: 'source_env' },
      { line: 2, file: '.envrc.local', kind: 'source_env' },
      { line: 3, file: '.env', kind: 'dotenv' },
      { line: 4, file: 'env/dev.env', kind: 'dotenv' },
    ]);
    expect(r.problems[0]?.line).toBe(5);
  });

  it('reports an unclosed quote and keeps what came before', () => {
    const r = parseEnvrc('export GOPROXY=direct\nexport GOFLAGS="-mod=mod\n', '.envrc');
    expect(r.settings.map((s) => s.key)).toEqual(['GOPROXY']);
    expect(r.problems[0]).toMatchObject({ line: 2 });
  });

  it('keeps the \\r of CRLF files in values, as bash does, and says so', () => {
    const r = parseEnvrc('export GOPROXY=direct\r\n', '.envrc');
    expect(r.settings[0]?.value).toBe('direct\r');
    expect(r.problems.map((p) => p.line)).toEqual([0]);
  });

  it('never throws and stays fast on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab =\'"$(){}`\\\n#;<>-&|xGOPROXYexport'.split('')) }),
        (t) => {
          const r = parseEnvrc(t, '.envrc');
          expect(r.settings.length).toBeLessThanOrEqual(t.length);
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string(), (t) => void parseEnvrc(t, '.envrc')));
  });

  it('reads a ~1 MB file within the deadline', () => {
    const parts = ['export GOPROXY="a b"\n', "x='\n", '$(', 'cat <<E\n', '"\\\n', 'K=v export K\n'];
    for (const p of parts) {
      const big = p.repeat(Math.ceil(1_000_000 / p.length));
      const t0 = Date.now();
      const r = parseEnvrc(big, '.envrc');
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(r.problems.length).toBeLessThanOrEqual(100);
    }
  }, 60_000);
});

describe('parseDotenv', () => {
  it('reads KEY=value, export, quotes, comments and multi-line double quotes', () => {
    const text = [
      '# dev settings',
      'GOPROXY=https://goproxy.io,direct # mirror',
      "export GOPRIVATE='*.corp.example'",
      'GOFLAGS="-mod=mod \\"x\\""',
      'GONOSUMDB="a',
      'b"',
      'GOSUMDB: off',
      'NO_PROXY=${CORP},localhost',
      'garbage line',
    ].join('\n');
    const r = parseDotenv(text, '.env');
    expect(r.settings.map((s) => [s.line, s.key, s.value, s.how, s.expands ?? false])).toEqual([
      [2, 'GOPROXY', 'https://goproxy.io,direct', 'dotenv', false],
      [3, 'GOPRIVATE', '*.corp.example', 'dotenv', false],
      [4, 'GOFLAGS', '-mod=mod "x"', 'dotenv', false],
      [5, 'GONOSUMDB', 'a\nb', 'dotenv', false],
      [7, 'GOSUMDB', 'off', 'dotenv', false],
      [8, 'NO_PROXY', '${CORP},localhost', 'dotenv', true],
    ]);
    expect(r.settings[0]?.context).toBe('terminal');
    expect(r.problems).toEqual([{ line: 9, message: 'This line is not KEY=value; dotenv skips it.' }]);
  });

  it('never throws and stays fast on ~1 MB', () => {
    fc.assert(fc.property(fc.string(), (t) => void parseDotenv(t, '.env')));
    for (const p of ['GOPROXY="x\n', "A='\n", 'GOPROXY=x\n', '#\n']) {
      const t0 = Date.now();
      parseDotenv(p.repeat(1_000_000 / p.length), '.env');
      expect(Date.now() - t0).toBeLessThan(10_000);
    }
  }, 60_000);
});
