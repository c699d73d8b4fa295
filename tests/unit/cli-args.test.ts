import { describe, expect, it } from 'vitest';
import { findCommand, parseArgs, UsageError } from '../../electron/cli/args';
import { terminalSafe } from '../../electron/cli';

const specs = {
  set: { type: 'string', repeat: true },
  samples: { type: 'integer' },
  'dry-run': { type: 'boolean' },
} as const;

describe('parseArgs', () => {
  it('reads global and command options before and after the command', () => {
    const parsed = parseArgs(
      ['--lang', 'zh-CN', 'route', 'rsc.io/quote', '--set', 'GOPROXY=off', '--set=GOSUMDB=off', '--json'],
      specs,
    );
    expect(parsed).toEqual({
      command: 'route',
      positionals: ['rsc.io/quote'],
      options: { set: ['GOPROXY=off', 'GOSUMDB=off'] },
      json: true,
      help: false,
      lang: 'zh-CN',
    });
  });

  it('parses integers and booleans, and -- ends options', () => {
    expect(parseArgs(['probe', '--samples', '3', '--dry-run', '--', '--not-an-option'], specs)).toMatchObject(
      {
        options: { samples: 3, 'dry-run': true },
        positionals: ['--not-an-option'],
      },
    );
  });

  it.each([
    [['env', '--bogus'], 'cli.unknownOption'],
    [['env', '--samples', 'three'], 'cli.notAnInteger'],
    [['env', '--samples', '-1'], 'cli.notAnInteger'],
    [['env', '--dry-run=yes'], 'cli.noValueAllowed'],
    [['env', '--set'], 'cli.missingValue'],
    [['env', '--__proto__'], 'cli.unknownOption'],
  ])('%j is a usage error (%s)', (argv, key) => {
    expect(() => parseArgs(argv, specs)).toThrow(UsageError);
    try {
      parseArgs(argv, specs);
    } catch (error) {
      expect((error as UsageError).key).toBe(key);
    }
  });
});

describe('findCommand', () => {
  it('skips global options and the value of --lang', () => {
    expect(findCommand(['--json', '--lang', 'en', 'env'])).toBe('env');
    expect(findCommand(['--lang=en', 'mirrors'])).toBe('mirrors');
    expect(findCommand(['--json'])).toBeUndefined();
  });
});

describe('terminalSafe', () => {
  it('escapes control characters that would act on the terminal, keeps tab and newline and valid JSON', () => {
    expect(terminalSafe('module evil\x1bc\b\x00\tok\n')).toBe('module evil\\x1bc\\x08\\x00\tok\n');
    expect(terminalSafe('csi \u009b2J del \x7f')).toBe('csi \\u009b2J del \\u007f');
    const json = JSON.stringify({ path: 'a\u009bb\x7f' });
    expect(JSON.parse(terminalSafe(json))).toEqual({ path: 'a\u009bb\x7f' });
  });
});
