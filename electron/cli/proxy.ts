import {
  NETPROXY_SCOPES,
  type NetProxyChangeResult,
  type NetProxyReport,
  type NetProxyRestoreResult,
  type NetProxyScope,
  type ProxyCheckReportOutput,
  type ProxyDetectResult,
  type StepPreview,
} from '../../shared/contract';
import { AppError } from '../dispatch';
import { UsageError, type OptionValue } from './args';
import { printJson, type CommandContext, type CommandSpec } from './command';
import { table } from './table';

type T = CommandContext['t'];

const SUBCOMMANDS = ['show', 'set', 'unset', 'restore', 'test', 'detect'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

/** Which options each subcommand takes; any other is refused rather than ignored. */
const ALLOWED: Record<Sub, readonly string[]> = {
  show: [],
  set: ['http', 'https', 'no-proxy', 'scope', 'dry-run'],
  unset: ['scope', 'dry-run'],
  restore: ['all', 'force', 'dry-run'],
  test: ['proxy', 'mirror', 'timeout'],
  detect: ['url', 'timeout'],
};

export function parseScopes(value: OptionValue | undefined): NetProxyScope[] | undefined {
  if (value === undefined) return undefined;
  const scopes = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const scope of scopes) {
    if (!(NETPROXY_SCOPES as readonly string[]).includes(scope))
      throw new UsageError('netproxy.badScope', { scope });
  }
  if (scopes.length === 0) throw new UsageError('netproxy.badScope', { scope: String(value) });
  return scopes as NetProxyScope[];
}

export const proxyCommand: CommandSpec = {
  name: 'proxy',
  synopsis:
    'proxy show|set|unset|restore|test|detect [--http URL] [--https URL] [--no-proxy LIST] [--scope env,git,system] [--dry-run] [--all] [--force] [--proxy URL] [--mirror URL] [--url URL]...',
  options: {
    http: { type: 'string' },
    https: { type: 'string' },
    'no-proxy': { type: 'string' },
    scope: { type: 'string' },
    'dry-run': { type: 'boolean' },
    all: { type: 'boolean' },
    force: { type: 'boolean' },
    proxy: { type: 'string' },
    mirror: { type: 'string' },
    timeout: { type: 'integer' },
    url: { type: 'string', repeat: true },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const sub = ctx.positionals[0] as Sub;
    if (!SUBCOMMANDS.includes(sub))
      throw new UsageError('netproxy.badSubcommand', { sub: ctx.positionals[0]! });
    for (const option of Object.keys(ctx.options)) {
      if (!ALLOWED[sub].includes(option))
        throw new UsageError('netproxy.optionNotFor', { sub, option: `--${option}` });
    }
    const { services, options, json, io, t } = ctx;
    const dryRun = options['dry-run'] === true;
    switch (sub) {
      case 'detect': {
        const urls = (Array.isArray(options.url) ? options.url : []).map(String);
        for (const url of urls) {
          if (!/^https?:\/\/[^\s/]+/.test(url)) throw new UsageError('netproxy.badDetectUrl', { url });
        }
        const result = await services.netproxy.detect({
          urls,
          ...(typeof options.timeout === 'number' ? { timeoutMs: options.timeout } : {}),
        });
        if (json) printJson(io, result);
        else io.stdout(formatDetect(result, t));
        return 0;
      }
      case 'show': {
        const report = await services.netproxy.read();
        if (json) printJson(io, report);
        else io.stdout(formatReport(report, t));
        return 0;
      }
      case 'set':
      case 'unset': {
        const scopes = parseScopes(options.scope);
        const result = await services.netproxy.apply({
          ...(sub === 'set'
            ? {
                http: (options.http as string | undefined) ?? null,
                https: (options.https as string | undefined) ?? null,
                noProxy: (options['no-proxy'] as string | undefined) ?? null,
              }
            : { unset: true }),
          ...(scopes ? { scopes } : {}),
          ...(dryRun ? { dryRun } : {}),
        });
        if (json) printJson(io, result);
        else reportChange(result, ctx);
        return 0;
      }
      case 'restore': {
        const result = await services.netproxy.restore({
          ...(options.all === true ? { all: true } : {}),
          ...(options.force === true ? { force: true } : {}),
          ...(dryRun ? { dryRun } : {}),
        });
        if (json) printJson(io, result);
        else reportRestore(result, ctx);
        return result.complete ? 0 : 1;
      }
      case 'test': {
        // Default: the proxy in effect for go, the one this process was started with.
        const env = ctx.host.env;
        const proxy =
          typeof options.proxy === 'string'
            ? options.proxy
            : env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
        if (!proxy) {
          throw new AppError(
            'invalid-input',
            'which proxy? give --proxy URL (no HTTPS_PROXY/HTTP_PROXY is set)',
          );
        }
        const report = await services.netproxy.check({
          proxy,
          ...(typeof options.mirror === 'string' ? { mirror: options.mirror } : {}),
          ...(typeof options.timeout === 'number' ? { timeoutMs: options.timeout } : {}),
        });
        if (json) printJson(io, report);
        else io.stdout(formatCheck(report, t));
        return report.ok ? 0 : 1;
      }
    }
  },
};

function formatReport(report: NetProxyReport, t: T): string {
  const rows = [
    [
      t('netproxy.scope'),
      t('netproxy.where'),
      t('netproxy.http'),
      t('netproxy.https'),
      t('netproxy.noProxy'),
    ],
  ];
  const lines: string[] = [];
  const unset = t('netproxy.notSet');
  for (const s of report.scopes) {
    if (!s.available) {
      rows.push([`${s.scope} (${s.variant})`, t('netproxy.unavailable', { note: s.note ?? '' }), '', '', '']);
      continue;
    }
    rows.push([`${s.scope} (${s.variant})`, s.source, s.http ?? unset, s.https ?? unset, s.noProxy ?? unset]);
  }
  lines.push(table(rows));
  for (const s of report.scopes)
    if (s.available && s.note) lines.push('', t('netproxy.scopeNote', { scope: s.scope, note: s.note }));
  const conflicts = report.scopes.flatMap((s) => s.conflicts);
  if (conflicts.length > 0) {
    lines.push('', t('netproxy.conflictsHeader'));
    for (const c of conflicts)
      lines.push(`  ${t('netproxy.conflict', { file: c.file, line: String(c.line), text: c.text })}`);
  }
  lines.push(
    '',
    t('netproxy.processEnv', {
      http: report.process.http ?? '',
      https: report.process.https ?? '',
      noProxy: report.process.noProxy ?? '',
    }),
  );
  if (report.journal.length > 0) {
    lines.push('', t('netproxy.journalHeader'));
    for (const e of report.journal.slice(0, 10))
      lines.push(`  ${t('netproxy.journalEntry', { ...e, places: String(e.places) })}`);
  }
  if (report.unfinished)
    lines.push(
      '',
      t('netproxy.unfinished', { at: report.unfinished.at, summary: report.unfinished.summary }),
    );
  return `${lines.join('\n')}\n`;
}

export function formatSteps(steps: readonly StepPreview[], dryRun: boolean, t: T): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    lines.push(
      `${step.scope}: ${t('netproxy.step', { action: t(`netproxy.actions.${step.action}`), place: step.place })}`,
    );
    if (!dryRun) continue;
    if (step.diff)
      lines.push(
        ...step.diff
          .trimEnd()
          .split('\n')
          .map((l) => `    ${l}`),
      );
    for (const argv of step.commands ?? []) lines.push(`    $ ${argv.map(shellWord).join(' ')}`);
  }
  return lines;
}

/** An argv word as a reader would type it (display only; nothing here is ever run by a shell). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function reportChange(result: NetProxyChangeResult, { io, t }: CommandContext): void {
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  for (const c of result.conflicts)
    io.stderr(`  ${t('netproxy.conflict', { file: c.file, line: String(c.line), text: c.text })}\n`);
  const lines = formatSteps(result.steps, result.dryRun, t);
  if (result.dryRun) lines.push(t('netproxy.dryRun'));
  else if (result.transaction === null) lines.push(t('netproxy.nothing'));
  else lines.push(t('netproxy.applied', { count: result.steps.length, id: result.transaction.id }));
  io.stdout(`${lines.join('\n')}\n`);
}

export function reportRestore(result: NetProxyRestoreResult, { io, t }: CommandContext): void {
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  const lines: string[] = [];
  if (result.restored.length === 0) lines.push(t('netproxy.nothingToRestore'));
  for (const place of result.places) {
    lines.push(`${place.scope}: ${place.place}: ${t(`netproxy.outcomes.${place.outcome}`)}`);
    if (result.dryRun && place.preview) lines.push(...formatSteps([place.preview], true, t).slice(1));
  }
  for (const entry of result.restored)
    if (entry.state === 'restored')
      lines.push(t('netproxy.restoredEntry', { id: entry.id, summary: entry.summary }));
  if (result.dryRun) lines.push(t('netproxy.dryRun'));
  if (!result.complete) lines.push(t('netproxy.incomplete'));
  io.stdout(`${lines.join('\n')}\n`);
}

function formatDetect(r: ProxyDetectResult, t: T): string {
  const lines = [t('netproxy.detect.mode', { mode: t(`netproxy.detect.modes.${r.mode}`), source: r.source })];
  if (r.pacUrl) lines.push(t('netproxy.detect.pacUrl', { url: r.pacUrl }));
  if (r.decisions.length > 0) {
    lines.push('', t('netproxy.detect.decisionsHeader'));
    lines.push(
      table(
        r.decisions.map((d) => [
          `  ${d.url}`,
          d.pac ?? '',
          d.proxy === null ? t('netproxy.detect.direct') : `→ ${d.proxy}`,
        ]),
      ),
    );
  }
  if (r.suggestion) {
    lines.push('', t('netproxy.detect.suggestionHeader'));
    if (r.suggestion.https === null) lines.push(`  ${t('netproxy.detect.noProxyNeeded')}`);
    else {
      const args = ['goproxy-desk', 'proxy', 'set', '--https', r.suggestion.https];
      if (r.suggestion.http) args.push('--http', r.suggestion.http);
      if (r.suggestion.noProxy) args.push('--no-proxy', r.suggestion.noProxy);
      lines.push(`  ${args.map(shellWord).join(' ')}`);
    }
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

function formatCheck(report: ProxyCheckReportOutput, t: T): string {
  const rows = [['', '', 'connect', 'tunnel', 'tls', 'ttfb', 'total', '']];
  const ms = (v: number | null) => (v === null ? '-' : `${Math.round(v)} ms`);
  for (const c of report.checks) {
    rows.push([
      c.mode,
      c.outcome,
      ms(c.timings.connect),
      ms(c.timings.tunnel),
      ms(c.timings.tls),
      ms(c.timings.ttfb),
      ms(c.timings.total),
      c.message,
    ]);
  }
  return `${t('netproxy.checkHeader', { proxy: report.proxy, mirror: report.mirror })}\n${table(rows)}\n${t(report.ok ? 'netproxy.checkOk' : 'netproxy.checkFailed')}\n`;
}
