import { describe, expect, it } from 'vitest';
import { RULES } from '../../electron/services/doctor';
import { evaluate, fill, render } from '../../electron/services/doctor/engine';
import { facts, goFacts } from '../fixtures/doctor-facts';

/** The rule set as a whole: the checklist the issue asks for, and the engine that runs it. */
describe('the doctor rule set', () => {
  it('has at least 30 rules with unique kebab-case ids, every family covered, both languages', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(30);
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(RULES.map((r) => r.family))).toEqual(
      new Set(['syntax', 'integrity', 'upstream', 'timeout', 'leak']),
    );
    for (const rule of RULES) {
      for (const language of ['en', 'zh-CN'] as const) {
        const text = rule.text[language];
        expect(text.title.length, `${rule.id} ${language}`).toBeGreaterThan(0);
        expect(text.detail.length, `${rule.id} ${language}`).toBeGreaterThan(0);
        expect(text.remedy.length, `${rule.id} ${language}`).toBeGreaterThan(0);
      }
    }
  });

  it('finds no error or warning on a clean machine', () => {
    const { raw, failures } = evaluate(RULES, facts());
    expect(failures).toEqual([]);
    expect(raw.filter((r) => (r.hit.severity ?? r.rule.severity) !== 'info').map((r) => r.rule.id)).toEqual(
      [],
    );
  });

  it('orders findings by severity and renders them in the asked language', () => {
    const broken = facts({
      go: goFacts({ vars: { GOPROXY: 'https://goproxy.cn;https://goproxy.io', GOSUMDB: 'off' } }),
    });
    const { raw } = evaluate(RULES, broken);
    const severities = raw.map((r) => r.hit.severity ?? r.rule.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b),
      ),
    );
    const semicolon = raw.find((r) => r.rule.id === 'goproxy-semicolon')!;
    const zh = render(semicolon, 'zh-CN', 'GOPROXY: a → b');
    expect(zh.title).toBe(fill(semicolon.rule.text['zh-CN'].title, semicolon.hit.params));
    expect(zh.fix).toMatchObject({ id: 'goproxy-semicolon', preview: 'GOPROXY: a → b' });
    expect(`${zh.title}${zh.detail}${zh.remedy}`).not.toContain('{{');
  });

  it('reports a rule that throws instead of hiding the others', () => {
    const throwing = {
      ...RULES[0]!,
      id: 'boom',
      check: () => {
        throw new Error('bad facts');
      },
    };
    const { raw, failures } = evaluate(
      [throwing, ...RULES],
      facts({ go: goFacts({ vars: { GOSUMDB: 'off' } }) }),
    );
    expect(failures).toEqual(['boom: bad facts']);
    expect(raw.some((r) => r.rule.id === 'gosumdb-off')).toBe(true);
  });
});
