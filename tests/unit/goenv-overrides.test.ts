import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host, RunResult } from '../../electron/services/host';
import {
  describeOverride,
  findOverrides,
  parseLaunchctlGetenv,
  parseRegQuery,
  setsVariable,
} from '../../electron/services/goenv/overrides';

// `reg query HKCU\Environment /v GOPROXY` on Windows 10 (cmd.exe, code page 437): a blank line, the
// key, the value line with four-space separators, a blank line; CRLF throughout.
const REG_QUERY_FOUND =
  '\r\nHKEY_CURRENT_USER\\Environment\r\n    GOPROXY    REG_SZ    https://goproxy.cn,direct\r\n\r\n';
const REG_QUERY_MACHINE =
  '\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\r\n' +
  '    GoProxy    REG_EXPAND_SZ    %CORP_MIRROR%,direct\r\n\r\n';
// Exit status 1, on stderr.
const REG_QUERY_MISSING = 'ERROR: The system was unable to find the specified registry key or value.\r\n';

/** Windows and macOS cannot run here: a Host that answers with recorded outputs and notes each argv. */
function recordingHost(
  platform: NodeJS.Platform,
  env: Record<string, string>,
  answer: (file: string, args: readonly string[]) => Partial<RunResult>,
) {
  const calls: [string, readonly string[]][] = [];
  const host: Host = {
    platform,
    env,
    homedir: '/nonexistent-home',
    dataDir: '/nonexistent-data',
    run: async (file, args) => {
      calls.push([file, args]);
      return { code: 0, signal: null, stdout: '', stderr: '', timedOut: false, ...answer(file, args) };
    },
    readText: async () => null,
    which: async () => null,
    now: () => 0,
    listDir: async () => null,
    lookup: async () => [],
  };
  return { host, calls };
}

describe('parseRegQuery', () => {
  it('reads the value line of reg query output', () => {
    expect(parseRegQuery(REG_QUERY_FOUND, 'GOPROXY')).toEqual({
      type: 'REG_SZ',
      value: 'https://goproxy.cn,direct',
    });
  });

  it('matches names case-insensitively, keeps REG_EXPAND_SZ values unexpanded', () => {
    expect(parseRegQuery(REG_QUERY_MACHINE, 'GOPROXY')).toEqual({
      type: 'REG_EXPAND_SZ',
      value: '%CORP_MIRROR%,direct',
    });
  });

  it('reads an empty value and values with spaces', () => {
    expect(parseRegQuery('    GOFLAGS    REG_SZ    \r\n', 'GOFLAGS')).toEqual({ type: 'REG_SZ', value: '' });
    expect(parseRegQuery('    GOFLAGS    REG_SZ    -ldflags=-s  -w\r\n', 'GOFLAGS')?.value).toBe(
      '-ldflags=-s  -w',
    );
  });

  it('finds nothing in an error or in another value', () => {
    expect(parseRegQuery(REG_QUERY_MISSING, 'GOPROXY')).toBeNull();
    expect(parseRegQuery(REG_QUERY_FOUND, 'GOPRIVATE')).toBeNull();
  });
});

describe('parseLaunchctlGetenv', () => {
  it('reads the value, or nothing when unset', () => {
    expect(parseLaunchctlGetenv('https://goproxy.cn\n')).toBe('https://goproxy.cn');
    expect(parseLaunchctlGetenv('')).toBeNull();
  });
});

describe('findOverrides', () => {
  it('asks the user then the machine registry on Windows, with these exact argv', async () => {
    const { host, calls } = recordingHost('win32', { GOPROXY: 'https://goproxy.cn,direct' }, (_f, args) =>
      args[1] === 'HKCU\\Environment' ? { stdout: REG_QUERY_FOUND } : { code: 1, stderr: REG_QUERY_MISSING },
    );
    const overrides = await findOverrides(host, ['GOPROXY', 'GOPRIVATE']);
    expect(calls).toEqual([
      ['reg', ['query', 'HKCU\\Environment', '/v', 'GOPROXY']],
      [
        'reg',
        ['query', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment', '/v', 'GOPROXY'],
      ],
    ]);
    expect(overrides).toEqual([
      {
        key: 'GOPROXY',
        osValue: 'https://goproxy.cn,direct',
        sources: [{ kind: 'registry', location: 'HKCU\\Environment', text: 'https://goproxy.cn,direct' }],
      },
    ]);
    expect(describeOverride(overrides[0]!)).toEqual([
      'GOPROXY is set in the registry at HKCU\\Environment (environment variables in Windows settings)',
    ]);
  });

  it('asks launchctl on macOS, with this exact argv', async () => {
    const { host, calls } = recordingHost('darwin', { GOSUMDB: 'off' }, () => ({ stdout: 'off\n' }));
    const overrides = await findOverrides(host, ['GOSUMDB']);
    expect(calls).toEqual([['/bin/launchctl', ['getenv', 'GOSUMDB']]]);
    expect(overrides[0]?.sources).toEqual([{ kind: 'launchctl', location: 'launchctl', text: 'off' }]);
  });

  it('says so when it cannot tell where a variable comes from', async () => {
    const { host } = recordingHost('darwin', { GOSUMDB: 'off' }, () => ({ stdout: '' }));
    const [override] = await findOverrides(host, ['GOSUMDB']);
    expect(override?.sources).toEqual([]);
    expect(describeOverride(override!)[0]).toMatch(/^GOSUMDB is not set in any startup file/);
  });
});

describe('setsVariable', () => {
  it.each([
    ['sh', 'export GOPROXY=https://goproxy.cn', true],
    ['sh', '  export GOPROXY="https://goproxy.cn,direct"  # mirror', true],
    ['sh', 'GOPROXY=x; export GOPROXY', true],
    ['sh', 'export GOPATH=$HOME/go GOPROXY=x', true],
    ['sh', 'export GOPROXY', true],
    ['sh', 'declare -x GOPROXY=x', true],
    ['sh', '# export GOPROXY=x', false],
    ['sh', 'export GOPROXYX=x', false],
    ['sh', 'echo $GOPROXY', false],
    ['sh', 'export MY_GOPROXY=x', false],
    ['fish', 'set -gx GOPROXY https://goproxy.cn', true],
    ['fish', 'set --export --global GOPROXY x', true],
    ['fish', 'set -Ux GOPROXY x', true],
    ['fish', 'set -U GOPROXY x', false],
    ['fish', 'export GOPROXY=x', true],
    ['env', 'GOPROXY=https://goproxy.cn', true],
    ['env', 'GOPROXY DEFAULT=x', false],
  ] as const)('%s: %s → %s', (syntax, line, expected) => {
    expect(setsVariable(syntax, line, 'GOPROXY')).toBe(expected);
  });
});

/** The regular expressions setsVariable was before it read lines word by word: the oracle it must agree with. */
function setsVariableByRegex(syntax: 'sh' | 'fish' | 'env', line: string, key: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return false;
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const assigns = new RegExp(`(?:^|[\\s;&|(])${k}=`).test(trimmed);
  switch (syntax) {
    case 'env':
      return new RegExp(`^(?:export\\s+)?${k}=`).test(trimmed);
    case 'sh':
      return assigns || new RegExp(`(?:^|[\\s;])export\\s+(?:[^\\s;#]+\\s+)*${k}(?:[\\s;]|$)`).test(trimmed);
    case 'fish': {
      const set = new RegExp(`(?:^|[\\s;])set\\s+((?:-[-\\w]+\\s+)*)${k}(?:\\s|$)`).exec(trimmed);
      const exported = /(?:^|\s)(?:-[A-Za-z]*x[A-Za-z]*|--export)(?=\s)/.test(` ${set?.[1] ?? ''}`);
      return (set !== null && exported) || new RegExp(`(?:^|[\\s;])export\\s+${k}=`).test(trimmed);
    }
  }
}

describe('setsVariable, read word by word', () => {
  const token = fc.constantFrom(
    'export',
    'set',
    'declare',
    '-x',
    '-gx',
    '-U',
    '--export',
    '--global',
    '-g',
    'GOPROXY',
    'GOPROXY=x',
    'GOPROXY=',
    'A=1',
    'x',
    '#',
    '#c',
    'a#b',
    ';',
    '&',
    '|',
    '(',
    ' ',
    '  ',
    '\t',
    '\u00a0',
    '\u3000',
    '=',
  );
  const line = fc.array(token, { maxLength: 12 }).map((parts) => parts.join(''));

  it('agrees with the regular expressions it replaces on every line', () => {
    fc.assert(
      fc.property(fc.constantFrom('sh' as const, 'fish' as const, 'env' as const), line, (syntax, text) => {
        expect(setsVariable(syntax, text, 'GOPROXY')).toBe(setsVariableByRegex(syntax, text, 'GOPROXY'));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a 1 MB line of export words in one pass (the regexes took minutes)', () => {
    const long = 'export '.repeat(150_000);
    const started = Date.now();
    for (const syntax of ['sh', 'fish', 'env'] as const)
      expect(setsVariable(syntax, long, 'GOPROXY')).toBe(false);
    expect(setsVariable('sh', `${long}GOPROXY`, 'GOPROXY')).toBe(true);
    // Linear work here is well under a second; the quadratic regexes needed over 20 s for a fifth of this.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
