import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BLOCK_BEGIN, BLOCK_END } from '../../electron/services/netproxy/env-unix';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { snapshotTree } from '../fixtures/tree-snapshot';
import { runBuiltCli } from '../harness/cli';

/**
 * The env scope edits start-up files as bytes: through the built CLI, a ~/.bashrc that is neither UTF-8
 * nor LF keeps every byte outside our block, gets a CRLF block, and comes back byte-identical on
 * restore; a damaged block is refused before anything (HOME or the journal) is written.
 */

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let data: string;
beforeEach(async () => {
  sandbox = await createSandbox();
  data = path.join(sandbox.root, 'data');
  env = { ...sandbox.env, GOPROXY_DESK_HOME: data, SHELL: '/bin/bash' };
  delete env.ZDOTDIR;
});
afterEach(() => sandbox.cleanup());

const home = (...parts: string[]) => path.join(sandbox.home, ...parts);
const SET = ['proxy', 'set', '--http', 'http://127.0.0.1:3128', '--scope', 'env'];

/** Latin-1 (é, §, ÿ) and bytes that are no UTF-8 at all, in CRLF lines. */
const BASHRC = Buffer.concat([
  Buffer.from('# ~/.bashrc de Ren'),
  Buffer.from([0xe9]),
  Buffer.from('\r\nexport PS1="\\u '),
  Buffer.from([0xa7, 0xff, 0x80]),
  Buffer.from(' "\r\nalias ll="ls -l"\r\n'),
]);

/** The file split around our block: what is before it, the block itself, what is after it. */
function aroundBlock(file: Buffer): { outside: Buffer; block: Buffer } {
  const begin = file.indexOf(BLOCK_BEGIN);
  const endMarker = file.indexOf(BLOCK_END);
  expect(begin).toBeGreaterThanOrEqual(0);
  expect(endMarker).toBeGreaterThan(begin);
  const newline = file.indexOf('\n', endMarker);
  const end = newline === -1 ? file.length : newline + 1;
  return {
    outside: Buffer.concat([file.subarray(0, begin), file.subarray(end)]),
    block: file.subarray(begin, end),
  };
}

describe('proxy set --scope env on a Latin-1, CRLF ~/.bashrc', () => {
  it('keeps every byte outside the block, writes the block in CRLF, and restore gives the file back', async () => {
    await writeFile(home('.bashrc'), BASHRC);
    await writeFile(home('.profile'), '# ~/.profile\nPATH="$HOME/bin:$PATH"\n');
    const before = await snapshotTree(sandbox.home);

    const set = await runBuiltCli(SET, env);
    expect(set.code, set.stderr).toBe(0);
    const written = await readFile(home('.bashrc'));
    const { outside, block } = aroundBlock(written);
    // The blank CRLF line before the block is ours too.
    expect(outside).toEqual(Buffer.concat([BASHRC, Buffer.from('\r\n')]));
    expect(written.subarray(0, BASHRC.length)).toEqual(BASHRC);
    expect(block.toString('latin1')).toContain("export http_proxy='http://127.0.0.1:3128'\r\n");
    expect(
      block
        .toString('latin1')
        .split('\n')
        .slice(0, -1)
        .every((line) => line.endsWith('\r')),
    ).toBe(true);
    // ~/.profile is LF and stays LF.
    expect((await readFile(home('.profile'), 'latin1')).includes('\r')).toBe(false);

    // Changing the proxy rewrites the block in place, nothing around it.
    const again = await runBuiltCli([...SET.slice(0, 3), 'http://127.0.0.1:3129', ...SET.slice(4)], env);
    expect(again.code).toBe(0);
    const rewritten = aroundBlock(await readFile(home('.bashrc')));
    expect(rewritten.outside).toEqual(outside);
    expect(rewritten.block.toString('latin1')).toContain("export HTTP_PROXY='http://127.0.0.1:3129'\r\n");

    for (let i = 0; i < 2; i++) expect((await runBuiltCli(['proxy', 'restore'], env)).code).toBe(0);
    expect(await readFile(home('.bashrc'))).toEqual(BASHRC);
    expect(await snapshotTree(sandbox.home)).toEqual(before);
  });
});

describe('proxy set --scope git on a Latin-1 ~/.gitconfig', () => {
  it('keeps every byte git did not change, and restore gives the file back', async () => {
    // A comment and a value in Latin-1: git keeps them as bytes, and so must we around git.
    const gitconfig = Buffer.concat([
      Buffer.from('# Ren'),
      Buffer.from([0xe9]),
      Buffer.from("'s settings\n[user]\n\tname = Ren"),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('\n'),
    ]);
    await writeFile(home('.gitconfig'), gitconfig);
    const set = await runBuiltCli([...SET.slice(0, -1), 'git'], env);
    expect(set.code, set.stderr).toBe(0);
    const written = await readFile(home('.gitconfig'));
    expect(written.subarray(0, gitconfig.length)).toEqual(gitconfig);
    expect(written.subarray(gitconfig.length).toString('latin1')).toBe(
      '[http]\n\tproxy = http://127.0.0.1:3128\n',
    );
    expect((await runBuiltCli(['proxy', 'restore'], env)).code).toBe(0);
    expect(await readFile(home('.gitconfig'))).toEqual(gitconfig);
  });
});

describe('a damaged block', () => {
  it('is refused by proxy set with the lines named, and nothing in HOME or the journal changes', async () => {
    const bashrc = Buffer.from(`alias ll="ls -l"\n${BLOCK_BEGIN}\nexport EDITOR=vim\nset -o vi\n`);
    await writeFile(home('.bashrc'), bashrc);
    await writeFile(home('.profile'), '# ~/.profile\n');
    const before = await snapshotTree(sandbox.home);
    const journalBefore = existsSync(data) ? await snapshotTree(data) : null;

    const set = await runBuiltCli(SET, env);
    expect(set.code).not.toBe(0);
    expect(set.stderr).toContain('.bashrc has a damaged GoProxy Desk block');
    expect(set.stderr).toContain(`line 2: ${BLOCK_BEGIN}`);
    expect(set.stderr).toContain('delete these marker lines');
    expect(set.stderr).toContain('Nothing was changed');

    for (const args of [
      ['proxy', 'unset', '--scope', 'env'],
      [...SET, '--dry-run'],
    ]) {
      const refused = await runBuiltCli(args, env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(`line 2: ${BLOCK_BEGIN}`);
    }
    expect(await snapshotTree(sandbox.home)).toEqual(before);
    expect(existsSync(data) ? await snapshotTree(data) : null).toEqual(journalBefore);
    expect(await readFile(home('.bashrc'))).toEqual(bashrc);

    const show = await runBuiltCli(['proxy', 'show'], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('(damaged block)');
    expect(show.stdout).toContain(`line 2: ${BLOCK_BEGIN}`);
    expect(await snapshotTree(sandbox.home)).toEqual(before);
  });

  it('with two begin lines is refused on the first proxy set', async () => {
    const bashrc = `${BLOCK_BEGIN}\nmine\n${BLOCK_BEGIN}\nexport http_proxy='x'\n${BLOCK_END}\nkept\n`;
    await writeFile(home('.bashrc'), bashrc);
    const before = await snapshotTree(sandbox.home);
    const set = await runBuiltCli(SET, env);
    expect(set.code).not.toBe(0);
    expect(set.stderr).toContain(`line 1: ${BLOCK_BEGIN}; line 3: ${BLOCK_BEGIN}; line 5: ${BLOCK_END}`);
    expect(await snapshotTree(sandbox.home)).toEqual(before);
  });
});
