import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCommand, parseArgs, UsageError, type ParsedArgs } from '../../electron/cli/args';

/**
 * The argv parser: any array of strings in, a parse or a UsageError out (never another exception), the
 * same answer every time, and whatever a well-formed command line says comes back out of it.
 */

const specs = {
  set: { type: 'string', repeat: true },
  samples: { type: 'integer' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
} as const;

const ARGS = [
  '--',
  '-',
  '-h',
  '--x=',
  '--=',
  '--=x',
  '---',
  '--json',
  '--json=',
  '--json=1',
  '--help',
  '--lang',
  '--lang=',
  '--lang=zh-CN',
  '--set',
  '--set=A=B',
  '--samples',
  '--samples=3',
  '--samples=-1',
  '--samples=1e3',
  `--samples=${'9'.repeat(400)}`,
  '--dry-run',
  '--out',
  '--__proto__',
  '--constructor',
  '--toString=x',
  '--hasOwnProperty',
  '—json',
  '--ｊｓｏｎ',
  'probe',
  'route',
  '',
  ' ',
  'é',
  '\u{1f600}',
  '\0',
  '\ud800',
];
const arg = fc.oneof(
  fc.constantFrom(...ARGS),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
);
const argv = fc.array(arg, { maxLength: 12 });

/** The parse, or the UsageError's key and values; fails the test on any other exception. */
function outcome(args: readonly string[], commandSpecs: Parameters<typeof parseArgs>[1]) {
  try {
    return { parsed: parseArgs(args, commandSpecs) };
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    const e = err as UsageError;
    expect(e.key).toMatch(/^cli\.[a-zA-Z]+$/);
    return { error: { key: e.key, values: e.values } };
  }
}

describe('parseArgs', () => {
  it('throws nothing but UsageError, and answers the same twice', () => {
    fc.assert(
      fc.property(argv, (args) => {
        const first = outcome(args, specs);
        expect(outcome([...args], specs)).toEqual(first);
        expect(outcome(args, {})).toEqual(outcome(args, {}));
        const command = findCommand(args);
        expect(command === undefined || args.includes(command)).toBe(true);
        if (first.parsed) {
          for (const value of Object.values(first.parsed.options)) {
            if (typeof value === 'number') expect(Number.isInteger(value)).toBe(true);
          }
          expect(Object.getPrototypeOf(first.parsed.options)).toBe(Object.prototype);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('findCommand finds the command parseArgs finds, with only global options', () => {
    fc.assert(
      fc.property(argv, (args) => {
        const { parsed } = outcome(args, {});
        if (parsed) expect(findCommand(args)).toBe(parsed.command);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back a command line built from its meaning, in either option spelling', () => {
    const anyString = fc.oneof(fc.string(), fc.constantFrom('-', '--', '-h', '--json', 'a=b', '='));
    const model = fc.record({
      command: anyString,
      positionals: fc.array(anyString, { maxLength: 3 }),
      set: fc.array(anyString, { maxLength: 3 }),
      samples: fc.option(fc.maxSafeNat(), { nil: undefined }),
      dryRun: fc.boolean(),
      out: fc.option(anyString, { nil: undefined }),
      json: fc.boolean(),
      help: fc.constantFrom<'' | '-h' | '--help'>('', '-h', '--help'),
      lang: fc.option(anyString, { nil: undefined }),
    });
    fc.assert(
      fc.property(model, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (m, spellings) => {
        let k = 0;
        const option = (name: string, value: string) =>
          spellings[k++ % spellings.length] ? [`--${name}=${value}`] : [`--${name}`, value];
        const options = [
          ...m.set.flatMap((v) => option('set', v)),
          ...(m.samples === undefined ? [] : option('samples', String(m.samples))),
          ...(m.dryRun ? ['--dry-run'] : []),
          ...(m.out === undefined ? [] : option('out', m.out)),
          ...(m.json ? ['--json'] : []),
          ...(m.help ? [m.help] : []),
          ...(m.lang === undefined ? [] : option('lang', m.lang)),
        ];
        const args = [...options, '--', m.command, ...m.positionals];
        const want: ParsedArgs = {
          command: m.command,
          positionals: m.positionals,
          options: {
            ...(m.set.length > 0 ? { set: m.set } : {}),
            ...(m.samples === undefined ? {} : { samples: m.samples }),
            ...(m.dryRun ? { 'dry-run': true } : {}),
            ...(m.out === undefined ? {} : { out: m.out }),
          },
          json: m.json,
          help: m.help !== '',
          lang: m.lang,
        };
        expect(parseArgs(args, specs)).toEqual(want);
        // With a plain command first, options may follow it and positionals need no `--`.
        if (!m.command.startsWith('-') && m.positionals.every((p) => !p.startsWith('-') || p === '-')) {
          expect(parseArgs([m.command, ...options, ...m.positionals], specs)).toEqual(want);
          expect(findCommand([m.command, ...options])).toBe(m.command);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes an integer option exactly as typed, or refuses it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 60n }), fc.constant(10n ** 400n)), (n) => {
        const { parsed, error } = outcome(['probe', `--samples=${n}`], specs);
        if (parsed) expect(BigInt(parsed.options.samples as number)).toBe(n);
        else expect(error?.key).toBe('cli.notAnInteger');
        expect(parsed !== undefined).toBe(n <= BigInt(Number.MAX_SAFE_INTEGER));
      }),
      { numRuns: 200 },
    );
  });

  it('reads 200k arguments in linear time', () => {
    const started = performance.now();
    const parsed = parseArgs(
      ['probe', ...Array.from({ length: 2e5 }, (_, i) => (i % 2 ? `--set=${i}` : 'p'))],
      specs,
    );
    expect(parsed.positionals).toHaveLength(1e5);
    expect(parsed.options.set).toHaveLength(1e5);
    expect(performance.now() - started).toBeLessThan(8000);
  });
});
