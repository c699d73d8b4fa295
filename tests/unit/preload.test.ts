import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GoproxyApi } from '../../shared/contract';

// Electron cannot run here: the preload is loaded against a stand-in for exactly the two objects it uses.
const electron = vi.hoisted(() => ({
  exposed: {} as Record<string, unknown>,
  invoke: vi.fn(async () => ({ ok: true, value: 'from main' })),
  listeners: [] as Array<(...args: unknown[]) => void>,
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      electron.exposed[key] = value;
    },
  },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (_channel: string, fn: (...args: unknown[]) => void) => electron.listeners.push(fn),
    removeListener: (_channel: string, fn: (...args: unknown[]) => void) => {
      electron.listeners = electron.listeners.filter((l) => l !== fn);
    },
  },
}));

await import('../../electron/preload');
const api = electron.exposed.goproxy as GoproxyApi;

describe('preload window.goproxy', () => {
  beforeEach(() => electron.invoke.mockClear());

  it('exposes invoke, on and the desktop mode', () => {
    expect(Object.keys(electron.exposed)).toEqual(['goproxy']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'mode', 'on']);
    expect(api.mode).toBe('desktop');
  });

  it('forwards contract channels over the single invoke channel', async () => {
    await expect(api.invoke('goenv:read', {})).resolves.toEqual({ ok: true, value: 'from main' });
    expect(electron.invoke).toHaveBeenCalledWith('goproxy:invoke', 'goenv:read', {});
  });

  it('refuses a channel outside the contract without sending anything to main', async () => {
    const result = await (api.invoke as (c: string, i: unknown) => Promise<unknown>)('shell:exec', {
      cmd: 'rm',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the subscribed event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.on('state:changed', (p) => seen.push(p));
    for (const l of electron.listeners) l({}, 'other:event', { area: 'x' });
    for (const l of electron.listeners) l({}, 'state:changed', { area: 'goenv' });
    off();
    for (const l of electron.listeners) l({}, 'state:changed', { area: 'goenv' });
    expect(seen).toEqual([{ area: 'goenv' }]);
  });

  it('throws for an event outside the contract', () => {
    expect(() => (api.on as (e: string, l: () => void) => void)('anything', () => {})).toThrow(
      /No such event/,
    );
  });
});
