import { create } from 'zustand';
import type { GoEnvReport, IpcError } from '../../shared/contract';
import { call, toIpcError } from '../lib/api';

interface EnvState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  report: GoEnvReport | null;
  error: IpcError | null;
  load(): Promise<void>;
}

export const useEnv = create<EnvState>((set) => ({
  status: 'idle',
  report: null,
  error: null,
  load: async () => {
    set({ status: 'loading', error: null });
    try {
      set({ status: 'ready', report: await call('goenv:read', {}) });
    } catch (error) {
      set({ status: 'error', error: toIpcError(error) });
    }
  },
}));
