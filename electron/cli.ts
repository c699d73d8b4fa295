import { createI18n, isLanguage, LANGUAGES, pickLanguage, type Language } from '../shared/i18n';
import { visible } from '../shared/visible';
import { AppError } from './dispatch';
import { authCommand } from './cli/auth';
import { findCommand, parseArgs, UsageError, type ParsedArgs } from './cli/args';
import type { CliIo, CommandSpec } from './cli/command';
import { doctorCommand } from './cli/doctor';
import { envCommand } from './cli/env';
import { historyCommand } from './cli/history';
import { mirrorsCommand } from './cli/mirrors';
import { probeCommand } from './cli/probe';
import { profileCommand } from './cli/profile';
import { proxyCommand } from './cli/proxy';
import { routeCommand } from './cli/route';
import { toolchainCommand } from './cli/toolchain';
import { projectCommand } from './cli/project';
import { useCommand } from './cli/use';
import { verifyCommand } from './cli/verify';
import { setCommand } from './cli/set';
import { undoCommand } from './cli/undo';
import { uiCommand } from './cli/ui';
import { unsetCommand } from './cli/unset';
import { createServices } from './services';
import type { Host } from './services/host';

export type { CliIo } from './cli/command';

/**
 * The command-line front end over the same services as the app. Its JSON output is a stable interface
 * (DESIGN.md §5): one document on stdout and nothing else there; exit 0 success, 1 the command ran and
 * found errors, 2 bad usage (message and usage on stderr, nothing changed).
 */
const COMMANDS: readonly CommandSpec[] = [
  envCommand,
  mirrorsCommand,
  routeCommand,
  toolchainCommand,
  projectCommand,
  useCommand,
  setCommand,
  unsetCommand,
  undoCommand,
  historyCommand,
  probeCommand,
  proxyCommand,
  profileCommand,
  doctorCommand,
  verifyCommand,
  authCommand,
  uiCommand,
];

function languageFromEnvironment(env: Host['env']): Language {
  return pickLanguage([env.LC_ALL, env.LC_MESSAGES, env.LANG]);
}

function usage(t: (key: string) => string): string {
  const width = Math.max(...COMMANDS.map((c) => c.synopsis.length));
  const commands = COMMANDS.map((c) => `  ${c.synopsis.padEnd(width)}  ${t(`cli.commands.${c.name}`)}`);
  return [
    t('cli.usage'),
    '',
    t('cli.commandsHeader'),
    ...commands,
    '',
    t('cli.globalOptions'),
    '',
    t('cli.exitStatus'),
  ].join('\n');
}

/**
 * What reaches the terminal: control characters from the data we show (a go.mod's NUL or `ESC c`, a
 * mirror's answer) are escaped instead of acting on the terminal, and bidi overrides and zero-width
 * characters instead of disguising it (see `visible`). Tab and newline stay; JSON already escapes C0
 * characters, and the \u escapes used for the others are valid JSON too.
 */
export function terminalSafe(text: string): string {
  return visible(text, { keepNewlines: true });
}

export async function runCli(argv: readonly string[], host: Host, rawIo: CliIo): Promise<number> {
  const io: CliIo = {
    stdout: (s) => rawIo.stdout(terminalSafe(s)),
    stderr: (s) => rawIo.stderr(terminalSafe(s)),
  };
  const commandName = findCommand(argv);
  const command = COMMANDS.find((c) => c.name === commandName);
  let parsed: ParsedArgs | undefined;
  let usageError: UsageError | undefined;
  try {
    parsed = parseArgs(argv, command?.options ?? {});
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    usageError = error;
  }

  const requested = parsed?.lang;
  if (requested !== undefined && !isLanguage(requested)) {
    const { t } = createI18n(languageFromEnvironment(host.env));
    io.stderr(`${t('cli.badLang', { lang: requested, langs: LANGUAGES.join(', ') })}\n`);
    return 2;
  }
  const language = requested ?? languageFromEnvironment(host.env);
  const { t } = createI18n(language);
  const fail = (key: string, values: Record<string, string> = {}): number => {
    io.stderr(`${t(key, values)}\n\n${usage(t)}\n`);
    return 2;
  };

  if (usageError) return fail(usageError.key, usageError.values);
  if (!parsed) return 2;
  if (parsed.help) {
    io.stdout(`${usage(t)}\n`);
    return 0;
  }
  if (parsed.command === undefined) return fail('cli.missingCommand');
  if (!command) return fail('cli.unknownCommand', { command: parsed.command });
  const { min, max } = command.positionals;
  if (parsed.positionals.length > max) {
    return fail(max === 0 ? 'cli.unexpectedArgument' : 'cli.tooManyArguments', {
      command: command.name,
      arg: parsed.positionals[max]!,
    });
  }
  if (parsed.positionals.length < min)
    return fail('cli.missingArgument', { command: command.name, synopsis: command.synopsis });

  try {
    const services = createServices(host);
    // A change to the network settings cut short by a crash: say so on every run until it is restored.
    const unfinished = await services.netproxy.unfinished().catch(() => null);
    if (unfinished && !(command.name === 'proxy' && parsed.positionals[0] === 'restore')) {
      io.stderr(`${t('netproxy.unfinished', { at: unfinished.at, summary: unfinished.summary })}\n`);
    }
    return await command.run({
      positionals: parsed.positionals,
      options: parsed.options,
      json: parsed.json,
      language,
      languageGiven: requested !== undefined,
      t,
      host,
      services,
      io,
    });
  } catch (error) {
    if (error instanceof UsageError) return fail(error.key, error.values);
    io.stderr(`${t('cli.failed', { message: (error as Error).message })}\n`);
    // Input the services refused is bad usage (2); anything else happened while running (1).
    return error instanceof AppError && error.code === 'invalid-input' ? 2 : 1;
  }
}
