import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT, IPC_INVOKE, isChannel, isEventName } from '../shared/channels';
import type { GoproxyApi } from '../shared/contract';

// Only names from the contract get through; main validates payloads again, so this is a first fence.
const api: GoproxyApi = {
  mode: 'desktop',
  invoke: (channel, input) => {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-channel', message: `No such channel: ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE, channel, input);
  },
  on: (event, listener) => {
    if (!isEventName(event)) throw new Error(`No such event: ${String(event)}`);
    const wrapped = (_e: unknown, name: unknown, payload: unknown): void => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('goproxy', api);
