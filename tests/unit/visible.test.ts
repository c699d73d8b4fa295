import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../electron/cli';
import { visible } from '../../shared/visible';

describe('visible', () => {
  it('escapes C0 controls as \\xNN but keeps tab', () => {
    expect(visible('a\x00b\x07c\bd\x1b[2Je\tf')).toBe('a\\x00b\\x07c\\x08d\\x1b[2Je\tf');
    expect(visible('\x0b\x0c\x1f')).toBe('\\x0b\\x0c\\x1f');
  });

  it('escapes newline and carriage return unless newlines are kept, and then escapes only CR', () => {
    expect(visible('one\ntwo\r\n')).toBe('one\\x0atwo\\x0d\\x0a');
    expect(visible('one\ntwo\r\n', { keepNewlines: true })).toBe('one\ntwo\\x0d\n');
  });

  it('escapes DEL and C1 controls as \\uNNNN', () => {
    expect(visible('del\x7f csi\u009b2J nel\u0085 \u0080')).toBe(
      'del\\u007f csi\\u009b2J nel\\u0085 \\u0080',
    );
  });

  it('escapes bidi overrides, embeddings, isolates and marks', () => {
    expect(visible('evil\u202egnp.exe')).toBe('evil\\u202egnp.exe');
    expect(visible('\u202a\u202b\u202c\u202d')).toBe('\\u202a\\u202b\\u202c\\u202d');
    expect(visible('\u2066\u2067\u2068\u2069')).toBe('\\u2066\\u2067\\u2068\\u2069');
    expect(visible('\u200e\u200f\u061c')).toBe('\\u200e\\u200f\\u061c');
  });

  it('escapes zero-width and invisible format characters', () => {
    expect(visible('go\u200bproxy.cn')).toBe('go\\u200bproxy.cn');
    expect(visible('\u200c\u200d\u2060\u2064\ufeff')).toBe('\\u200c\\u200d\\u2060\\u2064\\ufeff');
  });

  it('escapes the Unicode line and paragraph separators unless newlines are kept', () => {
    expect(visible('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(visible('a\u2028b\u2029c', { keepNewlines: true })).toBe('a\u2028b\u2029c');
  });

  it('leaves printable text, CJK, emoji (surrogate pairs) and neighbours of escaped ranges alone', () => {
    const text =
      'GOPROXY=https://goproxy.cn,direct 代理 镜像 🚀 é \u00a0 \u200a \u2010 \u2030 \u2065 \u206a \ufeff\ufffd';
    expect(visible(text)).toBe(text.replace('\ufeff', '\\ufeff'));
    expect(visible('🚀\u202e😀')).toBe('🚀\\u202e😀');
    expect(visible('C:\\Users\\dev\\go')).toBe('C:\\Users\\dev\\go');
  });

  it('returns the same string when nothing needs escaping', () => {
    const text = 'module example.com/a\n';
    expect(visible(text, { keepNewlines: true })).toBe(text);
  });

  // Not reversible: a backslash is not escaped (that would double every backslash of a Windows path),
  // so the text `\x1b` and a real ESC look the same afterwards. What is guaranteed is that nothing
  // invisible is left; the output has no character that would be escaped, so a second pass is a no-op
  // (text escaped in main and again in the renderer does not grow).
  it('is not reversible, and escaping twice changes nothing', () => {
    expect(visible('\x1b')).toBe(visible('\\x1b'));
    const once = visible('a\x00\u202e\u009b\n\u2028');
    expect(visible(once)).toBe(once);
  });

  it('runs in linear time on a 5 MB input full of characters to escape', () => {
    const unit = 'ok \x1b[2J\u202e代\u0000🚀\n';
    const text = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    const started = performance.now();
    const out = visible(text);
    const elapsed = performance.now() - started;
    expect(out.length).toBeGreaterThan(text.length);
    expect(['\x00', '\x1b', '\n', '\u202e'].filter((c) => out.includes(c))).toEqual([]);
    // Generous for a 2-core CI machine; a quadratic implementation takes minutes here.
    expect(elapsed).toBeLessThan(5_000);
  });
});

describe('terminalSafe', () => {
  it('is visible() keeping newlines: bidi controls are escaped too and JSON stays valid', () => {
    expect(terminalSafe('evil\u202egnp\tok\n')).toBe('evil\\u202egnp\tok\n');
    const json = JSON.stringify({ path: 'a\u202eb\u200bc' });
    expect(JSON.parse(terminalSafe(json))).toEqual({ path: 'a\u202eb\u200bc' });
  });
});
