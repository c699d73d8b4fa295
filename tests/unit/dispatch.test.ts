import { describe, expect, it, vi } from 'vitest';
import { AppError, dispatch, type HandlerTable } from '../../electron/dispatch';
import type { GoEnvReport } from '../../shared/contract';

const report: GoEnvReport = {
  go: null,
  envFile: '/home/u/.config/go/env',
  vars: { GOPROXY: { value: 'https://proxy.golang.org,direct', source: 'default' } },
};

function table(read: () => Promise<unknown>): { handlers: HandlerTable; read: ReturnType<typeof vi.fn> } {
  const spy = vi.fn(read);
  // Only goenv:read is exercised here; the other channels are never called.
  return { handlers: { 'goenv:read': spy } as unknown as HandlerTable, read: spy };
}

describe('dispatch', () => {
  it('calls the handler with validated input and returns its validated output', async () => {
    const { handlers, read } = table(async () => report);
    await expect(dispatch(handlers, 'goenv:read', {})).resolves.toEqual({ ok: true, value: report });
    expect(read).toHaveBeenCalledOnce();
  });

  it.each([
    ['an unknown channel', 'goenv:delete-everything'],
    ['a prototype key', '__proto__'],
    ['another prototype key', 'constructor'],
    ['a non-string channel', 42],
    ['an object as channel', { toString: () => 'goenv:read' }],
    ['no channel', undefined],
  ])('refuses %s without reaching any handler', async (_label, channel) => {
    const { handlers, read } = table(async () => report);
    const result = await dispatch(handlers, channel, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(read).not.toHaveBeenCalled();
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'GOPROXY=off'],
    ['an array', []],
    ['extra keys', { GOPROXY: 'off' }],
    ['a prototype-polluting payload', JSON.parse('{"__proto__": {"polluted": true}}')],
  ])('refuses %s as input with invalid-input, never calling the handler', async (_label, input) => {
    const { handlers, read } = table(async () => report);
    const result = await dispatch(handlers, 'goenv:read', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(read).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists the offending fields in invalid-input details', async () => {
    const { handlers } = table(async () => report);
    const result = await dispatch(handlers, 'goenv:read', { extra: 1 });
    if (result.ok) throw new Error('expected failure');
    expect(result.error.message).toContain('goenv:read');
    expect(result.error.details).toMatchObject({ issues: [expect.objectContaining({ path: '(root)' })] });
  });

  it('refuses output that does not match the contract', async () => {
    const { handlers } = table(async () => ({
      ...report,
      vars: { GOPROXY: { value: 1, source: 'somewhere' } },
    }));
    await expect(dispatch(handlers, 'goenv:read', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-output' },
    });
  });

  it('turns an AppError into its code and message, and anything else into internal', async () => {
    const failing = table(async () => {
      throw new AppError('go-failed', 'go env: exit status 2', { stderr: 'x' });
    });
    await expect(dispatch(failing.handlers, 'goenv:read', {})).resolves.toEqual({
      ok: false,
      error: { code: 'go-failed', message: 'go env: exit status 2', details: { stderr: 'x' } },
    });
    const crashing = table(async () => {
      throw new TypeError('boom');
    });
    await expect(dispatch(crashing.handlers, 'goenv:read', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom' },
    });
  });
});

/** A hostile payload is refused with invalid-input before any handler runs, and pollutes nothing. */
async function expectRefused(channel: string, input: unknown): Promise<void> {
  const handler = vi.fn(async () => ({}));
  const handlers = new Proxy({}, { get: () => handler }) as unknown as HandlerTable;
  const result = await dispatch(handlers, channel, input);
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  expect(handler).not.toHaveBeenCalled();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('dispatch: the network-settings and profile channels refuse hostile payloads', () => {
  it.each([
    ['netproxy:apply', { http: 'http://p:1', scopes: ['env', 'registry'] }],
    ['netproxy:apply', { http: 'http://p:1', scopes: [] }],
    ['netproxy:apply', { http: 'x'.repeat(5000) }],
    ['netproxy:apply', { http: 'http://p:1', shell: 'rm -rf ~' }],
    ['netproxy:restore', { all: 'yes' }],
    ['netproxy:test', { proxy: '' }],
    ['profiles:apply', { name: 'Office\n; rm -rf ~' }],
    ['profiles:save', { profile: { name: ' padded ' } }],
    ['profiles:save', { profile: { name: 'x', goenv: { set: { 'lower-case': '1' } } } }],
    ['profiles:delete', { name: '' }],
  ])('%s %j', expectRefused);
});

describe('dispatch: the doctor channels refuse hostile payloads', () => {
  it.each([
    ['doctor:run', { projects: ['a'.repeat(5000)] }],
    ['doctor:run', { probe: 'yes' }],
    ['doctor:run', { language: 'fr' }],
    ['doctor:run', { nginx: ['/etc/nginx/nginx.conf'], command: 'rm -rf ~' }],
    ['doctor:fix', { ids: [] }],
    ['doctor:fix', { ids: ['x'.repeat(200)] }],
  ])('%s %j', expectRefused);
});

describe('dispatch: the settings, mirror list, download and project channels refuse hostile payloads', () => {
  it.each([
    ['settings:read', { settings: {} }],
    ['settings:write', {}],
    ['settings:write', { patch: { theme: 'neon' } }],
    ['settings:write', { patch: { probeIntervalMinutes: '30' } }],
    ['settings:write', { patch: { probeIntervalMinutes: 1e9 } }],
    ['settings:write', { patch: { historyRetentionDays: 0 } }],
    ['settings:write', { patch: { customMirrors: [] } }],
    ['settings:write', { patch: { verifyModule: 'x'.repeat(100_000) } }],
    ['settings:write', { patch: { autoSwitch: true, shell: 'rm -rf ~' } }],
    ['settings:write', { patch: {}, extra: 1 }],
    ['settings:write', JSON.parse('{"patch": {"__proto__": {"polluted": true}}}')],
    ['mirrors:list', { all: true }],
    ['mirrors:add', {}],
    ['mirrors:add', { url: '' }],
    ['mirrors:add', { url: 'https://'.padEnd(5000, 'a') }],
    ['mirrors:add', { url: 42 }],
    ['mirrors:add', { url: 'https://m.example', name: 'n'.repeat(129) }],
    ['mirrors:add', { url: 'https://m.example', region: 'cn' }],
    ['mirrors:remove', { id: '' }],
    ['mirrors:remove', { id: ['goproxy.cn'] }],
    ['goenv:download', { module: '-x' }],
    ['goenv:download', { module: 'rsc.io/quote@v1.5.2', timeoutMs: 1 }],
    ['goenv:download', { module: 'rsc.io/quote@v1.5.2', timeoutMs: 10_000_000 }],
    ['goenv:download', { module: 'x'.repeat(513) }],
    ['goenv:download', { module: 'rsc.io/quote@v1.5.2', args: ['-x'] }],
    ['goenv:cancel', { runId: '' }],
    ['goenv:cancel', { runId: 'r'.repeat(129) }],
    ['projects:scan', { dirs: [] }],
    ['projects:scan', { dirs: ['/p'.repeat(3000)] }],
    ['projects:scan', { dirs: Array.from({ length: 33 }, (_, i) => `/p${i}`) }],
    ['projects:scan', { dirs: '/home/u/project' }],
    ['dialog:pickFolder', { defaultPath: '/etc' }],
  ])('%s %j', expectRefused);
});
