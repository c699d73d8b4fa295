import { create } from 'zustand';
import type { IpcError, ProfileList } from '../../shared/contract';
import { call, subscribe, toIpcError } from '../lib/api';

interface ProfilesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  profiles: ProfileList['profiles'];
  error: IpcError | null;
  load(): Promise<void>;
  /** Takes the list a profiles:save or profiles:delete answered with. */
  replace(list: ProfileList): void;
}

export const useProfiles = create<ProfilesState>((set, get) => ({
  status: 'idle',
  profiles: [],
  error: null,
  load: async () => {
    set({ status: get().status === 'ready' ? 'ready' : 'loading', error: null });
    try {
      set({ status: 'ready', profiles: (await call('profiles:list', {})).profiles });
    } catch (error) {
      set({ status: 'error', error: toIpcError(error) });
    }
  },
  replace: (list) => set({ status: 'ready', profiles: list.profiles, error: null }),
}));

/** Reloads when profiles change elsewhere (the tray, the CLI, another window). */
export function followProfiles(): () => void {
  return subscribe('state:changed', ({ area }) => {
    if (area === 'profiles') void useProfiles.getState().load();
  });
}
