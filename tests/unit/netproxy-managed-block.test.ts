import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/dispatch';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  findBlock,
  lineEndingOf,
  mergeManagedBlock,
  parseShBlock,
  withBlock,
} from '../../electron/services/netproxy/env-unix';
import { byteTextOf, bytesOfByteText, fileStateOf } from '../../electron/services/netproxy/file-driver';

const block = `${BLOCK_BEGIN}\nexport http_proxy='http://p:1'\n${BLOCK_END}\n`;
/** Bytes as a byte text: one char per byte, as the env scope edits files. */
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))).toString(
    'latin1',
  );

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('findBlock on damaged blocks', () => {
  it.each([
    ['a begin line without an end line', `a\n${BLOCK_BEGIN}\nmine\n`, [2]],
    ['several begin lines and no end line', `${BLOCK_BEGIN}\nmine\n${BLOCK_BEGIN}\n`, [1, 3]],
    ['2 begin lines and 1 end lines', `${BLOCK_BEGIN}\nmine\n${BLOCK_BEGIN}\nx\n${BLOCK_END}\n`, [1, 3, 5]],
    ['1 begin lines and 2 end lines', `${BLOCK_BEGIN}\nx\n${BLOCK_END}\nmine\n${BLOCK_END}\n`, [1, 3, 5]],
    ['the end line comes before the begin line', `${BLOCK_END}\nmine\n${BLOCK_BEGIN}\n`, [1, 3]],
    ['an end line without a begin line', `mine\r\n  ${BLOCK_END}\r\n`, [2]],
  ])('reports %s with every marker line', (problem, text, lines) => {
    const found = findBlock(text);
    expect(found).toMatchObject({ kind: 'damaged', problem });
    if (found.kind !== 'damaged') return;
    expect(found.markers.map((m) => m.line)).toEqual(lines);
    for (const m of found.markers) expect(m.text.trim()).toBe(m.kind === 'begin' ? BLOCK_BEGIN : BLOCK_END);
  });

  it('finds an intact block, also with CRLF lines and indented markers', () => {
    const text = `a\r\n  ${BLOCK_BEGIN}\r\nexport x='1'\r\n${BLOCK_END}\r\nb\r\n`;
    expect(findBlock(text)).toEqual({ kind: 'found', start: 3, end: text.indexOf('b\r\n') });
    expect(findBlock('no markers\n')).toEqual({ kind: 'absent' });
  });
});

describe('withBlock on damaged blocks', () => {
  it.each([
    `user line 1\n${BLOCK_BEGIN}\nuser line 2\nuser line 3\n`,
    `${BLOCK_BEGIN}\nuser\n${BLOCK_BEGIN}\nexport http_proxy='x'\n${BLOCK_END}\nkept\n`,
    `${BLOCK_END}\nuser\n${BLOCK_BEGIN}\n`,
    `user\n${BLOCK_END}\n`,
  ])('refuses to set or remove a block in %j, naming the file, the marker lines and the fix', (text) => {
    for (const next of [block, null]) {
      const error = refusal(() => withBlock(text, next, '~/.bashrc'));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toContain('~/.bashrc has a damaged GoProxy Desk block');
      const found = findBlock(text);
      if (found.kind !== 'damaged') throw new Error('expected damage');
      for (const m of found.markers) expect(error.message).toContain(`line ${m.line}: ${m.text.trim()}`);
      expect(error.message).toContain('delete these marker lines');
      expect(error.message).toContain('Nothing was changed');
    }
  });

  it('leaves a file with a damaged block alone on restore, rather than merging into it', () => {
    const current = fileStateOf(`user\n${BLOCK_BEGIN}\nmine\n`, 0o644);
    expect(mergeManagedBlock(current, fileStateOf('user\n', 0o644))).toBeNull();
  });
});

describe('withBlock keeps every byte outside the block', () => {
  it('writes the block with CRLF into a CRLF file and takes it back exactly', () => {
    const original = 'one\r\ntwo\r\n';
    const added = withBlock(original, block)!;
    expect(added).toBe(`${original}\r\n${block.replace(/\n/g, '\r\n')}`);
    expect(withBlock(added, null)).toBe(original);
    // Replacing keeps CRLF and the lines around it.
    const around = `top\r\n${block.replace(/\n/g, '\r\n')}bottom\r\n`;
    const next = `${BLOCK_BEGIN}\nexport http_proxy='http://q:2'\n${BLOCK_END}\n`;
    expect(withBlock(around, next)).toBe(`top\r\n${next.replace(/\n/g, '\r\n')}bottom\r\n`);
  });

  it('follows the majority of the file’s line endings, the first line’s on a tie', () => {
    expect(lineEndingOf('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(lineEndingOf('a\nb\nc\r\n')).toBe('\n');
    expect(lineEndingOf('a\r\nb\n')).toBe('\r\n');
    expect(lineEndingOf('no ending')).toBeNull();
    // A CRLF file without a final line ending gets CRLF before the block.
    expect(withBlock('a\r\nb', block)).toBe(`a\r\nb\r\n\r\n${block.replace(/\n/g, '\r\n')}`);
    // An LF block written before into a CRLF file takes the file's endings when it is rewritten.
    expect(withBlock(`a\r\nb\r\n\n${block}`, block)).toBe(`a\r\nb\r\n\n${block.replace(/\n/g, '\r\n')}`);
  });

  it('round-trips Latin-1 and invalid UTF-8 bytes exactly', () => {
    const original = bytes('# caf', [0xe9], ' ', [0xff, 0xfe, 0x80], '\r\nexport PS1="\\u ', [0xa7], '"\r\n');
    const added = withBlock(original, block)!;
    expect(added.startsWith(original)).toBe(true);
    const state = fileStateOf(bytesOfByteText(added), 0o644);
    expect(byteTextOf(state)).toBe(added);
    expect(Buffer.from(withBlock(byteTextOf(state), null)!, 'latin1')).toEqual(
      Buffer.from(original, 'latin1'),
    );
  });

  it('reads its own values back from a CRLF block', () => {
    const crlf = block.replace(/\n/g, '\r\n');
    expect(parseShBlock(crlf).get('http_proxy')).toBe('http://p:1');
  });

  it('merges on restore without touching the other bytes', () => {
    const user = bytes('caf', [0xe9], '\r\n');
    const ours = withBlock(user, block)!;
    const changed = `${ours}${bytes('later ', [0xe8], '\r\n')}`;
    const merged = mergeManagedBlock(
      fileStateOf(bytesOfByteText(changed), 0o600),
      fileStateOf(bytesOfByteText(user)),
    );
    expect(merged).not.toBeNull();
    expect(byteTextOf(merged!)).toBe(`${user}${bytes('later ', [0xe8], '\r\n')}`);
    expect(merged!.mode).toBe(0o600);
  });
});
