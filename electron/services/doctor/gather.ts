import { goFacts, parseGoRelease } from '../../../shared/go/versions';
import { proxyConfigFromEnv } from '../../../shared/go/noproxy';
import { findOverrides, type GoEnvService } from '../goenv';
import { privateHostPatterns, readAuthReport } from '../goenv/credentials';
import { goHostOf } from '../goenv/validate';
import type { Host } from '../host';
import type { GoFacts } from './types';

/** What go sees, read once: its report with sources, the env file's exact text, overrides, git's proxy. */
export async function gatherGo(host: Host, goenv: GoEnvService): Promise<GoFacts> {
  const report = await goenv.read();
  const envFile = report.envFile && report.envFile !== 'off' ? report.envFile : null;
  const envFileText = envFile ? await host.readText(envFile).catch(() => null) : null;
  // An OS value hides the file's only where the file has one.
  const hidden = Object.entries(report.vars)
    .filter(([, v]) => v.source === 'os-env' && v.fileValue !== undefined && v.fileValue !== v.osValue)
    .map(([key]) => key);
  const osGoVars = Object.fromEntries(
    Object.entries(host.env).filter(
      (e): e is [string, string] => e[0].startsWith('GO') && e[1] !== undefined,
    ),
  );
  const facts = goFacts(report.go?.version);
  const value = (name: string): string => report.vars[name]?.value ?? '';
  return {
    report,
    envFileText,
    release: report.go ? parseGoRelease(report.go.version) : null,
    version: facts,
    overrides: await findOverrides(host, hidden),
    osGoVars,
    auth: await readAuthReport(host, {
      go: report.go,
      facts,
      goproxy: value('GOPROXY'),
      goauth: value('GOAUTH'),
      hosts: privateHostPatterns(value('GOPRIVATE'), value('GONOPROXY')),
    }),
    platform: goHostOf(host.platform, process.arch),
    processProxy: proxyConfigFromEnv(host.env),
    gitProxy: await gitProxy(host),
  };
}

async function gitProxy(host: Host): Promise<string | null> {
  const git = await host.which('git');
  if (git === null) return null;
  try {
    const result = await host.run(git, ['config', '--global', '--get', 'http.proxy'], { timeoutMs: 10_000 });
    return result.code === 0 && result.stdout.trim() !== '' ? result.stdout.trim() : null;
  } catch {
    return null;
  }
}
