import type { ToolchainReport } from '../../shared/contract';
import type { CommandSpec } from './command';
import { printJson } from './command';
import { formatChecksum, formatLive, formatSteps } from './route';

type T = (key: string, values?: Record<string, unknown>) => string;

export const toolchainCommand: CommandSpec = {
  name: 'toolchain',
  synopsis: 'toolchain [--project DIR] [--live] [--timeout MS]',
  options: { project: { type: 'string' }, live: { type: 'boolean' }, timeout: { type: 'integer' } },
  positionals: { min: 0, max: 0 },
  async run({ options, services, json, io, t }) {
    const report = await services.goenv.toolchain({
      project: typeof options.project === 'string' ? options.project : process.cwd(),
      live: options.live === true,
      ...(typeof options.timeout === 'number' ? { timeoutMs: options.timeout } : {}),
    });
    if (json) printJson(io, report);
    else io.stdout(formatToolchain(report, t));
    // go would stop (invalid GOTOOLCHAIN, a go.mod it cannot satisfy, no toolchain to download): a finding.
    return report.error !== undefined || report.live?.error !== undefined ? 1 : 0;
  },
};

function formatToolchain(r: ToolchainReport, t: T): string {
  const lines: string[] = [];
  if (r.go === null) return `${t('toolchain.noGo')}\n`;
  lines.push(t('toolchain.go', { version: r.go.version, path: r.go.path }));
  if (r.gotoolchain === null) {
    lines.push(t('toolchain.none', { version: r.go.version }));
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    t('toolchain.gotoolchain', {
      value: r.gotoolchain.value === '' ? t('env.empty') : r.gotoolchain.value,
      source: t(`env.sources.${r.gotoolchain.source}`),
    }),
  );
  lines.push(
    r.file === null
      ? t('toolchain.noFile', { project: r.project })
      : t('toolchain.file', {
          file: r.file.path,
          go: r.file.go || '-',
          toolchain: r.file.toolchain || '-',
        }),
  );
  if (r.run !== null) {
    lines.push(
      r.switches
        ? t(`toolchain.switches.${r.reason ?? 'default'}`, { run: r.run, local: r.go.version })
        : t('toolchain.local', { run: r.run }),
    );
  }
  if (r.download) {
    lines.push(
      r.download.onPath !== null
        ? t('toolchain.onPath', { name: r.download.onPath })
        : t('toolchain.download', { module: r.download.module, version: r.download.version }),
    );
    if (r.download.onPath === null)
      lines.push(
        ...formatSteps(r.download.steps, t, { toolchain: true }),
        formatChecksum(r.download.checksum, t),
      );
  }
  if (r.live && r.download) lines.push(...formatLive(r.live, r.download.steps, t));
  if (r.error !== undefined) lines.push('', t('toolchain.error', { message: r.error }));
  return `${lines.join('\n')}\n`;
}
