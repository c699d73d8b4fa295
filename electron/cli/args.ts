/**
 * Command-line parsing shared by every command: global options (--json, --lang, --help), then the
 * command's own options as declared in its spec. `--name value` and `--name=value` both work; `--`
 * ends options. Anything undeclared is a usage error (exit 2), never silently ignored.
 */
export type OptionType = 'boolean' | 'string' | 'integer';

export interface OptionSpec {
  type: OptionType;
  /** May be given more than once; the values are collected in order. */
  repeat?: boolean;
}

export type OptionValue = boolean | string | number | string[];

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  options: Record<string, OptionValue>;
  json: boolean;
  help: boolean;
  lang: string | undefined;
}

export class UsageError extends Error {
  constructor(
    /** An i18n key under cli.* and its values, so the message is shown in the user's language. */
    readonly key: string,
    readonly values: Record<string, string> = {},
  ) {
    super(key);
    this.name = 'UsageError';
  }
}

const GLOBAL: Record<string, OptionSpec> = {
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  lang: { type: 'string' },
};

/**
 * First pass: finds the command (the first positional), so that its option specs can be used.
 * Global options may stand before or after the command.
 */
export function findCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1];
    if (arg === '--lang') {
      i++;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') return arg;
  }
  return undefined;
}

export function parseArgs(argv: readonly string[], commandOptions: Record<string, OptionSpec>): ParsedArgs {
  const specs: Record<string, OptionSpec> = { ...commandOptions, ...GLOBAL };
  const parsed: ParsedArgs = {
    command: undefined,
    positionals: [],
    options: {},
    json: false,
    help: false,
    lang: undefined,
  };
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      if (parsed.command === undefined) parsed.command = arg;
      else parsed.positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (arg === '-h') {
      parsed.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = arg.startsWith('--') && Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw new UsageError('cli.unknownOption', { option: arg.slice(0, eq < 0 ? undefined : eq) });
    let raw: string | undefined;
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError('cli.noValueAllowed', { option: `--${name}` });
    } else {
      raw = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (raw === undefined) throw new UsageError('cli.missingValue', { option: `--${name}` });
    }
    const value: boolean | string | number =
      spec.type === 'boolean' ? true : spec.type === 'integer' ? toInteger(name, raw!) : raw!;
    if (name === 'json') parsed.json = true;
    else if (name === 'help') parsed.help = true;
    else if (name === 'lang') parsed.lang = raw;
    else if (spec.repeat) ((parsed.options[name] ??= []) as string[]).push(String(value));
    else parsed.options[name] = value;
  }
  return parsed;
}

function toInteger(name: string, raw: string): number {
  // Past 2^53 Number() rounds (or gives Infinity): the value used would not be the one typed.
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new UsageError('cli.notAnInteger', { option: `--${name}`, value: raw });
  }
  return Number(raw);
}
