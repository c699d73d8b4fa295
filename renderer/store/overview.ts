import { create } from 'zustand';
import type {
  DoctorReport,
  GoEnvReport,
  HistoryReport,
  IpcError,
  NetProxyReport,
} from '../../shared/contract';
import { call, subscribe, toIpcError } from '../lib/api';
import { useSettings } from './settings';
import { useUi } from './ui';

/** One independently loaded part of the overview: each card fills in as its answer arrives. */
export interface Part<T> {
  value: T | null;
  error: IpcError | null;
  loading: boolean;
}

const empty = <T>(): Part<T> => ({ value: null, error: null, loading: false });

interface OverviewState {
  env: Part<GoEnvReport>;
  history: Part<HistoryReport>;
  netproxy: Part<NetProxyReport>;
  doctor: Part<DoctorReport>;
  /** The same quick checklist with the project folders: what it adds are the projects' findings. */
  projects: Part<DoctorReport>;
  loadEnv(): Promise<void>;
  loadHistory(): Promise<void>;
  loadNetproxy(): Promise<void>;
  /** In the UI's language: the overview shows each problem's title and remedy. */
  loadDoctor(): Promise<void>;
  loadProjects(dirs: readonly string[]): Promise<void>;
  /**
   * Everything, each card filling in as its answer arrives. go's settings come first: the doctor and
   * the proxy reading start their own processes (go, git...), which on a two-core machine would slow
   * the `go env` the page is waiting for; they start once it has answered.
   */
  loadAll(): Promise<void>;
}

type PartKey = 'env' | 'history' | 'netproxy' | 'doctor' | 'projects';

/** Answers that arrive after a newer request for the same part are dropped. */
const latest: Record<PartKey, number> = { env: 0, history: 0, netproxy: 0, doctor: 0, projects: 0 };

export const useOverview = create<OverviewState>((set, get) => {
  async function load<K extends PartKey>(
    key: K,
    fetch: () => Promise<NonNullable<OverviewState[K]['value']>>,
  ): Promise<void> {
    const ticket = ++latest[key];
    set({ [key]: { ...get()[key], loading: true, error: null } } as Pick<OverviewState, K>);
    try {
      const value = await fetch();
      if (ticket === latest[key])
        set({ [key]: { value, error: null, loading: false } } as Pick<OverviewState, K>);
    } catch (error) {
      if (ticket === latest[key]) {
        set({ [key]: { ...get()[key], error: toIpcError(error), loading: false } } as Pick<OverviewState, K>);
      }
    }
  }
  return {
    env: empty(),
    history: empty(),
    netproxy: empty(),
    doctor: empty(),
    projects: empty(),
    loadEnv: () => load('env', () => call('goenv:read', {})),
    loadHistory: () => load('history', () => call('history:read', { limit: 1 })),
    loadNetproxy: () => load('netproxy', () => call('netproxy:read', {})),
    loadDoctor: () =>
      load('doctor', () => call('doctor:run', { probe: false, language: useUi.getState().language })),
    loadProjects: (dirs) => load('projects', () => call('doctor:run', { projects: [...dirs], probe: false })),
    async loadAll() {
      const s = get();
      void s.loadHistory();
      await s.loadEnv();
      void s.loadNetproxy();
      void s.loadDoctor();
    },
  };
});

/** Reloads what a change elsewhere (the tray, the CLI, another page) may have made stale. */
export function followOverview(): () => void {
  return subscribe('state:changed', ({ area }) => {
    const s = useOverview.getState();
    if (area === 'goenv') void s.loadEnv();
    if (area === 'netproxy' || area === 'profiles') void s.loadNetproxy();
    if (area === 'goenv' || area === 'netproxy' || area === 'profiles' || area === 'doctor') {
      void s.loadDoctor();
      const dirs = useSettings.getState().settings?.projectDirs ?? [];
      if (dirs.length > 0) void s.loadProjects(dirs);
    }
  });
}
