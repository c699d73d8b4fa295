import { create } from 'zustand';
import type { IpcError, ProxyDetectResult } from '../../shared/contract';
import { call, toIpcError } from '../lib/api';

/** What the OS decides about proxies (issue 17), shared by the Proxy page and the wizard's network step. */
interface ProxyDetectState {
  status: 'idle' | 'detecting' | 'ready' | 'error';
  result: ProxyDetectResult | null;
  error: IpcError | null;
  detect(): Promise<void>;
}

export type ProxySuggestion = NonNullable<ProxyDetectResult['suggestion']> & { https: string };

/** The settings that make go and git do what the system does, when the system uses a proxy at all. */
export function usableSuggestion(result: ProxyDetectResult | null): ProxySuggestion | null {
  const suggestion = result?.suggestion;
  if (!result || result.mode === 'none' || !suggestion || suggestion.https === null) return null;
  return { ...suggestion, https: suggestion.https };
}

// Detecting again while a detection runs: only the newest answer is shown.
let latest = 0;

export const useProxyDetect = create<ProxyDetectState>((set) => ({
  status: 'idle',
  result: null,
  error: null,
  detect: async () => {
    const run = ++latest;
    // The previous answer stays on screen under the progress until the new one arrives.
    set({ status: 'detecting', error: null });
    try {
      const result = await call('netproxy:detect', {});
      if (run === latest) set({ status: 'ready', result });
    } catch (error) {
      if (run === latest) set({ status: 'error', error: toIpcError(error) });
    }
  },
}));
