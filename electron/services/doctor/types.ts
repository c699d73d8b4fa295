import type {
  GoEnvOverride,
  GoEnvReport,
  NetProxyApplyRequest,
  ProxyDetectResult,
} from '../../../shared/contract';
import type { ProxyConfig } from '../../../shared/go/noproxy';
import type { GoRelease, GoVersionFacts } from '../../../shared/go/versions';
import type { AuthReport } from '../goenv/credentials';
import type { Language } from '../../../shared/i18n';
import type { OsProxyConfig } from '../netproxy/os-proxy';
import type { ChecksumFacts } from './checksums';
import type { NetworkFacts } from './network';
import type { NginxFacts } from './nginx';
import type { ProjectFacts } from './projects';

/**
 * The doctor's vocabulary. Rules are pure functions of one gathered Facts object, so each can be
 * tested by building Facts by hand; gathering (gather.ts) is the only part that touches the world.
 * Each rule brings its own texts in both languages; a hit fills their {{placeholders}}.
 */

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export type Family = 'syntax' | 'integrity' | 'upstream' | 'timeout' | 'leak';

/** What the go command sees, read once. */
export interface GoFacts {
  /** `goproxy-desk env`'s report: every variable with its value and source, go's path and version. */
  report: GoEnvReport;
  /** The env file's text exactly as stored (CRLF and all), or null when there is none. */
  envFileText: string | null;
  /** go's release, or null when go is missing or its version unreadable. */
  release: GoRelease | null;
  /** What that release does (shared/go/versions.ts); the newest known release's facts without go. */
  version: GoVersionFacts;
  /** OS variables that override the env file, with where they are set (goenv's overrides). */
  overrides: GoEnvOverride[];
  /** Every OS environment variable whose name starts with GO (to find misspelt or invented ones). */
  osGoVars: Record<string, string>;
  /** Where go gets credentials for the GOPROXY mirrors and GOPRIVATE hosts (GOAUTH, .netrc). */
  auth: AuthReport;
  /** The GOOS/GOARCH go runs on (a toolchain download is for them). */
  platform: { goos: string; goarch: string };
  /** The HTTP proxy settings of this process's environment (what go itself would use). */
  processProxy: ProxyConfig;
  /** `git config --global --get http.proxy` (go runs git for direct and private modules); null when unset or no git. */
  gitProxy: string | null;
}

export interface Facts {
  go: GoFacts;
  /** go.mod / go.work / git remotes of the projects looked at; null when none was given or found. */
  projects: ProjectFacts | null;
  /** Parsed nginx configurations given with --nginx; null when none. */
  nginx: NginxFacts | null;
  /** What live checks observed (probes of the GOPROXY entries, the HTTP proxy, the checksum DB...); null with --no-probe. */
  network: NetworkFacts | null;
  /** Each mirror's copy of a sample module checked against the checksum database; null with --no-probe. */
  checksums: ChecksumFacts | null;
  /** How the OS (and the browser) chooses proxies, PAC decisions included; null with --no-probe or when not asked. */
  osProxy: ProxyDetectResult | null;
  /** The OS proxy setting alone (read locally, no script fetched): there even with --no-probe; null when not read. */
  osProxyConfig?: OsProxyConfig | null;
}

export interface RuleText {
  /** One line naming the problem. */
  title: string;
  /** What was found and why it matters. */
  detail: string;
  /** What to do about it. */
  remedy: string;
}

/** A fix the doctor can apply through the existing services: previewed, snapshotted, undoable. */
export interface FixSpec {
  /** Stable id, what `doctor --fix ID` names: usually the rule id. */
  id: string;
  summary: Record<Language, string>;
  action:
    | { kind: 'goenv'; set?: string[]; unset?: string[] }
    | { kind: 'netproxy'; request: Omit<NetProxyApplyRequest, 'dryRun'> };
}

export interface Hit {
  /** Values for the {{placeholders}} of the rule's texts (never a secret). */
  params?: Record<string, string>;
  /** What was observed, one fact per line, with values ("GOPROXY=... (env file)"); never a secret. */
  evidence: string[];
  /** Overrides the rule's severity for this hit (e.g. a dead mirror is worse than a slow one). */
  severity?: Severity;
  fix?: FixSpec;
}

export interface Rule {
  /** Stable, kebab-case, unique: part of the JSON interface. */
  id: string;
  family: Family;
  severity: Severity;
  text: Record<Language, RuleText>;
  /** Zero or more hits; must not throw for facts it does not need (return []). */
  check(facts: Facts): Hit[];
}
