import {
  PROBE_LIMITS,
  type ProbeReport,
  type ProbeResult,
  type ProbeRunRequest,
} from '../../shared/contract';
import { AppError } from '../dispatch';
import { pickFastest } from '../services/probe';
import type { CommandContext, CommandSpec } from './command';
import { printJson } from './command';
import { table } from './table';

type T = CommandContext['t'];

/** CLI option → probe:run field, for the numbers whose bounds the contract sets. */
const NUMBERS = [
  ['samples', 'samples'],
  ['timeout', 'timeoutMs'],
  ['concurrency', 'concurrency'],
  ['slow', 'slowMs'],
] as const;

export const probeCommand: CommandSpec = {
  name: 'probe',
  synopsis:
    'probe [mirror-id|url...] [--samples N] [--timeout MS] [--module PATH@VERSION] [--concurrency N] [--slow MS] [--throughput] [--verify]',
  options: {
    samples: { type: 'integer' },
    timeout: { type: 'integer' },
    module: { type: 'string' },
    concurrency: { type: 'integer' },
    slow: { type: 'integer' },
    throughput: { type: 'boolean' },
    verify: { type: 'boolean' },
  },
  positionals: { min: 0, max: 64 },
  async run({ positionals, options, services, json, io, t }) {
    const request: ProbeRunRequest = {
      ...(positionals.length > 0 ? { mirrors: positionals } : {}),
      ...(typeof options.module === 'string' ? { module: options.module } : {}),
      ...(options.throughput === true ? { throughput: true } : {}),
      ...(options.verify === true ? { verify: true } : {}),
    };
    for (const [option, field] of NUMBERS) {
      const value = options[option];
      if (typeof value !== 'number') continue;
      const { min, max } = PROBE_LIMITS[field];
      if (value < min || value > max) {
        io.stderr(`${t('probe.outOfRange', { option: `--${option}`, min, max, value })}\n`);
        return 2;
      }
      request[field] = value;
    }
    let report: ProbeReport;
    try {
      report = await services.probe.run(request);
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid-input') {
        io.stderr(`${t('probe.invalid', { message: error.message })}\n`);
        return 2;
      }
      throw error;
    }
    if (json) printJson(io, report);
    else io.stdout(formatProbe(report, t));
    // The command ran; when no mirror answers at all, that is a finding.
    return report.results.length > 0 && report.results.every((r) => r.status === 'dead') ? 1 : 0;
  },
};

const ms = (value: number | null): string => (value === null ? '–' : value.toFixed(1));

/** '?' when it is not known (not asked, or no clear answer). */
function yesNo(value: boolean | null | undefined, t: T): string {
  return value === undefined || value === null ? '?' : t(value ? 'probe.yes' : 'probe.no');
}

/** One localised line for a mirror's failure: what went wrong, in which phase, and what to do. */
export function describeError(result: ProbeResult, t: T): string {
  const error = result.error!;
  const what = t(`probe.failures.${error.kind}`, {
    phase: t(`probe.phases.${error.phase}`),
    status: error.status ?? '',
  });
  const detail = error.detail ? t('probe.detail', { detail: t(`probe.details.${error.detail}`) }) : '';
  return t('probe.errorLine', { what, detail, advice: t(`probe.advice.${error.kind}`) });
}

export function formatProbe(report: ProbeReport, t: T): string {
  const rows = [
    [
      t('probe.columns.mirror'),
      t('probe.columns.status'),
      t('probe.columns.p50'),
      t('probe.columns.p95'),
      t('probe.columns.dns'),
      t('probe.columns.connect'),
      t('probe.columns.tls'),
      t('probe.columns.ttfb'),
      t('probe.columns.sumdb'),
      t('probe.columns.http2'),
      t('probe.columns.toolchain'),
    ],
  ];
  for (const r of report.results) {
    rows.push([
      r.id,
      `${t(`probe.statuses.${r.status}`)}${r.status === 'ok' ? '' : ` (${Math.round(r.successRate * 100)}%)`}`,
      ms(r.latency.p50),
      ms(r.latency.p95),
      ms(r.phases.dns),
      ms(r.phases.connect),
      ms(r.phases.tls),
      ms(r.phases.ttfb),
      yesNo(r.sumdb, t),
      yesNo(r.http2, t),
      yesNo(r.toolchain, t),
    ]);
  }
  const lines = [t('probe.heading', { module: report.module }), '', table(rows)];
  const notes: string[] = [];
  for (const r of report.results) {
    if (r.error) notes.push(`${r.id}: ${describeError(r, t)}`);
    if (r.proxy) notes.push(`${r.id}: ${t('probe.viaProxy', { proxy: r.proxy.url })}`);
    const f = r.freshness;
    if (f?.behind) {
      notes.push(
        `${r.id}: ${t('probe.behind', { count: f.behind, latest: f.latest, days: ((f.behindMs ?? 0) / 86_400_000).toFixed(1) })}`,
      );
    }
    if (r.integrity) {
      notes.push(
        `${r.id}: ${
          r.integrity.ok && r.integrity.verified
            ? t('probe.integrityOk')
            : t('probe.integrityFailed', { message: r.integrity.error ?? '' })
        }`,
      );
    }
    if (r.throughput) {
      notes.push(
        `${r.id}: ${
          r.throughput.error !== undefined
            ? t('probe.throughputFailed', { message: r.throughput.error })
            : t('probe.throughput', { rate: r.throughput.mbPerSecond, url: r.throughput.url })
        }`,
      );
    }
  }
  if (notes.length > 0) lines.push('', ...notes);
  const fastest = pickFastest(report.results);
  lines.push(
    '',
    fastest ? t('probe.fastest', { id: fastest.id, p50: ms(fastest.latency.p50) }) : t('probe.noneHealthy'),
  );
  return `${lines.join('\n')}\n`;
}
