import { create } from 'zustand';
import type { IpcError, MirrorEntry } from '../../shared/contract';
import { call, subscribe, toIpcError } from '../lib/api';

interface MirrorsState {
  /** The catalogue, then the mirrors the user added. */
  mirrors: MirrorEntry[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Loading or removing failed. */
  error: IpcError | null;
  load(): Promise<void>;
  /** Adds a custom mirror; resolves the service's refusal (a sentence) or null when it was added. */
  add(url: string, name?: string): Promise<IpcError | null>;
  remove(id: string): Promise<void>;
}

export const useMirrors = create<MirrorsState>((set, get) => ({
  mirrors: [],
  status: 'idle',
  error: null,
  load: async () => {
    set({ status: get().status === 'ready' ? 'ready' : 'loading', error: null });
    try {
      set({ status: 'ready', mirrors: (await call('mirrors:list', {})).mirrors });
    } catch (error) {
      set({ status: 'error', error: toIpcError(error) });
    }
  },
  add: async (url, name) => {
    try {
      const list = await call('mirrors:add', { url, ...(name ? { name } : {}) });
      set({ status: 'ready', mirrors: list.mirrors, error: null });
      return null;
    } catch (error) {
      return toIpcError(error);
    }
  },
  remove: async (id) => {
    try {
      set({ status: 'ready', mirrors: (await call('mirrors:remove', { id })).mirrors, error: null });
    } catch (error) {
      set({ error: toIpcError(error) });
    }
  },
}));

/** Reloads when the list changes elsewhere (the tray, the CLI, the settings). */
export function followMirrors(): () => void {
  return subscribe('state:changed', ({ area }) => {
    if (area === 'mirrors' || area === 'settings') void useMirrors.getState().load();
  });
}
