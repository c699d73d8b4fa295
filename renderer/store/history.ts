import { create } from 'zustand';
import type { GoEnvHistory, IpcError } from '../../shared/contract';
import { call, subscribe, toIpcError } from '../lib/api';

interface HistoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** The go env file's snapshots, newest first. */
  entries: GoEnvHistory['entries'];
  error: IpcError | null;
  load(): Promise<void>;
}

export const useHistory = create<HistoryState>((set, get) => ({
  status: 'idle',
  entries: [],
  error: null,
  load: async () => {
    set({ status: get().status === 'ready' ? 'ready' : 'loading', error: null });
    try {
      set({ status: 'ready', entries: (await call('goenv:history', {})).entries });
    } catch (error) {
      set({ status: 'error', error: toIpcError(error) });
    }
  },
}));

/** Reloads when the go env file changes, here or elsewhere (the overview, the tray, the CLI). */
export function followHistory(): () => void {
  return subscribe('state:changed', ({ area }) => {
    if (area === 'goenv') void useHistory.getState().load();
  });
}
