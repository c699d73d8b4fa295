import type { ProbeResult } from '../../shared/contract';
import { pickFastest } from '../services/probe/summary';

/**
 * The background health policy (DESIGN §8), pure: what to do after each background probe of the mirror
 * GOPROXY starts with. The main process owns the timer and the side effects; this decides.
 *
 * - A probe in which no sample succeeded (status 'dead') is a failure; any other status is a success
 *   and ends the run of failures, so a mirror that fails now and then never triggers anything.
 * - After `autoSwitchAfterFailures` failures in a row the mirror counts as down. With auto-switch off the
 *   user is told once per outage. With it on, the others are probed and GOPROXY moves to the fastest
 *   healthy one; while none is healthy nothing changes (told once), and the next failed probe looks again.
 * - A mirror that comes back after the user was told it was down is announced once.
 * - Counting starts over whenever GOPROXY starts with another mirror (the user's switch, or ours), so a
 *   switch never leads straight to another; nothing ever switches back just because a mirror recovered.
 * - Errors that appear in the checklist are announced once each; the first run is the baseline.
 */

export interface HealthSettings {
  autoSwitch: boolean;
  autoSwitchAfterFailures: number;
}

export interface WatchedMirror {
  url: string;
  /** For messages. */
  name: string;
}

export interface ChecklistError {
  id: string;
  title: string;
}

export interface HealthState {
  /** The mirror the count is about. */
  mirror: string | null;
  /** Its failed background probes in a row. */
  failures: number;
  /** What the user was told during the current outage. */
  told: 'nothing' | 'down' | 'no-healthy' | 'switch-failed';
  /** The checklist's error ids at its last run; null before the first. */
  checklistErrors: readonly string[] | null;
}

export const INITIAL_HEALTH: HealthState = {
  mirror: null,
  failures: 0,
  told: 'nothing',
  checklistErrors: null,
};

export interface Observation {
  /** GOPROXY's first entry when it is a mirror; null for direct, off, or a value go rejects. */
  active: WatchedMirror | null;
  /** This round's probe of the active mirror; null when there was none (probing off, cancelled). */
  result: Pick<ProbeResult, 'status'> | null;
  /** This round's checklist errors; null when the checklist was not run. */
  checklist: readonly ChecklistError[] | null;
}

export type HealthDecision =
  /** Auto-switch off: tell the user the mirror is down (once per outage). */
  | { type: 'notify-down'; mirror: WatchedMirror; failures: number }
  /** Auto-switch on: probe the other mirrors and pass the results to chooseReplacement. */
  | { type: 'find-replacement'; mirror: WatchedMirror; failures: number }
  | { type: 'notify-recovered'; mirror: WatchedMirror }
  | { type: 'notify-checklist'; errors: ChecklistError[] };

export interface Assessment {
  state: HealthState;
  decisions: HealthDecision[];
}

export function assessHealth(
  state: HealthState,
  observation: Observation,
  settings: HealthSettings,
): Assessment {
  const decisions: HealthDecision[] = [];
  let next: HealthState = { ...state };

  const { active, result } = observation;
  if (active === null) {
    next = { ...next, mirror: null, failures: 0, told: 'nothing' };
  } else {
    if (next.mirror === null || next.mirror !== active.url) {
      next = { ...next, mirror: active.url, failures: 0, told: 'nothing' };
    }
    if (result !== null) {
      if (result.status === 'dead') {
        const failures = next.failures + 1;
        next = { ...next, failures };
        const threshold = Math.max(1, settings.autoSwitchAfterFailures);
        if (failures >= threshold) {
          if (settings.autoSwitch) {
            decisions.push({ type: 'find-replacement', mirror: active, failures });
          } else if (next.told === 'nothing') {
            decisions.push({ type: 'notify-down', mirror: active, failures });
            next = { ...next, told: 'down' };
          }
        }
      } else {
        if (next.told !== 'nothing') decisions.push({ type: 'notify-recovered', mirror: active });
        next = { ...next, failures: 0, told: 'nothing' };
      }
    }
  }

  if (observation.checklist !== null) {
    const ids = observation.checklist.map((e) => e.id);
    if (next.checklistErrors !== null) {
      const known = new Set(next.checklistErrors);
      const fresh = observation.checklist.filter((e) => !known.has(e.id));
      if (fresh.length > 0) decisions.push({ type: 'notify-checklist', errors: fresh });
    }
    next = { ...next, checklistErrors: ids };
  }

  return { state: next, decisions };
}

export type ReplacementDecision =
  | { type: 'switch'; from: WatchedMirror; to: { id: string; url: string; p50: number } }
  /** No other mirror is healthy: nothing changes; told once per outage. */
  | { type: 'notify-no-healthy'; mirror: WatchedMirror };

/**
 * After 'find-replacement': the fastest healthy mirror among the probed others (every sample answered,
 * status ok — the rule of `use fastest`), never the failing one itself.
 */
export function chooseReplacement(
  state: HealthState,
  failing: WatchedMirror,
  results: readonly ProbeResult[],
  sameMirror: (a: string, b: string) => boolean,
): { state: HealthState; decisions: ReplacementDecision[] } {
  const best = pickFastest(results.filter((r) => !sameMirror(r.url, failing.url)));
  if (best !== null) {
    return {
      // The next observation sees GOPROXY start with the new mirror and starts counting for it.
      state,
      decisions: [
        { type: 'switch', from: failing, to: { id: best.id, url: best.url, p50: best.latency.p50! } },
      ],
    };
  }
  if (state.told === 'no-healthy') return { state, decisions: [] };
  return {
    state: { ...state, told: 'no-healthy' },
    decisions: [{ type: 'notify-no-healthy', mirror: failing }],
  };
}

/** The switch itself failed (go missing, the env file not writable): told once per outage, retried next time. */
export function recordSwitchFailure(state: HealthState): { state: HealthState; notify: boolean } {
  return { state: { ...state, told: 'switch-failed' }, notify: state.told !== 'switch-failed' };
}
