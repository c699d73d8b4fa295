import { scopeNotes } from './scope-notes';
import type {
  NetProxyApplyRequest,
  NetProxyChangeResult,
  NetProxyReport,
  NetProxyRestoreRequest,
  NetProxyRestoreResult,
  ProxyCheckReportOutput,
  ProxyCheckRequestInput,
  ScopeReadingReport,
  TransactionSummary,
  ProxyDetectRequest,
  ProxyDetectResult,
} from '../../../shared/contract';
import { AppError } from '../../dispatch';
import type { Host } from '../host';
import { detectProxy } from './detect';
import { readOsProxyConfig } from './os-proxy';
import { checkProxy } from './check';
import { applyPlans, restoreTransactions, type PlannedScope } from './engine';
import { unixEnvAdapter } from './env-unix';
import { gitAdapter } from './git';
import { Journal, summarize } from './journal';
import { linuxSystemAdapter } from './linux-system';
import { macosSystemAdapter } from './macos';
import { parseSettings, redactor } from './settings';
import { SCOPES, type ProxySettings, type Scope, type ScopeAdapter, type Step } from './types';
import { windowsEnvAdapter, windowsSystemAdapter } from './windows';

export { parseSettings } from './settings';
export type { ProxySettings, Scope, Step } from './types';
export type { PlannedScope } from './engine';

/**
 * The HTTP proxy for the shell and GUI apps ('env'), git ('git') and the OS ('system'), on Linux
 * (GNOME, KDE), macOS and Windows — every change journaled first and exactly restorable (see
 * journal.ts, engine.ts), even after a crash.
 */
export interface NetProxyService {
  read(): Promise<NetProxyReport>;
  apply(request: NetProxyApplyRequest): Promise<NetProxyChangeResult>;
  restore(request: NetProxyRestoreRequest): Promise<NetProxyRestoreResult>;
  /** Connects through a proxy to a mirror, plain HTTP and CONNECT, and says what happened. */
  check(request: ProxyCheckRequestInput): Promise<ProxyCheckReportOutput>;
  /** A change that was cut short (a crash), which `restore` takes back. */
  unfinished(): Promise<TransactionSummary | null>;
  /** How the OS (and the browser) chooses proxies — manual, PAC, WPAD — and what go and git need to match it. */
  detect(request: ProxyDetectRequest): Promise<ProxyDetectResult>;
  /** The plans for `settings` (null: no proxy) in these scopes, for a transaction that holds more (profiles). */
  plan(settings: ProxySettings | null, scopes: readonly Scope[]): Promise<PlannedScope[]>;
  /** Carries out plans (plus extra steps, such as the go env file) as one journaled transaction. */
  applyPlanned(
    planned: readonly PlannedScope[],
    options: {
      kind: 'apply' | 'profile';
      summary: string;
      dryRun?: boolean;
      redact: (text: string) => string;
    },
  ): Promise<NetProxyChangeResult>;
}

export const DEFAULT_SCOPES: readonly Scope[] = ['env', 'git'];

export function scopeAdapters(host: Host): Record<Scope, ScopeAdapter> {
  const platform = host.platform;
  return {
    env:
      platform === 'win32'
        ? windowsEnvAdapter(host)
        : unixEnvAdapter(host, platform === 'darwin' ? 'darwin' : 'linux'),
    git: gitAdapter(host),
    system:
      platform === 'win32'
        ? windowsSystemAdapter(host)
        : platform === 'darwin'
          ? macosSystemAdapter(host)
          : linuxSystemAdapter(host),
  };
}

function describeSettings(settings: ProxySettings | null, scopes: readonly Scope[]): string {
  if (settings === null) return `proxy unset (${scopes.join(', ')})`;
  const parts = [`http=${settings.http?.display ?? '-'}`];
  if (settings.https?.href !== settings.http?.href) parts.push(`https=${settings.https?.display ?? '-'}`);
  if (settings.noProxy.length > 0) parts.push(`no_proxy=${settings.noProxy.map((r) => r.text).join(',')}`);
  return `proxy set ${parts.join(' ')} (${scopes.join(', ')})`;
}

export function createNetProxyService(
  host: Host,
  deps: { goproxy: () => Promise<string> } = { goproxy: async () => host.env.GOPROXY ?? '' },
): NetProxyService {
  const journal = new Journal(host);
  const adapters = scopeAdapters(host);

  const plan = async (settings: ProxySettings | null, scopes: readonly Scope[]): Promise<PlannedScope[]> => {
    const unique = SCOPES.filter((s) => scopes.includes(s));
    for (const scope of unique) {
      const why = await adapters[scope].unavailable();
      if (why !== null)
        throw new AppError(
          'unavailable',
          `The ${scope} scope cannot be used here: ${why}. Nothing was changed.`,
        );
    }
    const planned: PlannedScope[] = [];
    for (const scope of unique) planned.push({ scope, plan: await adapters[scope].plan(settings) });
    return planned;
  };

  return {
    async read() {
      const scopes: ScopeReadingReport[] = [];
      for (const scope of SCOPES) {
        const adapter = adapters[scope];
        const notAvailable = (note: string): ScopeReadingReport => ({
          scope,
          variant: adapter.variant,
          source: '',
          http: null,
          https: null,
          noProxy: null,
          available: false,
          note,
          conflicts: [],
        });
        const why = await adapter.unavailable();
        if (why !== null) {
          scopes.push(notAvailable(why));
          continue;
        }
        try {
          scopes.push({ ...(await adapter.read()), variant: adapter.variant });
        } catch (error) {
          scopes.push(notAvailable(`could not be read: ${(error as Error).message}`));
        }
      }
      const redact = redactor(null);
      const env = (...names: string[]) => {
        for (const name of names) if (host.env[name]) return redact(host.env[name]!);
        return null;
      };
      const transactions = await journal.transactions();
      const unfinished = await journal.unfinished();
      return {
        scopes: scopes.map((reading) => {
          const notes = scopeNotes(reading.note);
          return notes === undefined ? reading : { ...reading, notes };
        }),
        process: {
          http: env('HTTP_PROXY', 'http_proxy'),
          https: env('HTTPS_PROXY', 'https_proxy'),
          noProxy: env('NO_PROXY', 'no_proxy'),
        },
        unfinished: unfinished ? summarize(unfinished) : null,
        journal: [...transactions].reverse().map(summarize),
      };
    },

    async apply(request) {
      const settings = request.unset ? null : parseSettings(request);
      if (!request.unset && settings?.http === null && settings.https === null) {
        throw new AppError(
          'invalid-input',
          'say which proxy to set (--http URL and/or --https URL), or unset it',
        );
      }
      const scopes = request.scopes ?? DEFAULT_SCOPES;
      const planned = await plan(settings, scopes);
      return applyPlans(host, journal, planned, {
        kind: 'apply',
        summary: describeSettings(settings, scopes),
        redact: redactor(settings),
        ...(request.dryRun ? { dryRun: true } : {}),
      });
    },

    restore: (request) => restoreTransactions(host, journal, request, redactor(null)),
    check: (request) => checkProxy(host, request),
    detect: (request) =>
      detectProxy(
        host,
        {
          readOs: () => readOsProxyConfig(host),
          goproxy: deps.goproxy,
          ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
        },
        request.urls ?? [],
      ),
    unfinished: async () => {
      const t = await journal.unfinished();
      return t ? summarize(t) : null;
    },
    plan,
    applyPlanned: (planned, options) => applyPlans(host, journal, planned, options),
  };
}

export type { Step as NetProxyStep };
