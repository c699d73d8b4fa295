import { create } from 'zustand';
import type {
  DoctorFinding,
  GoDownloadResult,
  GoEnvReport,
  GoEnvUndoResult,
  GoEnvWriteResult,
  IpcError,
  MirrorEntry,
  NetProxyChangeResult,
  NetProxyReport,
  NetProxyRestoreResult,
  NetProxyScope,
  ProbeReport,
  ProjectsScanResult,
  ProxyCheckReportOutput,
} from '../../shared/contract';
import { ApiError, call, subscribe, toIpcError } from '../lib/api';
import { goEnvChange } from '../pages/Wizard/goenvPlan';
import { goProxyFor, recommendChain, standings, type ChainChoice } from '../pages/Wizard/recommend';
import { STEPS, VERIFY_STEP } from '../pages/Wizard/steps';
import { useSettings } from './settings';
import { useUi } from './ui';

/**
 * The first-run wizard: what it found (go, the mirrors, the network), what the user chose (the GOPROXY
 * chain, GOPRIVATE, an HTTP proxy), and what it did (the go env write, the proxy change, the verify
 * download), so that Undo takes back exactly the wizard's own changes.
 */

type Status = 'idle' | 'loading' | 'ready' | 'error';
export interface Loaded<T> {
  status: Status;
  value: T | null;
  error: IpcError | null;
}
const idle = <T>(): Loaded<T> => ({ status: 'idle', value: null, error: null });
const loading = <T>(value: T | null = null): Loaded<T> => ({ status: 'loading', value, error: null });
const ready = <T>(value: T): Loaded<T> => ({ status: 'ready', value, error: null });
const failed = <T>(error: unknown): Loaded<T> => ({ status: 'error', value: null, error: toIpcError(error) });

/** Few samples: the wizard wants an answer within seconds, the Mirrors page probes thoroughly. */
export const WIZARD_PROBE_SAMPLES = 3;
export const DEFAULT_VERIFY_MODULE = 'rsc.io/quote@v1.5.2';
const VERIFY_TIMEOUT_MS = 180_000;
/** settings.projectDirs holds at most this many folders. */
const MAX_PROJECT_DIRS = 32;

export interface ProbeState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  runId: string | null;
  /** Samples reported so far, of `total` (mirrors × samples). */
  done: number;
  total: number;
  report: ProbeReport | null;
  error: IpcError | null;
}

export interface ProxyChoice {
  /** False (the default): leave the HTTP proxy settings alone. */
  use: boolean;
  url: string;
  /** NO_PROXY: the hosts that go direct (empty: leave NO_PROXY as it is). */
  noProxy: string;
  scopes: NetProxyScope[];
  test: Loaded<ProxyCheckReportOutput>;
}

export interface ReviewState {
  status: Status;
  goenv: GoEnvWriteResult | null;
  netproxy: NetProxyChangeResult | null;
  error: IpcError | null;
}

export interface ApplyState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** Which part failed, or is running. */
  stage: 'goenv' | 'netproxy' | null;
  goenv: GoEnvWriteResult | null;
  netproxy: NetProxyChangeResult | null;
  error: IpcError | null;
}

export interface VerifyState {
  status: 'idle' | 'running' | 'done' | 'error';
  runId: string | null;
  result: GoDownloadResult | null;
  error: IpcError | null;
  /** The checklist's errors and warnings, looked at after a failed download. */
  findings: Loaded<DoctorFinding[]>;
  /**
   * The newer Go toolchains the scanned projects make go switch to, each proved by a real switch (go
   * downloads it through the new settings, checks it against the checksum database and runs it).
   */
  toolchains: ToolchainProof[];
}

export interface ToolchainProof {
  toolchain: string;
  /** The first scanned project that needs it. */
  project: string;
  /** null while it runs. */
  result: GoDownloadResult | null;
  error: IpcError | null;
}

export interface UndoState {
  status: Status;
  goenv: GoEnvUndoResult[];
  netproxy: NetProxyRestoreResult[];
  error: IpcError | null;
}

interface Data {
  step: number;
  /** The furthest step reached: the indicator lets the user jump back to any step up to it. */
  reached: number;
  go: Loaded<GoEnvReport>;
  mirrors: Loaded<MirrorEntry[]>;
  probe: ProbeState;
  netproxy: Loaded<NetProxyReport>;
  /** The doctor's tls-interception findings (an empty list: none seen). */
  tls: Loaded<DoctorFinding[]>;
  choice: ChainChoice;
  /** Once the user picks mirrors, a new probe no longer overrides the choice. */
  choiceTouched: boolean;
  goprivate: string;
  goprivateTouched: boolean;
  previewModule: string;
  scanPath: string;
  scan: Loaded<ProjectsScanResult>;
  /** Every folder scanned: the checklist looks at them after a failed download. */
  scannedDirs: string[];
  pickerUnavailable: boolean;
  proxy: ProxyChoice;
  review: ReviewState;
  apply: ApplyState;
  /** Go env snapshots and proxy journal entries the wizard made (each Apply adds one): Undo takes them back. */
  made: { goenv: number; netproxy: number };
  verifyModule: string;
  verify: VerifyState;
  finish: Loaded<true>;
  undo: UndoState;
}

interface Actions {
  /** Called when the page opens: a finished run starts over, an unfinished one resumes. */
  begin(): void;
  goTo(step: number): void;
  loadGo(): Promise<void>;
  /** The network step's checks: mirrors probed, the proxy read, TLS looked at. */
  checkNetwork(): Promise<void>;
  runProbe(): Promise<void>;
  cancelProbe(): Promise<void>;
  loadNetProxy(): Promise<void>;
  loadTls(): Promise<void>;
  setChoice(choice: Partial<ChainChoice>): void;
  setGoPrivate(value: string): void;
  setPreviewModule(value: string): void;
  setScanPath(value: string): void;
  pickFolder(): Promise<void>;
  scanFolder(dir: string): Promise<void>;
  setProxy(change: Partial<Omit<ProxyChoice, 'test'>>): void;
  testProxy(): Promise<void>;
  loadReview(): Promise<void>;
  applyChanges(): Promise<void>;
  setVerifyModule(value: string): void;
  runVerify(): Promise<void>;
  cancelVerify(): Promise<void>;
  finishWizard(): Promise<void>;
  undoChanges(): Promise<void>;
}

export type WizardState = Data & Actions;

function initial(): Data {
  return {
    step: 0,
    reached: 0,
    go: idle(),
    mirrors: idle(),
    probe: { status: 'idle', runId: null, done: 0, total: 0, report: null, error: null },
    netproxy: idle(),
    tls: idle(),
    choice: { primary: null, fallback: null },
    choiceTouched: false,
    goprivate: '',
    goprivateTouched: false,
    previewModule: '',
    scanPath: '',
    scan: idle(),
    scannedDirs: [],
    pickerUnavailable: false,
    proxy: { use: false, url: '', noProxy: '', scopes: ['env', 'git'], test: idle() },
    review: { status: 'idle', goenv: null, netproxy: null, error: null },
    apply: { status: 'idle', stage: null, goenv: null, netproxy: null, error: null },
    made: { goenv: 0, netproxy: 0 },
    verifyModule: '',
    verify: { status: 'idle', runId: null, result: null, error: null, findings: idle(), toolchains: [] },
    finish: idle(),
    undo: { status: 'idle', goenv: [], netproxy: [], error: null },
  };
}

let runCounter = 0;
const newRunId = (what: string) => `wizard-${what}-${Date.now().toString(36)}-${++runCounter}`;

/** The GOPROXY and GOPRIVATE the wizard would write. */
export function proposal(choice: ChainChoice, goprivate: string, report: GoEnvReport | null) {
  const goproxy = goProxyFor(choice);
  return { goproxy, goprivate, change: goEnvChange(report, goproxy, goprivate) };
}

/**
 * The Projects page's list with the folders the wizard scanned added. Saved when the wizard finishes,
 * not at each scan: the first settings file is what tells the app its wizard has been through.
 */
function withScanned(dirs: readonly string[], scanned: readonly string[]): string[] {
  const out = [...dirs];
  for (const dir of scanned) if (!out.includes(dir) && out.length < MAX_PROJECT_DIRS) out.push(dir);
  return out;
}

function proxyRequest(proxy: ProxyChoice) {
  const url = proxy.url.trim();
  const noProxy = proxy.noProxy.trim();
  return { http: url, https: url, ...(noProxy ? { noProxy } : {}), scopes: proxy.scopes };
}

export const useWizard = create<WizardState>((set, get) => {
  /** A changed choice makes the preview stale, and a done Apply no longer matches what is shown. */
  const invalidate = (): Partial<Data> => ({
    review: { status: 'idle', goenv: null, netproxy: null, error: null },
    apply: { status: 'idle', stage: null, goenv: null, netproxy: null, error: null },
  });

  /** Within a verify run: each newer toolchain the scanned projects need, switched to for real, in turn. */
  const proveToolchains = async (runId: string): Promise<void> => {
    const needed = new Map<string, string>();
    for (const dir of get().scannedDirs) {
      const report = await call('goenv:toolchain', { project: dir }).catch(() => null);
      const download = report?.download;
      if (report?.run && report.switches && !report.error && download && download.onPath === null)
        if (!needed.has(report.run)) needed.set(report.run, dir);
    }
    const update = (toolchain: string, change: Partial<ToolchainProof>) =>
      set((s) => ({
        verify: {
          ...s.verify,
          toolchains: s.verify.toolchains.map((p) => (p.toolchain === toolchain ? { ...p, ...change } : p)),
        },
      }));
    for (const [toolchain, project] of needed) {
      if (get().verify.runId !== runId) return;
      set((s) => ({
        verify: {
          ...s.verify,
          toolchains: [...s.verify.toolchains, { toolchain, project, result: null, error: null }],
        },
      }));
      try {
        const result = await call('goenv:download', { toolchain, runId, timeoutMs: VERIFY_TIMEOUT_MS });
        update(toolchain, { result });
        if (result.cancelled) return;
      } catch (error) {
        update(toolchain, { error: toIpcError(error) });
      }
    }
  };

  return {
    ...initial(),

    begin() {
      if (get().finish.status === 'ready') set(initial());
      if (get().verifyModule === '') {
        set({ verifyModule: useSettings.getState().settings?.verifyModule ?? DEFAULT_VERIFY_MODULE });
      }
      if (get().go.status === 'idle') void get().loadGo();
    },

    goTo(step) {
      const target = Math.max(0, Math.min(STEPS.length - 1, step));
      set((s) => ({ step: target, reached: Math.max(s.reached, target) }));
    },

    async loadGo() {
      set((s) => ({ go: loading(s.go.value) }));
      try {
        const report = await call('goenv:read', {});
        set((s) => ({
          go: ready(report),
          ...(s.goprivateTouched ? {} : { goprivate: report.vars.GOPRIVATE?.value ?? '' }),
        }));
      } catch (error) {
        set({ go: failed(error) });
      }
    },

    async checkNetwork() {
      const { probe, netproxy, tls } = get();
      if (netproxy.status === 'idle') void get().loadNetProxy();
      if (tls.status === 'idle') void get().loadTls();
      if (probe.status === 'idle') await get().runProbe();
    },

    async runProbe() {
      if (get().probe.status === 'running') return;
      const runId = newRunId('probe');
      set({ probe: { status: 'running', runId, done: 0, total: 0, report: null, error: null } });
      let stop: (() => void) | undefined;
      try {
        let mirrors = get().mirrors.value;
        if (mirrors === null) {
          set({ mirrors: loading() });
          mirrors = (await call('mirrors:list', {})).mirrors;
          set({ mirrors: ready(mirrors) });
        }
        if (mirrors.length === 0) {
          set({ probe: { ...get().probe, status: 'done', report: null } });
          return;
        }
        set((s) => ({ probe: { ...s.probe, total: mirrors.length * WIZARD_PROBE_SAMPLES } }));
        stop = subscribe('probe:progress', (event) => {
          if (event.runId !== runId) return;
          set((s) => ({ probe: { ...s.probe, done: Math.min(s.probe.total, s.probe.done + 1) } }));
        });
        const report = await call('probe:run', {
          runId,
          mirrors: mirrors.map((m) => m.url),
          samples: WIZARD_PROBE_SAMPLES,
        });
        if (get().probe.runId !== runId) return;
        set((s) => ({
          probe: { ...s.probe, status: 'done', report, error: null },
          ...(s.choiceTouched
            ? {}
            : { choice: recommendChain(standings(mirrors, report.results)), ...invalidate() }),
        }));
      } catch (error) {
        if (get().mirrors.status === 'loading') set({ mirrors: failed(error) });
        if (get().probe.runId !== runId) return;
        const cancelled = error instanceof ApiError && error.error.code === 'cancelled';
        set((s) => ({
          probe: {
            ...s.probe,
            status: cancelled ? 'cancelled' : 'error',
            error: cancelled ? null : toIpcError(error),
          },
        }));
      } finally {
        stop?.();
      }
    },

    async cancelProbe() {
      const { runId, status } = get().probe;
      if (status !== 'running' || runId === null) return;
      await call('probe:cancel', { runId }).catch(() => undefined);
    },

    async loadNetProxy() {
      set((s) => ({ netproxy: loading(s.netproxy.value) }));
      try {
        set({ netproxy: ready(await call('netproxy:read', {})) });
      } catch (error) {
        set({ netproxy: failed(error) });
      }
    },

    async loadTls() {
      set({ tls: loading() });
      try {
        const report = await call('doctor:run', { probe: true, language: useUi.getState().language });
        set({ tls: ready(report.findings.filter((f) => f.id === 'tls-interception')) });
      } catch (error) {
        set({ tls: failed(error) });
      }
    },

    setChoice(choice) {
      set((s) => {
        const next = { ...s.choice, ...choice };
        if (next.primary === null || next.fallback === next.primary) next.fallback = null;
        return { choice: next, choiceTouched: true, ...invalidate() };
      });
    },

    setGoPrivate(value) {
      set({ goprivate: value, goprivateTouched: true, ...invalidate() });
    },

    setPreviewModule(value) {
      set({ previewModule: value });
    },

    setScanPath(value) {
      set({ scanPath: value });
    },

    async pickFolder() {
      try {
        const { path } = await call('dialog:pickFolder', {});
        if (path === null) return;
        set({ scanPath: path });
        await get().scanFolder(path);
      } catch (error) {
        if (error instanceof ApiError && error.error.code === 'unavailable') set({ pickerUnavailable: true });
        else set({ scan: failed(error) });
      }
    },

    async scanFolder(dir) {
      const path = dir.trim();
      if (path === '') return;
      set((s) => ({ scan: loading(s.scan.value) }));
      try {
        const result = await call('projects:scan', { dirs: [path] });
        set((s) => ({
          scan: ready(result),
          scannedDirs: s.scannedDirs.includes(path) ? s.scannedDirs : [...s.scannedDirs, path],
        }));
      } catch (error) {
        set({ scan: failed(error) });
      }
    },

    setProxy(change) {
      set((s) => ({
        proxy: { ...s.proxy, ...change, ...(change.url === undefined ? {} : { test: idle() }) },
        ...invalidate(),
      }));
    },

    async testProxy() {
      const { proxy, choice } = get();
      const url = proxy.url.trim();
      if (url === '') return;
      set((s) => ({ proxy: { ...s.proxy, test: loading() } }));
      try {
        const report = await call('netproxy:test', {
          proxy: url,
          ...(choice.primary === null ? {} : { mirror: choice.primary }),
        });
        set((s) => ({ proxy: { ...s.proxy, test: ready(report) } }));
      } catch (error) {
        set((s) => ({ proxy: { ...s.proxy, test: failed(error) } }));
      }
    },

    async loadReview() {
      const state = get();
      if (state.review.status === 'loading') return;
      const { change } = proposal(state.choice, state.goprivate, state.go.value);
      set({ review: { status: 'loading', goenv: null, netproxy: null, error: null } });
      try {
        const goenv = await call('goenv:write', { ...change, dryRun: true });
        const netproxy = state.proxy.use
          ? await call('netproxy:apply', { ...proxyRequest(state.proxy), dryRun: true })
          : null;
        set({ review: { status: 'ready', goenv, netproxy, error: null } });
      } catch (error) {
        set({ review: { status: 'error', goenv: null, netproxy: null, error: toIpcError(error) } });
      }
    },

    async applyChanges() {
      const state = get();
      if (state.apply.status === 'running') return;
      const { change } = proposal(state.choice, state.goprivate, state.go.value);
      // After a failed proxy change the go env part is already written: only the proxy is tried again.
      let goenv = state.apply.stage === 'netproxy' ? state.apply.goenv : null;
      set({
        apply: { status: 'running', stage: 'goenv', goenv, netproxy: null, error: null },
        // A new write starts a new story: an earlier Undo's results no longer describe it.
        undo: { status: 'idle', goenv: [], netproxy: [], error: null },
      });
      if (goenv === null) {
        try {
          goenv = await call('goenv:write', change);
          const written = goenv.snapshot !== null;
          set((s) => ({ made: { ...s.made, goenv: s.made.goenv + (written ? 1 : 0) } }));
        } catch (error) {
          set({
            apply: { status: 'error', stage: 'goenv', goenv: null, netproxy: null, error: toIpcError(error) },
          });
          return;
        }
      }
      // What go reports now decides the next change (GOPRIVATE in the file or not): read it again.
      void get().loadGo();
      if (!state.proxy.use) {
        set({ apply: { status: 'done', stage: null, goenv, netproxy: null, error: null } });
        get().goTo(VERIFY_STEP);
        return;
      }
      set({ apply: { status: 'running', stage: 'netproxy', goenv, netproxy: null, error: null } });
      try {
        const netproxy = await call('netproxy:apply', proxyRequest(state.proxy));
        set((s) => ({
          apply: { status: 'done', stage: null, goenv, netproxy, error: null },
          made: { ...s.made, netproxy: s.made.netproxy + (netproxy.transaction ? 1 : 0) },
        }));
        get().goTo(VERIFY_STEP);
      } catch (error) {
        set({
          apply: { status: 'error', stage: 'netproxy', goenv, netproxy: null, error: toIpcError(error) },
        });
      }
    },

    setVerifyModule(value) {
      set({ verifyModule: value });
    },

    async runVerify() {
      if (get().verify.status === 'running') return;
      const runId = newRunId('verify');
      const module = get().verifyModule.trim();
      set({
        verify: { status: 'running', runId, result: null, error: null, findings: idle(), toolchains: [] },
      });
      try {
        const result = await call('goenv:download', { module, runId, timeoutMs: VERIFY_TIMEOUT_MS });
        if (get().verify.runId !== runId) return;
        if (result.ok) await proveToolchains(runId);
        if (get().verify.runId !== runId) return;
        const explain = !result.ok && !result.cancelled;
        set((s) => ({
          verify: { ...s.verify, status: 'done', result, findings: explain ? loading() : idle() },
        }));
        if (!explain) return;
        try {
          const report = await call('doctor:run', {
            probe: true,
            language: useUi.getState().language,
            ...(get().scannedDirs.length > 0 ? { projects: get().scannedDirs } : {}),
          });
          const relevant = report.findings
            .filter((f) => f.severity !== 'info')
            .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
          if (get().verify.runId === runId)
            set((s) => ({ verify: { ...s.verify, findings: ready(relevant) } }));
        } catch (error) {
          if (get().verify.runId === runId)
            set((s) => ({ verify: { ...s.verify, findings: failed(error) } }));
        }
      } catch (error) {
        if (get().verify.runId !== runId) return;
        set((s) => ({ verify: { ...s.verify, status: 'error', error: toIpcError(error) } }));
      }
    },

    async cancelVerify() {
      const { runId, status } = get().verify;
      if (status !== 'running' || runId === null) return;
      await call('goenv:cancel', { runId }).catch(() => undefined);
    },

    async finishWizard() {
      if (get().finish.status === 'loading' || get().finish.status === 'ready') return;
      set({ finish: loading() });
      try {
        const dirs = useSettings.getState().settings?.projectDirs ?? [];
        await useSettings.getState().save({
          wizardCompletedAt: new Date().toISOString(),
          projectDirs: withScanned(dirs, get().scannedDirs),
        });
        set({ finish: ready(true) });
      } catch (error) {
        set({ finish: failed(error) });
      }
    },

    async undoChanges() {
      if (get().undo.status === 'loading') return;
      set((s) => ({ undo: { ...s.undo, status: 'loading', error: null } }));
      try {
        // Newest first: the proxy change came after the go env write.
        while (get().made.netproxy > 0) {
          const restored = await call('netproxy:restore', {});
          set((s) => ({
            made: { ...s.made, netproxy: s.made.netproxy - 1 },
            undo: { ...s.undo, netproxy: [...s.undo.netproxy, restored] },
          }));
        }
        while (get().made.goenv > 0) {
          const undone = await call('goenv:undo', {});
          set((s) => ({
            made: { ...s.made, goenv: s.made.goenv - 1 },
            undo: { ...s.undo, goenv: [...s.undo.goenv, undone] },
          }));
        }
        // What Apply did is gone now, and a download made with it proves nothing any more: going back
        // to Review offers the changes again.
        set((s) => ({
          undo: { ...s.undo, status: 'ready' },
          verify: {
            status: 'idle',
            runId: null,
            result: null,
            error: null,
            findings: idle(),
            toolchains: [],
          },
          ...invalidate(),
        }));
        void get().loadGo();
      } catch (error) {
        set((s) => ({ undo: { ...s.undo, status: 'error', error: toIpcError(error) } }));
      }
    },
  };
});
