import { fromBytes, quote, toBytes, trimSpace } from './gostrings';
import { matchPrefixPatterns } from './patterns';
import type { GoResult } from './result';

/**
 * GOVCS: which version control tools a direct (non-proxy) fetch may run, as cmd/go/internal/vcs
 * (parseGOVCS, allow, CheckGOVCS) decides.
 */
export interface GoVcsRule {
  /** 'public', 'private' or a MatchPrefixPatterns glob (never containing a comma). */
  pattern: string;
  /** Tool names such as 'git' or 'hg'; 'all' allows any, and 'off'/'none' are just names nothing has. */
  allowed: string[];
}

/** What go appends after the user's rules: anything for private modules, git and hg for public ones. */
export const DEFAULT_GOVCS_RULES: readonly GoVcsRule[] = [
  { pattern: 'private', allowed: ['all'] },
  { pattern: 'public', allowed: ['git', 'hg'] },
];

/**
 * parseGOVCS followed by go's defaults: the rules in the order go tries them (the first rule whose
 * pattern matches decides). An error is go's message, verbatim.
 */
export function parseGoVcs(value: string): GoResult<GoVcsRule[]> {
  const s = trimSpace(toBytes(value));
  const rules: GoVcsRule[] = [];
  const have = new Map<string, string>();
  const fail = (error: string): GoResult<GoVcsRule[]> => ({ ok: false, error: fromBytes(error) });
  for (const entry of s === '' ? [] : s.split(',')) {
    const item = trimSpace(entry);
    if (item === '') return fail('empty entry in GOVCS');
    const colon = item.indexOf(':');
    if (colon < 0) return fail(`malformed entry in GOVCS (missing colon): ${quote(item)}`);
    const pattern = trimSpace(item.slice(0, colon));
    const list = trimSpace(item.slice(colon + 1));
    if (pattern === '') return fail(`empty pattern in GOVCS: ${quote(item)}`);
    if (list === '') return fail(`empty VCS list in GOVCS: ${quote(item)}`);
    if (/^\.\.?(\/|$)/.test(pattern)) return fail(`relative pattern not allowed in GOVCS: ${quote(pattern)}`);
    const old = have.get(pattern);
    if (old !== undefined) return fail(`unreachable pattern in GOVCS: ${quote(item)} after ${quote(old)}`);
    have.set(pattern, item);
    const allowed = list.split('|').map(trimSpace);
    if (allowed.includes('')) return fail(`empty VCS name in GOVCS: ${quote(item)}`);
    rules.push({ pattern: fromBytes(pattern), allowed: allowed.map(fromBytes) });
  }
  return { ok: true, value: [...rules, ...DEFAULT_GOVCS_RULES] };
}

/**
 * govcsConfig.allow: whether the first rule matching the module (by 'public'/'private' or by glob)
 * lists this tool or 'all'. A module no rule matches may use nothing.
 */
export function allowedVcs(
  rules: readonly GoVcsRule[],
  modulePath: string,
  isPrivate: boolean,
  vcs: string,
): boolean {
  for (const rule of rules) {
    const match =
      rule.pattern === 'private'
        ? isPrivate
        : rule.pattern === 'public'
          ? !isPrivate
          : matchPrefixPatterns(rule.pattern, modulePath);
    if (match) return rule.allowed.some((allow) => allow === vcs || allow === 'all');
  }
  return false;
}
