import { create } from 'zustand';
import type { IpcError, ProbeProgress, ProbeReport } from '../../shared/contract';
import { call, subscribe, toIpcError } from '../lib/api';
import { useMirrors } from './mirrors';

interface ProbeState {
  running: boolean;
  runId: string | null;
  report: ProbeReport | null;
  /** The last run's failure; code 'cancelled' after Cancel. */
  error: IpcError | null;
  /** Samples answered so far in this run, out of `total` (mirrors × samples per mirror). */
  done: number;
  total: number;
  /** Probes the named mirrors (catalogue ids or URLs), or every listed mirror; null when it failed. */
  run(request?: { mirrors?: string[] }): Promise<ProbeReport | null>;
  cancel(): Promise<void>;
}

/** Enough samples for a median and a p95 that mean something, few enough to finish in seconds. */
export const PROBE_SAMPLES = 5;
const CANCEL_RETRY_MS = 100;

const sampleListeners = new Set<(p: ProbeProgress) => void>();
let stopFeed: (() => void) | null = null;
let inFlight: Promise<ProbeReport | null> | null = null;
let runs = 0;

/**
 * Every sample of the current run, as it arrives, for charts that draw imperatively: feeding them
 * through React state would re-render the page dozens of times a second.
 */
export function onSample(listener: (p: ProbeProgress) => void): () => void {
  sampleListeners.add(listener);
  return () => sampleListeners.delete(listener);
}

export const useProbe = create<ProbeState>((set, get) => ({
  running: false,
  runId: null,
  report: null,
  error: null,
  done: 0,
  total: 0,
  run(request = {}) {
    // A second "Probe now" while one runs joins it rather than starting a competing run.
    if (inFlight) return inFlight;
    const runId = `renderer-${Date.now()}-${++runs}`;
    inFlight = (async () => {
      set({ running: true, runId, error: null, done: 0, total: 0 });
      stopFeed ??= subscribe('probe:progress', (event) => {
        if (event.runId !== get().runId) return;
        set((s) => ({ done: s.done + 1, total: Math.max(s.total, s.done + 1) }));
        for (const listener of sampleListeners) listener(event);
      });
      try {
        const count = request.mirrors?.length ?? (await mirrorCount());
        set((s) => ({ total: Math.max(s.total, count * PROBE_SAMPLES) }));
        const report = await call('probe:run', {
          runId,
          samples: PROBE_SAMPLES,
          ...(request.mirrors ? { mirrors: request.mirrors } : {}),
        });
        set({ report, running: false, runId: null, done: get().total });
        return report;
      } catch (error) {
        set({ running: false, runId: null, error: toIpcError(error) });
        return null;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  },
  async cancel() {
    const { runId } = get();
    if (runId === null) return;
    try {
      // Cancel can come before main has registered the run (probe:run still on its way): keep asking
      // until main cancels it or the run ends by itself.
      while ((await call('probe:cancel', { runId })).cancelled === 0 && get().runId === runId) {
        await new Promise((resolve) => setTimeout(resolve, CANCEL_RETRY_MS));
      }
    } catch (error) {
      set({ error: toIpcError(error) });
    }
  },
}));

/** How many mirrors a run without a list probes: every listed one (the catalogue and the user's). */
async function mirrorCount(): Promise<number> {
  const mirrors = useMirrors.getState();
  if (mirrors.status !== 'ready') await mirrors.load();
  return useMirrors.getState().mirrors.length;
}
