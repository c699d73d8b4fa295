import { goFacts } from '../../shared/go/versions';
import {
  goLabel,
  privateHostPatterns,
  readAuthReport,
  type AuthReport,
  type AuthWarning,
  type CredentialReport,
} from '../services/goenv/credentials';
import type { CommandSpec } from './command';
import { printJson } from './command';

type T = (key: string, values?: Record<string, unknown>) => string;

export const authCommand: CommandSpec = {
  name: 'auth',
  synopsis: 'auth',
  options: {},
  positionals: { min: 0, max: 0 },
  async run({ services, host, json, io, t }) {
    const env = await services.goenv.read();
    const value = (name: string): string => env.vars[name]?.value ?? '';
    const report = await readAuthReport(host, {
      go: env.go,
      facts: goFacts(env.go?.version),
      goproxy: value('GOPROXY'),
      goauth: value('GOAUTH'),
      hosts: privateHostPatterns(value('GOPRIVATE'), value('GONOPROXY')),
    });
    const go = goLabel(report.go?.version);
    if (json) printJson(io, jsonReport(report, t, go));
    else io.stdout(formatAuth(report, t, go, host.homedir));
    // Settings go would stop on are errors; everything else is advice.
    return report.goauth.error !== undefined || report.goproxy.error !== undefined ? 1 : 0;
  },
};

const warningJson = (w: AuthWarning, t: T, go: string) => ({
  code: w.code,
  message: t(`auth.warnings.${w.code}`, { go, ...w.values }),
  values: w.values,
});

function jsonReport(report: AuthReport, t: T, go: string) {
  const entry = (c: CredentialReport) => ({ ...c, warnings: c.warnings.map((w) => warningJson(w, t, go)) });
  return {
    ...report,
    mirrors: report.mirrors.map(entry),
    hosts: report.hosts.map(entry),
    warnings: report.warnings.map((w) => warningJson(w, t, go)),
  };
}

function formatAuth(report: AuthReport, t: T, go: string, home: string): string {
  const tilde = (file: unknown): unknown =>
    typeof file === 'string' && home !== '' && file.startsWith(home) && /^[\\/]/.test(file.slice(home.length))
      ? `~${file.slice(home.length)}`
      : file;
  const say = (key: string, values: Record<string, unknown> = {}): string =>
    t(key, { go, ...values, ...('file' in values ? { file: tilde(values.file) } : {}) });
  const lines: string[] = [];
  lines.push(
    report.go
      ? say('auth.go', { version: report.go.version || '?', path: report.go.path })
      : say('auth.goMissing'),
  );
  const g = report.goauth;
  if (!g.supported) lines.push(say('auth.goauthUnsupported'));
  else if (g.error !== undefined) lines.push(say('auth.goauthInvalid', { value: g.value }));
  else
    lines.push(
      say('auth.goauth', { value: g.value || 'netrc', commands: g.commands.map((c) => c.text).join('; ') }),
    );
  const n = report.netrc;
  const file = n.path ?? '';
  lines.push(
    n.path === null
      ? say('auth.netrcNoPath')
      : !n.exists
        ? say('auth.netrcMissing', { file })
        : n.error !== undefined
          ? say('auth.netrcUnreadable', { file })
          : say('auth.netrcFound', { file, count: n.entries, mode: n.mode ?? '-' }),
  );

  const describe = (c: CredentialReport): string[] => {
    const out = [
      `  ${c.url ?? c.host}${c.pattern !== undefined && c.pattern !== c.host ? `  ${say('auth.fromPattern', { pattern: c.pattern })}` : ''}`,
    ];
    const where = { login: c.login ?? '', line: c.line ?? 0, file: c.file ?? file };
    if (c.url === undefined) out.push(`    ${say('auth.sources.globNone')}`);
    else if (c.source === 'goauth') {
      const key = c.method === 'goauth-git' ? 'auth.sources.goauthGit' : 'auth.sources.goauth';
      out.push(`    ${say(key, { command: c.commands?.[0] ?? '' })}`);
      if (c.login !== undefined) out.push(`    ${say('auth.sources.goauthFallback', where)}`);
    } else out.push(`    ${say(`auth.sources.${c.source}`, where)}`);
    for (const w of c.warnings) out.push(`    ! ${say(`auth.warnings.${w.code}`, w.values)}`);
    return out;
  };
  lines.push('', say('auth.mirrorsHeading'));
  if (report.mirrors.length === 0) lines.push(`  ${say('auth.noMirrors')}`);
  for (const m of report.mirrors) lines.push(...describe(m));
  if (report.hosts.length > 0) {
    lines.push('', say('auth.hostsHeading'));
    for (const h of report.hosts) lines.push(...describe(h));
  }
  if (report.warnings.length > 0) {
    lines.push('', say('auth.warningsHeading'));
    for (const w of report.warnings) lines.push(`  ! ${say(`auth.warnings.${w.code}`, w.values)}`);
  }
  return `${lines.join('\n')}\n`;
}
