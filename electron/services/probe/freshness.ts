import type { ProbeResult } from '../../../shared/contract';
import { semverCompare, semverIsValid } from '../../../shared/go/semver';
import { ProbeCancelled } from './classification';
import type { Session } from './sample';
import { below, escapeModulePath, type Endpoint } from './targets';

/**
 * How up to date each mirror is: the @latest of a fast-moving module, compared across the mirrors
 * probed together. A mirror that caches @latest too long serves an older version, and `go get -u`
 * through it misses releases. Reported as the number of versions (from the freshest mirror's
 * @v/list) between the mirror's latest and the freshest one's, and how much older it is.
 */

/** Released several times a week, and cached by every public mirror. */
export const DEFAULT_FRESHNESS_MODULE = 'github.com/aws/aws-sdk-go-v2';

export type Freshness = NonNullable<ProbeResult['freshness']>;

export type Latest = { version: string; time?: string; versions: string[] } | { error: string };

const MAX_LIST_BYTES = 1024 * 1024;

export async function fetchLatest(session: Session, base: Endpoint, module: string): Promise<Latest> {
  const escaped = escapeModulePath(module);
  if (!escaped.ok) return { error: escaped.error };
  try {
    const latest = await session.fetch(below(base, `${escaped.value}/@latest`), { maxBytes: 64 * 1024 });
    if (latest.answer.status !== 200) return { error: `@latest answered HTTP ${latest.answer.status}` };
    const info = JSON.parse(latest.answer.body.toString('utf8')) as { Version?: unknown; Time?: unknown };
    if (typeof info.Version !== 'string') return { error: '@latest did not name a version' };
    const list = await session.fetch(below(base, `${escaped.value}/@v/list`), { maxBytes: MAX_LIST_BYTES });
    const versions =
      list.answer.status === 200 ? list.answer.body.toString('utf8').split('\n').filter(Boolean) : [];
    return { version: info.Version, ...(typeof info.Time === 'string' ? { time: info.Time } : {}), versions };
  } catch (error) {
    if (error instanceof ProbeCancelled) throw error;
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Each mirror's freshness against the freshest of them. */
export function compareFreshness(
  module: string,
  latest: ReadonlyMap<string, Latest>,
): Map<string, Freshness> {
  let newest: { version: string; time?: string; versions: string[] } | undefined;
  for (const answer of latest.values()) {
    if ('error' in answer || !semverIsValid(answer.version)) continue;
    if (newest === undefined || semverCompare(answer.version, newest.version) > 0) newest = answer;
  }
  const out = new Map<string, Freshness>();
  for (const [id, answer] of latest) {
    if ('error' in answer) {
      out.set(id, { module, error: answer.error });
      continue;
    }
    const entry: Freshness = {
      module,
      latest: answer.version,
      ...(answer.time ? { time: answer.time } : {}),
    };
    if (newest !== undefined && semverIsValid(answer.version)) {
      const mine = answer.version;
      const top = newest.version;
      const between = newest.versions.filter(
        (v) => semverIsValid(v) && semverCompare(v, mine) > 0 && semverCompare(v, top) <= 0,
      ).length;
      // A list without the newest version (pseudo-versions are not listed) still means one behind.
      entry.behind = semverCompare(top, mine) > 0 ? Math.max(1, between) : 0;
      const age = Date.parse(newest.time ?? '') - Date.parse(answer.time ?? '');
      if (Number.isFinite(age)) entry.behindMs = Math.max(0, age);
    }
    out.set(id, entry);
  }
  return out;
}
