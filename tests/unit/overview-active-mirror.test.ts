import { describe, expect, it } from 'vitest';
import { activeMirror, lastProbe } from '../../renderer/pages/Overview/activeMirror';

describe('the active mirror of the overview', () => {
  it('is the first GOPROXY entry, as go reads it', () => {
    const m = activeMirror('goproxy.cn|https://goproxy.io,direct');
    expect(m).toMatchObject({ kind: 'proxy', url: 'https://goproxy.cn', shown: 'https://goproxy.cn' });
    expect(m.kind === 'proxy' && m.entries.map((e) => e.fallback)).toEqual(['any', 'notfound', 'notfound']);
  });

  it("is go's default for an empty value, and never shows a password", () => {
    expect(activeMirror('')).toMatchObject({ kind: 'proxy', url: 'https://proxy.golang.org' });
    expect(activeMirror('https://u:secret@mirror.corp/,direct')).toMatchObject({
      url: 'https://u:secret@mirror.corp/',
      shown: 'https://u:xxxxx@mirror.corp/',
    });
  });

  it("is none for direct and off, and carries go's error for a value go rejects", () => {
    expect(activeMirror('direct').kind).toBe('direct');
    expect(activeMirror('off').kind).toBe('off');
    expect(activeMirror('ftp://x')).toEqual({
      kind: 'invalid',
      message: 'invalid proxy URL scheme (must be https, http, file): ftp://x',
    });
  });

  it("finds the mirror's newest probe whether or not its URL ends in a slash", () => {
    const entry = (at: string) => ({
      at,
      status: 'ok' as const,
      successRate: 1,
      p50: 10,
      p95: 12,
      phases: { dns: null, connect: 1, tls: null, ttfb: 5, total: 10 },
    });
    const history = {
      mirrors: [{ id: 'x', url: 'https://mirror.example', entries: [entry('1'), entry('2')] }],
    };
    expect(lastProbe(history, 'https://mirror.example/')?.at).toBe('2');
    expect(lastProbe(history, 'https://other.example')).toBeUndefined();
  });
});
