import { describe, expect, it, vi } from 'vitest';
import type { HandlerTable } from '../../electron/dispatch';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      electron.handlers.set(channel, fn),
  },
}));

const { bindIpc, emit } = await import('../../electron/ipc');

const rendererUrl = 'file:///app/out/renderer/index.html';
const ourContents = { id: 1 };
const read = vi.fn(async () => ({ go: null, envFile: null, vars: {} }));
bindIpc(
  { 'goenv:read': read } as unknown as HandlerTable,
  rendererUrl,
  (wc) => wc === (ourContents as never),
);
const invoke = electron.handlers.get('goproxy:invoke')!;

const event = (sender: object, url: string) => ({ sender, senderFrame: { url } });

describe('bindIpc', () => {
  it('registers a single invoke channel', () => {
    expect([...electron.handlers.keys()]).toEqual(['goproxy:invoke']);
  });

  it('dispatches calls from our window showing our page', async () => {
    read.mockClear();
    await expect(invoke(event(ourContents, rendererUrl), 'goenv:read', {})).resolves.toMatchObject({
      ok: true,
    });
    expect(read).toHaveBeenCalledOnce();
  });

  it.each([
    ['another webContents', event({ id: 2 }, rendererUrl)],
    ['our window showing another page', event(ourContents, 'https://evil.example/')],
    ['a frame without a URL', { sender: ourContents, senderFrame: null }],
  ])('refuses %s before any handler runs', async (_label, ev) => {
    read.mockClear();
    await expect(invoke(ev, 'goenv:read', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses invalid payloads from our own window too', async () => {
    read.mockClear();
    await expect(invoke(event(ourContents, rendererUrl), 'goenv:read', 'x')).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(read).not.toHaveBeenCalled();
  });
});

describe('emit', () => {
  it('validates event payloads before sending', () => {
    const send = vi.fn();
    emit({ send } as never, 'state:changed', { area: 'goenv' });
    expect(send).toHaveBeenCalledWith('goproxy:event', 'state:changed', { area: 'goenv' });
    expect(() => emit({ send } as never, 'state:changed', { area: 'nope' } as never)).toThrow();
    expect(send).toHaveBeenCalledOnce();
  });
});
