import path from 'node:path';
import { PROJECT_TARGETS, type ProjectLayersResult, type ProjectTarget } from '../../shared/contract';
import { UsageError } from './args';
import type { CommandSpec } from './command';
import { formatSteps, reportRestore } from './proxy';
import { printJson } from './command';
import { table } from './table';

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * `goproxy-desk project [DIR]`: the settings of Go's module variables in a project's own files and
 * what each build (terminal, editor tools, make, container stages, CI jobs) ends up with.
 */
export const projectCommand: CommandSpec = {
  name: 'project',
  synopsis: 'project [DIR] | apply DIR --to direnv|vscode KEY=VALUE... | restore DIR',
  options: {
    to: { type: 'string' },
    unset: { type: 'string', repeat: true },
    profile: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  positionals: { min: 0, max: 64 },
  async run(ctx) {
    const { positionals, options, services, json, io, t } = ctx;
    const sub = positionals[0] === 'apply' || positionals[0] === 'restore' ? positionals[0] : null;
    const dryRun = options['dry-run'] === true;
    if (sub === null) {
      if (
        positionals.length > 1 ||
        options.to !== undefined ||
        options.unset !== undefined ||
        options.profile !== undefined ||
        dryRun
      )
        throw new UsageError('project.badSub');
      const dir = path.resolve(positionals[0] ?? '.');
      const report = await services.projects.layers(dir);
      if (json) printJson(io, report);
      else io.stdout(formatProject(report, t));
      return 0;
    }
    const dir = positionals[1];
    if (dir === undefined) throw new UsageError('project.badSub');
    if (sub === 'restore') {
      if (
        positionals.length > 2 ||
        options.to !== undefined ||
        options.unset !== undefined ||
        options.profile !== undefined
      )
        throw new UsageError('project.badSub');
      const result = await services.projects.restore(path.resolve(dir), dryRun);
      if (json) printJson(io, result);
      else reportRestore(result, ctx);
      return result.complete ? 0 : 1;
    }
    const to = options.to;
    if (typeof to !== 'string') throw new UsageError('project.badSub');
    if (!(PROJECT_TARGETS as readonly string[]).includes(to))
      throw new UsageError('project.badTarget', { to });
    const set: Record<string, string | null> = {};
    for (const arg of positionals.slice(2)) {
      const eq = arg.indexOf('=');
      if (eq <= 0) throw new UsageError('project.badAssignment', { arg });
      set[arg.slice(0, eq)] = arg.slice(eq + 1);
    }
    for (const key of Array.isArray(options.unset) ? options.unset : []) set[String(key)] = null;
    const result = await services.projects.apply({
      dir: path.resolve(dir),
      to: to as ProjectTarget,
      set,
      ...(typeof options.profile === 'string' ? { profile: options.profile } : {}),
      ...(dryRun ? { dryRun } : {}),
    });
    if (json) printJson(io, result);
    else {
      for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
      const lines = formatSteps(result.steps, result.dryRun, t);
      if (result.dryRun) lines.push(t('netproxy.dryRun'));
      else if (result.transaction === null) lines.push(t('project.nothing'));
      else lines.push(t('project.applied', { count: result.steps.length, dir: path.resolve(dir) }));
      io.stdout(`${lines.join('\n')}\n`);
    }
    return 0;
  },
};

export function contextName(context: string, t: T): string {
  const colon = context.indexOf(':');
  if (colon < 0) return t(`project.contexts.${context}`, { defaultValue: context });
  const kind = context.slice(0, colon);
  return t(`project.contexts.${kind}`, { name: context.slice(colon + 1), defaultValue: context });
}

function formatProject(r: ProjectLayersResult, t: T): string {
  const lines = [t('project.folder', { dir: r.dir }), ''];
  if (r.layers.length === 0) lines.push(t('project.none'));
  else {
    lines.push(t('project.layersHeader'));
    lines.push(
      table([
        [
          t('project.columns.where'),
          t('project.columns.context'),
          t('project.columns.setting'),
          t('project.columns.how'),
        ],
        ...r.layers.map((l) => [
          `${l.file}:${l.line}`,
          contextName(l.context, t),
          `${l.key}=${l.value}`,
          l.how,
        ]),
      ]),
    );
    lines.push('', t('project.effectiveHeader'));
    for (const [context, values] of Object.entries(r.effective)) {
      lines.push(`  ${contextName(context, t)}`);
      lines.push(
        table(
          Object.entries(values).map(([key, v]) => [
            `    ${key}`,
            v.value,
            t('project.from', { from: v.from }),
          ]),
        ),
      );
    }
  }
  if (r.problems.length > 0) {
    lines.push('', t('project.problems'));
    for (const p of r.problems) lines.push(`  ${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`);
  }
  return `${lines.join('\n')}\n`;
}
