import type { RouteStep } from '../../shared/go/route';
import type { RouteReport } from '../services/goenv/route';
import type { CommandSpec } from './command';
import { printJson } from './command';

type T = (key: string, values?: Record<string, unknown>) => string;

export const routeCommand: CommandSpec = {
  name: 'route',
  synopsis: 'route <module>[@version] [--set KEY=VALUE]... [--live] [--timeout MS]',
  options: { set: { type: 'string', repeat: true }, live: { type: 'boolean' }, timeout: { type: 'integer' } },
  positionals: { min: 1, max: 1 },
  async run({ positionals, options, services, json, io, t }) {
    const report = await services.goenv.route({
      target: positionals[0]!,
      set: (options.set as string[] | undefined) ?? [],
      live: options.live === true,
      ...(typeof options.timeout === 'number' ? { timeoutMs: options.timeout } : {}),
    });
    if (json) printJson(io, report);
    else io.stdout(formatRoute(report, t));
    // The command ran; settings go rejects, or a live walk that go would fail, are findings.
    return report.error || report.live?.error ? 1 : 0;
  },
};

function describeStep(step: RouteStep, t: T, toolchain: boolean): string {
  const what =
    step.kind === 'proxy'
      ? step.url!
      : step.kind === 'noproxy'
        ? t('route.noproxy', { pattern: step.pattern ?? '' })
        : step.kind === 'direct' && toolchain
          ? t('route.kinds.directToolchain')
          : t(`route.kinds.${step.kind}`);
  const insecure = step.insecure ? ` ${t('route.insecure')}` : '';
  return `${what}${insecure}`;
}

/** The numbered steps with the fallback rule after each; `toolchain`: "direct" is go.dev's toolchain server. */
export function formatSteps(
  steps: readonly RouteStep[],
  t: T,
  options: { toolchain?: boolean } = {},
): string[] {
  return steps.map((step, i) => {
    const last = i === steps.length - 1;
    const next =
      last || step.kind === 'direct' || step.kind === 'noproxy'
        ? ''
        : `  (${t(`route.fallback.${step.fallback}`)})`;
    return `  ${i + 1}. ${describeStep(step, t, options.toolchain === true)}${next}`;
  });
}

export function formatChecksum(c: RouteReport['checksum'], t: T): string {
  if (c.reason === 'toolchain')
    return c.failure !== undefined
      ? t('route.checksum.toolchainFails', { error: c.failure })
      : t('route.checksum.toolchain', { db: c.db, url: c.url });
  return c.verified
    ? t('route.checksum.checked', { db: c.db, url: c.url })
    : t(`route.checksum.${c.reason}`, { pattern: c.pattern ?? '' });
}

/** The live walk: each request go would make, in order, and the outcome. */
export function formatLive(
  live: NonNullable<RouteReport['live']>,
  steps: readonly RouteStep[],
  t: T,
): string[] {
  const lines = ['', t('route.live.heading')];
  for (const a of live.attempts) {
    const detail = a.status !== undefined ? ` ${a.status}` : '';
    const error = a.outcome === 'ok' ? '' : `: ${a.error ?? ''}`;
    lines.push(
      `  ${a.file.padEnd(6)} ${a.index + 1}. ${t(`route.live.outcomes.${a.outcome}`)}${detail}${error}`,
    );
  }
  for (const hint of live.auth ?? [])
    lines.push(`  ${hint.index + 1}. ${t(`auth.explain.${hint.code}`, hint.values)}`);
  if (live.error) lines.push(t('route.live.fails', { message: live.error }));
  else if (live.servedBy !== null) {
    lines.push(
      t('route.live.servedBy', {
        step: `${live.servedBy + 1}. ${describeStep(steps[live.servedBy]!, t, false)}`,
      }),
    );
  } else lines.push(t('route.live.servedByMany'));
  return lines;
}

export function formatRoute(report: RouteReport, t: T): string {
  const lines = [`${report.module}${report.version ? `@${report.version}` : ''}`];
  if (report.error) lines.push(`  ${t('route.invalid', { message: report.error })}`);
  lines.push(...formatSteps(report.steps, t), formatChecksum(report.checksum, t));
  if (report.live) lines.push(...formatLive(report.live, report.steps, t));
  return `${lines.join('\n')}\n`;
}
