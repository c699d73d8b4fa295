import path from 'node:path';
import type { ProjectLayersResult } from '../../shared/contract';
import type { CommandSpec } from './command';
import { printJson } from './command';
import { table } from './table';

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * `goproxy-desk project [DIR]`: the settings of Go's module variables in a project's own files and
 * what each build (terminal, editor tools, make, container stages, CI jobs) ends up with.
 */
export const projectCommand: CommandSpec = {
  name: 'project',
  synopsis: 'project [DIR]',
  options: {},
  positionals: { min: 0, max: 1 },
  async run({ positionals, services, json, io, t }) {
    const dir = path.resolve(positionals[0] ?? '.');
    const report = await services.projects.layers(dir);
    if (json) printJson(io, report);
    else io.stdout(formatProject(report, t));
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
