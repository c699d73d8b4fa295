import { create } from 'zustand';
import type { DoctorFixResult, DoctorReport, IpcError } from '../../shared/contract';
import type { Language } from '../../shared/i18n';
import { call, toIpcError } from '../lib/api';

/** What the page says after a fix: it was applied (and can be undone), or it was undone. */
export type FixNotice =
  | { kind: 'applied'; result: DoctorFixResult }
  | { kind: 'undoing'; result: DoctorFixResult }
  | { kind: 'undone'; complete: boolean };

interface DoctorState {
  running: boolean;
  report: DoctorReport | null;
  /** The language the report's words are in. */
  language: Language | null;
  error: IpcError | null;
  notice: FixNotice | null;
  /** The full checklist, live checks included; the newest run's answer wins. */
  run(language: Language): Promise<void>;
  /** What a fix would change, worked out against the settings as they are now. */
  previewFix(id: string, language: Language): Promise<string>;
  applyFix(id: string, language: Language): Promise<void>;
  /** Takes back the last fix: the go env snapshot and the network journal entries it made. */
  undoFix(language: Language): Promise<void>;
  dismissNotice(): void;
}

let latestRun = 0;

export const useDoctor = create<DoctorState>((set, get) => ({
  running: false,
  report: null,
  language: null,
  error: null,
  notice: null,
  async run(language) {
    const ticket = ++latestRun;
    set({ running: true, error: null, language });
    try {
      const report = await call('doctor:run', { language });
      if (ticket === latestRun) set({ report, running: false });
    } catch (error) {
      if (ticket === latestRun) set({ error: toIpcError(error), running: false });
    }
  },
  async previewFix(id, language) {
    // The same scope as the report the fix was offered in, so the same findings (and fixes) come up.
    const probe = get().report?.checked.probed ?? true;
    const result = await call('doctor:fix', { ids: [id], dryRun: true, probe, language });
    return result.preview;
  },
  async applyFix(id, language) {
    const probe = get().report?.checked.probed ?? true;
    const result = await call('doctor:fix', { ids: [id], probe, language });
    // The fix answers with the checklist as it is afterwards; a run still going would be older.
    ++latestRun;
    set({
      report: result.report,
      language,
      running: false,
      error: null,
      notice: { kind: 'applied', result },
    });
  },
  async undoFix(language) {
    const { notice } = get();
    if (notice?.kind !== 'applied') return;
    const { result } = notice;
    set({ notice: { kind: 'undoing', result } });
    try {
      let complete = true;
      if (result.goenvSnapshot) await call('goenv:undo', {});
      // Newest first, one journal entry per restore: the network changes of this fix, in reverse.
      for (let i = 0; i < result.netproxyTransactions.length; i++) {
        complete = (await call('netproxy:restore', {})).complete && complete;
      }
      set({ notice: { kind: 'undone', complete } });
    } catch (error) {
      set({ notice: { kind: 'applied', result }, error: toIpcError(error) });
      return;
    }
    await get().run(language);
  },
  dismissNotice: () => set({ notice: null }),
}));
