import { describe, expect, it } from 'vitest';
import {
  assessHealth,
  chooseReplacement,
  INITIAL_HEALTH,
  recordSwitchFailure,
  type ChecklistError,
  type HealthDecision,
  type HealthSettings,
  type HealthState,
  type WatchedMirror,
} from '../../electron/shell/health-policy';
import { sameMirrorUrl } from '../../electron/shell/tray-menu';
import type { ProbeResult, ProbeStatus } from '../../shared/contract';

const cn: WatchedMirror = { url: 'https://goproxy.cn', name: 'Goproxy.cn' };
const io: WatchedMirror = { url: 'https://goproxy.io', name: 'GOPROXY.IO' };
const notify: HealthSettings = { autoSwitch: false, autoSwitchAfterFailures: 3 };
const autoSwitch: HealthSettings = { autoSwitch: true, autoSwitchAfterFailures: 3 };

type Round = ProbeStatus | null | { active: WatchedMirror | null; status: ProbeStatus | null };

/** Runs background rounds from the initial state; returns each round's decisions and the last state. */
function rounds(settings: HealthSettings, sequence: Round[], start: HealthState = INITIAL_HEALTH) {
  let state = start;
  const decisions: HealthDecision[][] = [];
  for (const round of sequence) {
    const { active, status } =
      round !== null && typeof round === 'object' ? round : { active: cn, status: round };
    const next = assessHealth(
      state,
      { active, result: status === null ? null : { status }, checklist: null },
      settings,
    );
    state = next.state;
    decisions.push(next.decisions);
  }
  return { state, decisions, types: decisions.map((d) => d.map((x) => x.type).join(',')) };
}

function result(
  id: string,
  url: string,
  status: ProbeStatus,
  p50: number | null,
  successRate = 1,
): ProbeResult {
  return {
    id,
    url,
    status,
    successRate,
    latency: { p50, p95: p50, min: p50, max: p50 },
    phases: { dns: null, connect: null, tls: null, ttfb: null, total: p50 },
    warm: { ttfb: null, total: null },
    samples: [],
    toolchain: null,
  };
}

describe('health policy: the active mirror failing', () => {
  it('tells once, at the Nth failure in a row, when auto-switch is off', () => {
    const { types, decisions, state } = rounds(notify, ['dead', 'dead', 'dead', 'dead', 'dead']);
    expect(types).toEqual(['', '', 'notify-down', '', '']);
    expect(decisions[2]).toEqual([{ type: 'notify-down', mirror: cn, failures: 3 }]);
    expect(state).toMatchObject({ mirror: cn.url, failures: 5, told: 'down' });
  });

  it('counts only failures in a row: a success in between starts over', () => {
    expect(
      rounds(notify, ['dead', 'dead', 'ok', 'dead', 'dead', 'slow', 'dead', 'dead']).types.join(''),
    ).toBe('');
  });

  it('does not flap: a mirror that fails every other round never triggers anything', () => {
    const sequence: Round[] = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'dead' : 'degraded'));
    expect(rounds({ autoSwitch: true, autoSwitchAfterFailures: 2 }, sequence).types.join('')).toBe('');
  });

  it('counts slow and degraded as answering; only a probe with no success is a failure', () => {
    expect(rounds(notify, ['degraded', 'degraded', 'degraded', 'slow']).types.join('')).toBe('');
  });

  it('announces the recovery once, after it was told, and needs N new failures to tell again', () => {
    const { types } = rounds(notify, ['dead', 'dead', 'dead', 'ok', 'ok', 'dead', 'dead', 'dead']);
    expect(types).toEqual(['', '', 'notify-down', 'notify-recovered', '', '', '', 'notify-down']);
  });

  it('says nothing on recovery when nothing was said about the failure', () => {
    expect(rounds(notify, ['dead', 'dead', 'ok']).types).toEqual(['', '', '']);
  });

  it('with auto-switch on, asks for a replacement at the Nth failure and at each failure after it', () => {
    const { types, decisions } = rounds(autoSwitch, ['dead', 'dead', 'dead', 'dead']);
    expect(types).toEqual(['', '', 'find-replacement', 'find-replacement']);
    expect(decisions[3]).toEqual([{ type: 'find-replacement', mirror: cn, failures: 4 }]);
  });

  it('acts on the first failure when N is 1', () => {
    expect(rounds({ autoSwitch: true, autoSwitchAfterFailures: 1 }, ['dead']).types).toEqual([
      'find-replacement',
    ]);
  });

  it('leaves the count alone in a round without a probe', () => {
    expect(rounds(notify, ['dead', 'dead', null, null, 'dead']).types).toEqual([
      '',
      '',
      '',
      '',
      'notify-down',
    ]);
  });

  it('starts counting over when GOPROXY starts with another mirror (the user switched, or we did)', () => {
    const { types, state } = rounds(autoSwitch, [
      'dead',
      'dead',
      { active: io, status: 'dead' },
      { active: io, status: 'dead' },
      { active: io, status: 'ok' },
      { active: cn, status: 'dead' },
    ]);
    expect(types.join('')).toBe('');
    expect(state).toMatchObject({ mirror: cn.url, failures: 1 });
  });

  it('watches nothing while GOPROXY starts with direct or off', () => {
    const { types, state } = rounds(notify, ['dead', 'dead', { active: null, status: null }, 'dead', 'dead']);
    expect(types.join('')).toBe('');
    expect(state).toMatchObject({ mirror: cn.url, failures: 2, told: 'nothing' });
  });

  it('never switches back to a mirror because it recovered', () => {
    const after = rounds(autoSwitch, ['dead', 'dead', 'dead']).state;
    // We switched to io; cn's recovery is not even looked at: only GOPROXY's first mirror is probed.
    const { types } = rounds(
      autoSwitch,
      [
        { active: io, status: 'ok' },
        { active: io, status: 'slow' },
      ],
      after,
    );
    expect(types.join('')).toBe('');
  });
});

describe('health policy: choosing the replacement', () => {
  const failing = rounds(autoSwitch, ['dead', 'dead', 'dead']).state;

  it('takes the fastest healthy mirror (status ok, every sample answered)', () => {
    const chosen = chooseReplacement(
      failing,
      cn,
      [
        result('goproxy.io', 'https://goproxy.io', 'ok', 180),
        result('aliyun', 'https://mirrors.aliyun.com/goproxy', 'ok', 95),
        result('tencent', 'https://goproxy.tencent.com', 'degraded', 20, 0.6),
        result('huawei', 'https://mirrors.huaweicloud.com/goproxy', 'slow', 1500),
        result('baidu', 'https://goproxy.bj.bcebos.com', 'ok', 50, 0.8),
      ],
      sameMirrorUrl,
    );
    expect(chosen.decisions).toEqual([
      { type: 'switch', from: cn, to: { id: 'aliyun', url: 'https://mirrors.aliyun.com/goproxy', p50: 95 } },
    ]);
  });

  it('never picks the failing mirror itself, even if it answered this time', () => {
    const chosen = chooseReplacement(
      failing,
      cn,
      [
        result('goproxy.cn', 'https://goproxy.cn/', 'ok', 10),
        result('goproxy.io', 'https://goproxy.io', 'ok', 300),
      ],
      sameMirrorUrl,
    );
    expect(chosen.decisions).toMatchObject([{ type: 'switch', to: { id: 'goproxy.io' } }]);
  });

  it('switches nothing when no other mirror is healthy, and says so once per outage', () => {
    const none = [
      result('goproxy.io', 'https://goproxy.io', 'dead', null, 0),
      result('aliyun', 'https://mirrors.aliyun.com/goproxy', 'degraded', 90, 0.4),
    ];
    const first = chooseReplacement(failing, cn, none, sameMirrorUrl);
    expect(first.decisions).toEqual([{ type: 'notify-no-healthy', mirror: cn }]);
    const second = chooseReplacement(first.state, cn, none, sameMirrorUrl);
    expect(second.decisions).toEqual([]);
    expect(chooseReplacement(first.state, cn, [], sameMirrorUrl).decisions).toEqual([]);
    // A later round finds one: the switch happens then.
    const later = chooseReplacement(
      second.state,
      cn,
      [result('goproxy.io', 'https://goproxy.io', 'ok', 80)],
      sameMirrorUrl,
    );
    expect(later.decisions).toMatchObject([{ type: 'switch', to: { id: 'goproxy.io' } }]);
  });

  it('tells about a failed switch once, however often the switch is retried', () => {
    const first = recordSwitchFailure(failing);
    expect(first.notify).toBe(true);
    const again = chooseReplacement(
      first.state,
      cn,
      [result('goproxy.io', 'https://goproxy.io', 'ok', 80)],
      sameMirrorUrl,
    );
    expect(again.decisions).toMatchObject([{ type: 'switch' }]);
    expect(recordSwitchFailure(again.state).notify).toBe(false);
  });

  it('after "no healthy mirror", announces the recovery of the failing one', () => {
    const told = chooseReplacement(failing, cn, [], sameMirrorUrl).state;
    expect(rounds(autoSwitch, ['ok'], told).types).toEqual(['notify-recovered']);
  });
});

describe('health policy: the checklist', () => {
  const error = (id: string): ChecklistError => ({ id, title: `${id} is wrong` });
  const check = (state: HealthState, checklist: ChecklistError[] | null) =>
    assessHealth(state, { active: null, result: null, checklist }, notify);

  it('takes the first run as the baseline, then announces each new error once', () => {
    const first = check(INITIAL_HEALTH, [error('goproxy-syntax')]);
    expect(first.decisions).toEqual([]);
    const second = check(first.state, [error('goproxy-syntax'), error('sumdb-off'), error('proxy-dead')]);
    expect(second.decisions).toEqual([
      { type: 'notify-checklist', errors: [error('sumdb-off'), error('proxy-dead')] },
    ]);
    expect(check(second.state, [error('sumdb-off'), error('proxy-dead')]).decisions).toEqual([]);
  });

  it('announces an error again when it comes back after it was fixed', () => {
    const base = check(INITIAL_HEALTH, [error('sumdb-off')]).state;
    const fixed = check(base, []).state;
    expect(check(fixed, [error('sumdb-off')]).decisions).toEqual([
      { type: 'notify-checklist', errors: [error('sumdb-off')] },
    ]);
  });

  it('keeps the baseline through rounds without a checklist run', () => {
    const base = check(INITIAL_HEALTH, [error('a')]).state;
    const skipped = check(base, null).state;
    expect(skipped.checklistErrors).toEqual(['a']);
    expect(check(skipped, [error('a'), error('b')]).decisions).toEqual([
      { type: 'notify-checklist', errors: [error('b')] },
    ]);
  });
});
