import { describe, expect, it } from 'vitest';
import { displayWidth, table } from '../../electron/cli/table';

describe('CLI tables', () => {
  it.each([
    ['goproxy.cn', 10],
    ['镜像', 4],
    // Outside the Basic Multilingual Plane: one character, two UTF-16 units, two columns.
    ['𠮷', 2],
    // An emoji with a skin tone is one picture two columns wide; so is a family joined by ZWJs.
    ['👍🏽', 2],
    ['👨‍👩‍👧', 2],
    ['✅', 2],
    // Half-width katakana take one column; a combining accent none.
    ['ｶﾀｶﾅ', 4],
    ['cafe\u0301', 4],
  ])('measures %s as %i terminal columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('lines up the columns after emoji, rare CJK and half-width katakana', () => {
    const out = table([
      ['MIRROR', 'STATUS', 'NOTE'],
      ['𠮷野家', '👍🏽', 'ok'],
      ['ｶﾀｶﾅ', '✅', 'ok'],
      ['goproxy.cn', '正常', 'ok'],
      ['cafe\u0301', '👨‍👩‍👧', 'ok'],
    ]);
    expect(out.split('\n')).toEqual([
      'MIRROR      STATUS  NOTE',
      '𠮷野家      👍🏽      ok',
      'ｶﾀｶﾅ        ✅      ok',
      'goproxy.cn  正常    ok',
      'cafe\u0301        👨‍👩‍👧      ok',
    ]);
    // Every NOTE starts at the same terminal column.
    const noteColumn = (line: string) =>
      displayWidth(line.slice(0, line.lastIndexOf(line.endsWith('ok') ? 'ok' : 'NOTE')));
    expect(new Set(out.split('\n').map(noteColumn))).toEqual(new Set([20]));
  });

  it('does not pad the last column', () => {
    expect(
      table([
        ['A', 'B'],
        ['long value', 'x'],
      ]),
    ).toBe('A           B\nlong value  x');
  });
});
