import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CLI_BIN = path.resolve(__dirname, '../../out/cli/goproxy-desk.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI with plain node, the way a user's shell would, with the given environment; with
 * `uid`, as that user (and group `uid`, no other groups) through setpriv, which needs root.
 */
export function runBuiltCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; timeoutMs?: number; uid?: number } = {},
): Promise<CliRun> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run \`npm run build\` first.`);
  const argv = [process.execPath, CLI_BIN, ...args];
  if (options.uid !== undefined) {
    argv.unshift('setpriv', `--reuid=${options.uid}`, `--regid=${options.uid}`, '--clear-groups');
  }
  return new Promise((resolve) => {
    execFile(
      argv[0]!,
      argv.slice(1),
      { env, encoding: 'utf8', cwd: options.cwd, timeout: options.timeoutMs ?? 0 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
