import type { i18n } from 'i18next';
import type { GoEnvReport } from '../shared/contract';
import { catalogues, createI18n, isLanguage, LANGUAGES, pickLanguage, type Language } from '../shared/i18n';
import { MIRRORS } from '../shared/mirrors';
import { createGoEnvService } from './services/goenv';
import type { Host } from './services/host';

/**
 * The command-line front end over the same services as the app. Its JSON output is a stable interface
 * (DESIGN.md §5): one document on stdout and nothing else there; exit 0 success, 1 the command ran and
 * found errors, 2 bad usage (message and usage on stderr, nothing changed).
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

interface Parsed {
  command: string | undefined;
  args: string[];
  json: boolean;
  help: boolean;
  lang: string | undefined;
  unknownOptions: string[];
}

const COMMANDS = ['env', 'mirrors'] as const;
type Command = (typeof COMMANDS)[number];

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Parsed {
  const parsed: Parsed = {
    command: undefined,
    args: [],
    json: false,
    help: false,
    lang: undefined,
    unknownOptions: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--lang') {
      const value = argv[++i];
      if (value === undefined) throw new UsageError('--lang');
      parsed.lang = value;
    } else if (arg.startsWith('--lang=')) parsed.lang = arg.slice('--lang='.length);
    else if (arg.startsWith('-') && arg !== '-') parsed.unknownOptions.push(arg);
    else if (parsed.command === undefined) parsed.command = arg;
    else parsed.args.push(arg);
  }
  return parsed;
}

function languageFromEnvironment(env: Host['env']): Language {
  return pickLanguage([env.LC_ALL, env.LC_MESSAGES, env.LANG]);
}

export async function runCli(argv: readonly string[], host: Host, io: CliIo): Promise<number> {
  let parsed: Parsed;
  const envLanguage = languageFromEnvironment(host.env);
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    const t = createI18n(envLanguage).t;
    io.stderr(`${t('cli.missingValue', { option: (error as Error).message })}\n\n${t('cli.usage')}\n`);
    return 2;
  }
  if (parsed.lang !== undefined && !isLanguage(parsed.lang)) {
    const t = createI18n(envLanguage).t;
    io.stderr(`${t('cli.badLang', { lang: parsed.lang, langs: LANGUAGES.join(', ') })}\n`);
    return 2;
  }
  const language = parsed.lang ?? envLanguage;
  const i18n = createI18n(language);
  const t = i18n.t;

  if (parsed.help) {
    io.stdout(`${t('cli.usage')}\n`);
    return 0;
  }
  const usageError = (message: string): number => {
    io.stderr(`${message}\n\n${t('cli.usage')}\n`);
    return 2;
  };
  if (parsed.command === undefined) return usageError(t('cli.missingCommand'));
  if (!(COMMANDS as readonly string[]).includes(parsed.command)) {
    return usageError(t('cli.unknownCommand', { command: parsed.command }));
  }
  const command = parsed.command as Command;
  if (parsed.unknownOptions.length > 0) {
    return usageError(t('cli.unknownOption', { option: parsed.unknownOptions[0], command }));
  }
  if (parsed.args.length > 0)
    return usageError(t('cli.unexpectedArgument', { command, arg: parsed.args[0] }));

  try {
    switch (command) {
      case 'env': {
        const report = await createGoEnvService(host).read();
        io.stdout(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatEnv(report, i18n));
        return 0;
      }
      case 'mirrors':
        io.stdout(parsed.json ? `${JSON.stringify(MIRRORS, null, 2)}\n` : formatMirrors(language, i18n));
        return 0;
    }
  } catch (error) {
    io.stderr(`${t('cli.failed', { message: (error as Error).message })}\n`);
    return 1;
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => displayWidth(r[col] ?? ''))));
  return rows
    .map((r) =>
      r
        .map((cell, col) =>
          col === r.length - 1 ? cell : cell + ' '.repeat(widths[col]! - displayWidth(cell)),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Terminal columns: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

function formatEnv(report: GoEnvReport, { t }: i18n): string {
  const lines: string[] = [];
  const goLine = report.go
    ? t('env.goFound', { version: report.go.version || '?', path: report.go.path })
    : `${t('env.goMissing')} ${t('env.goMissingHelp')}`;
  lines.push(
    table([
      [t('env.go'), goLine],
      [t('env.envFile'), report.envFile ?? t('env.envFileOff')],
    ]),
  );
  if (report.goError) lines.push(t('env.goError', { message: report.goError }));
  lines.push('');
  const rows = [[t('env.variable'), t('env.value'), t('env.source')]];
  for (const [name, v] of Object.entries(report.vars)) {
    rows.push([name, v.value === '' ? t('env.empty') : v.value, `[${t(`env.sources.${v.source}`)}]`]);
  }
  lines.push(table(rows));
  return `${lines.join('\n')}\n`;
}

function formatMirrors(language: Language, { t }: i18n): string {
  const notes = catalogues[language].mirrors.notes as Record<string, string>;
  const rows = [[t('mirrors.id'), t('mirrors.url'), t('mirrors.region'), t('mirrors.notesHeader')]];
  for (const m of MIRRORS) rows.push([m.id, m.url, t(`mirrors.regions.${m.region}`), notes[m.id] ?? m.notes]);
  return `${table(rows)}\n`;
}
