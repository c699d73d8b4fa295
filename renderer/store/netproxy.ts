import { create } from 'zustand';
import type {
  IpcError,
  NetProxyReport,
  NetProxyRestoreRequest,
  NetProxyRestoreResult,
} from '../../shared/contract';
import { call, subscribe, toIpcError } from '../lib/api';

interface NetProxyState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** The proxy per scope, the process environment's proxy, the journal and any unfinished change. */
  report: NetProxyReport | null;
  error: IpcError | null;
  restoring: boolean;
  /** The last restore's outcome, shown wherever Restore was pressed (the banner, the journal). */
  restoreResult: NetProxyRestoreResult | null;
  restoreError: IpcError | null;
  load(): Promise<void>;
  restore(request?: NetProxyRestoreRequest): Promise<void>;
}

export const useNetProxy = create<NetProxyState>((set, get) => ({
  status: 'idle',
  report: null,
  error: null,
  restoring: false,
  restoreResult: null,
  restoreError: null,
  load: async () => {
    // A reload keeps the old report on screen ('ready') so the page does not flicker.
    set({ status: get().report ? 'ready' : 'loading', error: null });
    try {
      set({ status: 'ready', report: await call('netproxy:read', {}) });
    } catch (error) {
      set({ status: 'error', error: toIpcError(error) });
    }
  },
  restore: async (request = {}) => {
    set({ restoring: true, restoreResult: null, restoreError: null });
    try {
      set({ restoreResult: await call('netproxy:restore', request) });
    } catch (error) {
      set({ restoreError: toIpcError(error) });
    } finally {
      set({ restoring: false });
      await get().load();
    }
  },
}));

/** Reloads when the network settings change, here or elsewhere (a profile, the tray, the doctor's fixes). */
export function followNetProxy(): () => void {
  return subscribe('state:changed', ({ area }) => {
    if (area === 'netproxy' || area === 'profiles') void useNetProxy.getState().load();
  });
}
