import { create } from 'zustand';
import type {
  DoctorFinding,
  IpcError,
  NetProxyChangeResult,
  NetProxyRestoreResult,
  ProjectApplyRequest,
  ProjectLayersResult,
  ProjectTarget,
} from '../../shared/contract';
import type { Language } from '../../shared/i18n';
import { ApiError, call, toIpcError } from '../lib/api';
import { projectOnly } from '../pages/Projects/layers';
import { useSettings } from './settings';

/**
 * The Projects page: the folders in settings.projectDirs, one selected at a time, with what its files
 * set per build (projects:layers), the checklist findings it adds, and writing to or restoring its
 * .envrc / .vscode/settings.json (preview first).
 */

type Status = 'idle' | 'loading' | 'ready' | 'error';
export interface Loaded<T> {
  status: Status;
  value: T | null;
  error: IpcError | null;
}
const idle = <T>(): Loaded<T> => ({ status: 'idle', value: null, error: null });

export interface ChangeState {
  status: 'idle' | 'previewing' | 'preview' | 'writing' | 'done' | 'error';
  /** The request previewed: Write sends exactly this, without dryRun. */
  request: ProjectApplyRequest | null;
  result: NetProxyChangeResult | null;
  error: IpcError | null;
}

export interface RestoreState {
  status: 'idle' | 'previewing' | 'preview' | 'restoring' | 'done' | 'error';
  result: NetProxyRestoreResult | null;
  error: IpcError | null;
}

interface Data {
  selected: string | null;
  /** No folder dialog here (browser mode, tests): the path field is the way to add a folder. */
  pickerUnavailable: boolean;
  /** Adding or removing a folder failed. */
  listError: IpcError | null;
  /** A typed path that is not a full path, or not a folder on the machine the app runs on. */
  pathError: { kind: 'relative' | 'missing'; dir: string } | null;
  layers: Loaded<ProjectLayersResult>;
  findings: Loaded<DoctorFinding[]>;
  change: ChangeState;
  restore: RestoreState;
}

interface Actions {
  /** The page opens: the selected folder is read again (its files may have changed), or the first one selected. */
  open(dirs: readonly string[], language: Language): void;
  /** Selects the first folder when none (or one no longer listed) is selected. */
  ensureSelection(dirs: readonly string[], language: Language): void;
  select(dir: string, language: Language): void;
  pickFolder(language: Language): Promise<void>;
  addFolder(path: string, language: Language): Promise<void>;
  removeFolder(dir: string, language: Language): Promise<void>;
  loadLayers(): Promise<void>;
  loadFindings(language: Language): Promise<void>;
  previewChange(to: ProjectTarget, key: string, value: string): Promise<void>;
  writeChange(language: Language): Promise<void>;
  cancelChange(): void;
  previewRestore(): Promise<void>;
  restoreChanges(language: Language): Promise<void>;
  cancelRestore(): void;
}

export type ProjectsState = Data & Actions;

const freshChanges = (): Pick<Data, 'change' | 'restore'> => ({
  change: { status: 'idle', request: null, result: null, error: null },
  restore: { status: 'idle', result: null, error: null },
});

export function initialProjects(): Data {
  return {
    selected: null,
    pickerUnavailable: false,
    listError: null,
    pathError: null,
    layers: idle(),
    findings: idle(),
    ...freshChanges(),
  };
}

const projectDirs = () => useSettings.getState().settings?.projectDirs ?? [];

export const useProjects = create<ProjectsState>((set, get) => {
  /** An answer for a folder that is no longer selected is dropped. */
  const stillSelected = (dir: string) => get().selected === dir;

  const reload = (language: Language) => Promise.all([get().loadLayers(), get().loadFindings(language)]);

  return {
    ...initialProjects(),

    open(dirs, language) {
      const { selected } = get();
      if (selected !== null && dirs.includes(selected)) void reload(language);
      else get().ensureSelection(dirs, language);
    },

    ensureSelection(dirs, language) {
      const { selected } = get();
      if (selected !== null && dirs.includes(selected)) return;
      if (dirs.length === 0) set({ selected: null, layers: idle(), findings: idle(), ...freshChanges() });
      else get().select(dirs[0]!, language);
    },

    select(dir, language) {
      set({ selected: dir, layers: idle(), findings: idle(), ...freshChanges() });
      void reload(language);
    },

    async pickFolder(language) {
      set({ listError: null });
      try {
        const { path } = await call('dialog:pickFolder', {});
        if (path !== null) await get().addFolder(path, language);
      } catch (error) {
        if (error instanceof ApiError && error.error.code === 'unavailable') set({ pickerUnavailable: true });
        else set({ listError: toIpcError(error) });
      }
    },

    async addFolder(path, language) {
      const dir = path.trim();
      if (dir === '') return;
      set({ listError: null, pathError: null });
      if (!isFullPath(dir)) {
        set({ pathError: { kind: 'relative', dir } });
        return;
      }
      const dirs = projectDirs();
      try {
        if (!dirs.includes(dir)) {
          // A typo is caught here rather than kept in the list (the picker only offers folders).
          if (!(await call('projects:layers', { dir })).isFolder) {
            set({ pathError: { kind: 'missing', dir } });
            return;
          }
          await useSettings.getState().save({ projectDirs: [...dirs, dir] });
        }
        get().select(dir, language);
      } catch (error) {
        set({ listError: toIpcError(error) });
      }
    },

    async removeFolder(dir, language) {
      set({ listError: null });
      const rest = projectDirs().filter((d) => d !== dir);
      try {
        await useSettings.getState().save({ projectDirs: rest });
        get().ensureSelection(rest, language);
      } catch (error) {
        set({ listError: toIpcError(error) });
      }
    },

    async loadLayers() {
      const dir = get().selected;
      if (dir === null) return;
      set((s) => ({ layers: { status: 'loading', value: s.layers.value, error: null } }));
      try {
        const value = await call('projects:layers', { dir });
        if (stillSelected(dir)) set({ layers: { status: 'ready', value, error: null } });
      } catch (error) {
        if (stillSelected(dir)) set({ layers: { status: 'error', value: null, error: toIpcError(error) } });
      }
    },

    async loadFindings(language) {
      const dir = get().selected;
      if (dir === null) return;
      set((s) => ({ findings: { status: 'loading', value: s.findings.value, error: null } }));
      try {
        // Both without probing and in the same language, so the same finding has the same title in both.
        const [withProject, machine] = await Promise.all([
          call('doctor:run', { projects: [dir], probe: false, language }),
          call('doctor:run', { probe: false, language }),
        ]);
        const value = projectOnly(withProject.findings, machine.findings);
        if (stillSelected(dir)) set({ findings: { status: 'ready', value, error: null } });
      } catch (error) {
        if (stillSelected(dir)) set({ findings: { status: 'error', value: null, error: toIpcError(error) } });
      }
    },

    async previewChange(to, key, value) {
      const dir = get().selected;
      if (dir === null) return;
      const request: ProjectApplyRequest = { dir, to, set: { [key]: value.trim() } };
      set({ change: { status: 'previewing', request, result: null, error: null } });
      try {
        const result = await call('projects:apply', { ...request, dryRun: true });
        if (stillSelected(dir)) set({ change: { status: 'preview', request, result, error: null } });
      } catch (error) {
        if (stillSelected(dir))
          set({ change: { status: 'error', request, result: null, error: toIpcError(error) } });
      }
    },

    async writeChange(language) {
      const { request } = get().change;
      if (request === null) return;
      set((s) => ({ change: { ...s.change, status: 'writing', error: null } }));
      try {
        const result = await call('projects:apply', { ...request, dryRun: false });
        if (!stillSelected(request.dir)) return;
        set({ change: { status: 'done', request, result, error: null } });
        await reload(language);
      } catch (error) {
        if (stillSelected(request.dir))
          set((s) => ({ change: { ...s.change, status: 'preview', error: toIpcError(error) } }));
      }
    },

    cancelChange() {
      set({ change: freshChanges().change });
    },

    async previewRestore() {
      const dir = get().selected;
      if (dir === null) return;
      set({ restore: { status: 'previewing', result: null, error: null } });
      try {
        const result = await call('projects:restore', { dir, dryRun: true });
        if (stillSelected(dir)) set({ restore: { status: 'preview', result, error: null } });
      } catch (error) {
        if (stillSelected(dir)) set({ restore: { status: 'error', result: null, error: toIpcError(error) } });
      }
    },

    async restoreChanges(language) {
      const dir = get().selected;
      if (dir === null) return;
      set((s) => ({ restore: { ...s.restore, status: 'restoring', error: null } }));
      try {
        const result = await call('projects:restore', { dir, dryRun: false });
        if (!stillSelected(dir)) return;
        set({ restore: { status: 'done', result, error: null }, change: freshChanges().change });
        await reload(language);
      } catch (error) {
        if (stillSelected(dir))
          set((s) => ({ restore: { ...s.restore, status: 'preview', error: toIpcError(error) } }));
      }
    },

    cancelRestore() {
      set({ restore: freshChanges().restore });
    },
  };
});

/** A path from the root: /home/me/app, C:\src\app or \\server\share (the services would resolve a relative one from their own folder). */
export function isFullPath(dir: string): boolean {
  return dir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(dir) || dir.startsWith('\\\\');
}
