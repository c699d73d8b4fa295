import type { i18n } from 'i18next';
import type { Language } from '../../shared/i18n';
import type { Services } from '../services';
import type { Host } from '../services/host';
import type { OptionSpec, OptionValue } from './args';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CommandContext {
  positionals: string[];
  options: Record<string, OptionValue>;
  json: boolean;
  language: Language;
  /** Whether --lang named the language (else it came from the locale). */
  languageGiven: boolean;
  t: i18n['t'];
  host: Host;
  services: Services;
  io: CliIo;
}

/**
 * One CLI command; its one-line description is the i18n key cli.commands.<name>. `run`
 * returns the exit status: 0 success, 1 ran and found errors, 2 bad usage or invalid input.
 */
export interface CommandSpec {
  name: string;
  /** The command's syntax as shown in usage, e.g. "route <module>[@version] [--set KEY=VALUE]... [--live]". */
  synopsis: string;
  options: Record<string, OptionSpec>;
  positionals: { min: number; max: number };
  run(ctx: CommandContext): Promise<number>;
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
