import { access } from 'node:fs/promises';
import path from 'node:path';
import type { DoctorFinding, DoctorReport } from '../../shared/contract';
import { printJson, type CommandContext, type CommandSpec } from './command';

type T = CommandContext['t'];

const MARK = { error: '✗', warning: '!', info: 'i' } as const;

/** `--project` defaults to the current folder when it is a Go module or workspace. */
async function defaultProjects(): Promise<string[]> {
  const cwd = process.cwd();
  for (const name of ['go.mod', 'go.work']) {
    try {
      await access(path.join(cwd, name));
      return [cwd];
    } catch {
      // not this one
    }
  }
  return [];
}

const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

export const doctorCommand: CommandSpec = {
  name: 'doctor',
  synopsis: 'doctor [--project DIR]... [--nginx FILE]... [--probe|--no-probe] [--fix ID]... [--dry-run]',
  options: {
    project: { type: 'string', repeat: true },
    nginx: { type: 'string', repeat: true },
    probe: { type: 'boolean' },
    'no-probe': { type: 'boolean' },
    fix: { type: 'string', repeat: true },
    'dry-run': { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run({ options, services, json, io, t, language }) {
    const projects = list(options.project).map((p) => path.resolve(p));
    const request = {
      projects: projects.length > 0 ? projects : await defaultProjects(),
      nginx: list(options.nginx).map((f) => path.resolve(f)),
      probe: options['no-probe'] !== true,
      language,
    };
    const fixes = list(options.fix);
    if (fixes.length === 0) {
      const report = await services.doctor.run(request);
      if (json) printJson(io, report);
      else io.stdout(formatReport(report, t));
      return report.counts.error > 0 ? 1 : 0;
    }
    const result = await services.doctor.fix({ ...request, ids: fixes, dryRun: options['dry-run'] === true });
    if (json) {
      printJson(io, result);
    } else {
      for (const warning of result.warnings) io.stderr(`${warning}\n`);
      const lines = [
        ...result.applied.map(
          (a) => `${t(result.dryRun ? 'doctor.wouldFix' : 'doctor.fixed', { id: a.id, summary: a.summary })}`,
        ),
        ...(result.preview ? result.preview.split('\n').map((l) => `  ${l}`) : []),
      ];
      if (result.goenvSnapshot) lines.push(t('doctor.undoGoenv', { id: result.goenvSnapshot.id }));
      for (const tx of result.netproxyTransactions) lines.push(t('doctor.undoNetproxy', { id: tx.id }));
      if (result.dryRun) lines.push(t('netproxy.dryRun'));
      io.stdout(`${lines.join('\n')}\n\n${formatReport(result.report, t)}`);
    }
    return result.report.counts.error > 0 ? 1 : 0;
  },
};

function formatFinding(f: DoctorFinding, t: T): string[] {
  const lines = [
    `${MARK[f.severity]} ${t(`doctor.severity.${f.severity}`)}  ${f.id}: ${f.title}`,
    `    ${f.detail}`,
  ];
  for (const e of f.evidence) lines.push(`      · ${e}`);
  lines.push(`    → ${f.remedy}`);
  if (f.fix) {
    lines.push(`    ${t('doctor.fixAvailable', { id: f.fix.id, summary: f.fix.summary })}`);
    if (f.fix.preview) for (const l of f.fix.preview.split('\n')) lines.push(`        ${l}`);
  }
  return lines;
}

export function formatReport(report: DoctorReport, t: T): string {
  const lines: string[] = [];
  for (const f of report.findings) lines.push(...formatFinding(f, t), '');
  if (report.findings.length === 0) lines.push(t('doctor.clean'));
  lines.push(
    t('doctor.summary', {
      error: String(report.counts.error),
      warning: String(report.counts.warning),
      info: String(report.counts.info),
    }),
  );
  if (!report.checked.probed) lines.push(t('doctor.notProbed'));
  return `${lines.join('\n')}\n`;
}
