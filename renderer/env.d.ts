import type { GoproxyApi } from '../shared/contract';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts (or, in browser tests, by the test bridge); absent in browser mode. */
    readonly goproxy: GoproxyApi | undefined;
  }
}
