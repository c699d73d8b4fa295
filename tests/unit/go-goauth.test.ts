import { describe, expect, it } from 'vitest';
import { goIsAbs } from '../../electron/services/goenv/gostd';
import {
  goAuthGitDirs,
  goAuthReadsNetrc,
  parseGoAuth,
  type GitDirState,
  type GoAuthOptions,
} from '../../shared/go/goauth';

const GO124 = { goauth: true };
const GO123 = { goauth: false };

const parse = (value: string, options?: GoAuthOptions) => parseGoAuth(value, GO124, options);
const error = (value: string, options?: GoAuthOptions) => {
  const result = parse(value, options);
  return result.ok ? null : result.error;
};
const kinds = (value: string) => {
  const result = parse(value);
  return result.ok ? result.value.map((c) => c.kind) : result.error;
};

describe('parseGoAuth (cmd/go/internal/auth runGoAuth, go 1.24+)', () => {
  it('reads unset or empty GOAUTH as netrc', () => {
    expect(parse('')).toEqual({ ok: true, value: [{ kind: 'netrc', text: 'netrc' }] });
    expect(parse('netrc')).toEqual({ ok: true, value: [{ kind: 'netrc', text: 'netrc' }] });
  });

  it('splits at ; and keeps the commands in the order given, trimmed', () => {
    expect(parse(' mycmd --flag ; netrc ;git /srv/repo')).toEqual({
      ok: true,
      value: [
        { kind: 'command', text: 'mycmd --flag' },
        { kind: 'netrc', text: 'netrc' },
        { kind: 'git', text: 'git /srv/repo', dir: '/srv/repo' },
      ],
    });
  });

  it("judges a command by its first word only: 'netrc extra' is netrc, 'off foo' is off", () => {
    expect(kinds('netrc extra')).toEqual(['netrc']);
    expect(kinds('off foo')).toEqual(['off']);
    expect(kinds('NETRC')).toEqual(['command']);
  });

  it('gives go its error, with the whole value, for an empty command anywhere', () => {
    expect(error('netrc;')).toBe('go: GOAUTH encountered an empty command (GOAUTH=netrc;)');
    expect(error(';')).toBe('go: GOAUTH encountered an empty command (GOAUTH=;)');
    expect(error(' ')).toBe('go: GOAUTH encountered an empty command (GOAUTH= )');
    expect(error('netrc;;netrc')).toBe('go: GOAUTH encountered an empty command (GOAUTH=netrc;;netrc)');
    // Unicode white space is white space to strings.TrimSpace and strings.Fields.
    expect(error('netrc;\u3000')).toBe('go: GOAUTH encountered an empty command (GOAUTH=netrc;\u3000)');
  });

  it('allows off only alone', () => {
    expect(parse('off')).toEqual({ ok: true, value: [{ kind: 'off', text: 'off' }] });
    expect(error('off;netrc')).toBe(
      'go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)',
    );
    expect(error('netrc; off')).toBe(
      'go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=netrc; off)',
    );
  });

  it('reports the problem nearest the end first, as go walks the list backwards', () => {
    expect(error('git rel;off')).toBe(
      'go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=git rel;off)',
    );
    expect(error('off;git rel')).toBe(
      'go: GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute',
    );
    expect(error('git rel;netrc;')).toBe('go: GOAUTH encountered an empty command (GOAUTH=git rel;netrc;)');
  });

  it('wants exactly one absolute directory after git', () => {
    const plain = 'go: GOAUTH=git dir method requires an absolute path to the git working directory';
    expect(error('git')).toBe(plain);
    expect(error('git /a /b')).toBe(plain);
    expect(error('git relative')).toBe(`${plain}, dir is not absolute`);
    expect(error('git /srv/repo')).toBeNull();
  });

  it("uses the caller's filepath.IsAbs: on Windows a drive letter is needed", () => {
    const isAbs = (p: string) => goIsAbs('windows', p);
    expect(error('git C:\\repo', { isAbs })).toBeNull();
    expect(error('git \\\\server\\share\\repo', { isAbs })).toBeNull();
    expect(error('git /repo', { isAbs })).toMatch(/dir is not absolute$/);
  });

  it('fails like go on a git directory that os.Stat rejects, when the caller stated it', () => {
    const gitDirs = new Map<string, GitDirState>([
      ['/missing', { kind: 'error', message: 'stat /missing: no such file or directory' }],
      ['/etc/passwd', { kind: 'not-directory' }],
      ['/srv/repo', { kind: 'directory' }],
    ]);
    expect(error('git /missing', { gitDirs })).toBe(
      'go: GOAUTH=git encountered an error; cannot stat /missing: stat /missing: no such file or directory',
    );
    expect(error('git /etc/passwd', { gitDirs })).toBe(
      'go: GOAUTH=git dir method requires an absolute path to the git working directory, dir is not a directory',
    );
    expect(error('git /srv/repo', { gitDirs })).toBeNull();
    // Not stated: not checked.
    expect(error('git /elsewhere', { gitDirs })).toBeNull();
  });

  it('lists the directories to stat: well-formed absolute git commands only, once each', () => {
    expect(goAuthGitDirs('git /a; netrc; git rel; git /a; git /b c;git /c')).toEqual(['/a', '/c']);
  });

  it('is ignored before go 1.24, which always reads .netrc', () => {
    expect(parseGoAuth('off;netrc;', GO123)).toEqual({ ok: true, value: [{ kind: 'netrc', text: 'netrc' }] });
  });

  it('reads .netrc only when a netrc command is there', () => {
    const reads = (value: string) => {
      const result = parse(value);
      return result.ok && goAuthReadsNetrc(result.value);
    };
    expect(reads('')).toBe(true);
    expect(reads('mycmd;netrc')).toBe(true);
    expect(reads('off')).toBe(false);
    expect(reads('git /srv/repo')).toBe(false);
  });
});
