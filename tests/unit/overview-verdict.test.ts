import { describe, expect, it } from 'vitest';
import type { HistoryReport, MirrorEntry, ProbeStatus } from '../../shared/contract';
import { fixMirror, verdict } from '../../renderer/pages/Overview/verdict';

const history = (probes: Record<string, [ProbeStatus, number | null]>): HistoryReport =>
  ({
    mirrors: Object.entries(probes).map(([url, [status, p50]]) => ({
      id: url,
      url,
      entries: [{ at: '2026-01-01T00:00:00.000Z', status, p50, p95: p50, successRate: 1 }],
    })),
  }) as unknown as HistoryReport;

const base = { gosumdb: '', wizardCompleted: true, history: null };

describe('the overview verdict: can go download modules right now?', () => {
  it("fails for a GOPROXY go rejects, with go's reason, and for GOPROXY=off", () => {
    expect(verdict({ ...base, goproxy: 'ftp://x' })).toEqual({
      kind: 'fail',
      reason: 'invalid',
      message: 'invalid proxy URL scheme (must be https, http, file): ftp://x',
    });
    expect(verdict({ ...base, goproxy: 'off' })).toEqual({ kind: 'fail', reason: 'off' });
  });

  it("fails when every mirror is dead and go cannot move past them, but not when '|' reaches direct", () => {
    const dead = history({ 'https://a.example': ['dead', null], 'https://b.example': ['dead', null] });
    expect(verdict({ ...base, goproxy: 'https://a.example,direct', history: dead })).toMatchObject({
      kind: 'fail',
      reason: 'dead',
    });
    expect(verdict({ ...base, goproxy: 'https://a.example|https://b.example', history: dead })).toMatchObject(
      {
        kind: 'fail',
        reason: 'dead',
      },
    );
    expect(verdict({ ...base, goproxy: 'https://a.example|direct', history: dead }).kind).toBe('ok');
    expect(
      verdict({ ...base, goproxy: 'https://a.example|https://c.example,direct', history: dead }),
    ).toMatchObject({
      kind: 'ok',
      mirror: 'https://a.example',
      health: 'dead',
    });
  });

  it('is "not set up" for a newcomer only when nothing is broken, and warns (not fails) for GOSUMDB=off', () => {
    expect(verdict({ ...base, goproxy: '', wizardCompleted: false }).kind).toBe('setup');
    expect(verdict({ ...base, goproxy: 'off', wizardCompleted: false }).kind).toBe('fail');
    expect(verdict({ ...base, goproxy: 'https://goproxy.cn,direct', gosumdb: 'off' })).toEqual({
      kind: 'ok',
      mirror: 'https://goproxy.cn',
      health: 'unknown',
      sumdb: 'off',
      sumdbOff: true,
    });
    expect(verdict({ ...base, goproxy: '' })).toMatchObject({
      mirror: 'https://proxy.golang.org',
      sumdb: 'sum.golang.org',
    });
    expect(verdict({ ...base, goproxy: null }).kind).toBe('loading');
  });
});

describe('the one-click fix of a failing chain', () => {
  const mirror = (id: string, url: string) => ({ id, url, name: id }) as MirrorEntry;
  const mirrors = [
    mirror('a', 'https://a.example'),
    mirror('b', 'https://b.example'),
    mirror('c', 'https://c.example'),
  ];

  it('is the fastest mirror that answered, never one that is failing in the chain', () => {
    const h = history({
      'https://a.example': ['ok', 90],
      'https://b.example': ['ok', 30],
      'https://c.example': ['dead', null],
    });
    expect(fixMirror(mirrors, h)?.id).toBe('b');
    expect(fixMirror(mirrors, h, ['https://b.example/'])?.id).toBe('a');
  });

  it('is the first mirror not known to be dead before any probe, and none when all are dead', () => {
    expect(fixMirror(mirrors, null)?.id).toBe('a');
    const h = history({
      'https://a.example': ['dead', null],
      'https://b.example': ['dead', null],
      'https://c.example': ['dead', null],
    });
    expect(fixMirror(mirrors, h)).toBeNull();
  });
});
