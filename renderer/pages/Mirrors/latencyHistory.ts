import { create } from 'zustand';
import type { HistoryReport, IpcError } from '../../../shared/contract';
import { call, toIpcError } from '../../lib/api';

/** How many probes per mirror the history chart shows at most. */
const HISTORY_LIMIT = 200;

interface LatencyHistoryState {
  history: HistoryReport | null;
  error: IpcError | null;
  load(): Promise<void>;
}

/** The probe history behind the latency chart and the table's health between sessions. */
export const useLatencyHistory = create<LatencyHistoryState>((set) => ({
  history: null,
  error: null,
  load: async () => {
    try {
      set({ history: await call('history:read', { limit: HISTORY_LIMIT }), error: null });
    } catch (error) {
      set({ error: toIpcError(error) });
    }
  },
}));
