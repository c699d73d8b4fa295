import { describe, expect, it } from 'vitest';
import { allowedVcs, DEFAULT_GOVCS_RULES, parseGoVcs, type GoVcsRule } from '../../shared/go/govcs';

const rules = (value: string): GoVcsRule[] => {
  const result = parseGoVcs(value);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('parseGoVcs and allowedVcs (cmd/go/internal/vcs, go 1.19)', () => {
  // Go's table (vcs_test.go govcsTests) tests the user's rules alone; paths starting "is-private" are private.
  const table: Array<[govcs: string, path: string, vcs: string, ok: boolean]> = [
    ['private:all', 'is-public.com/foo', 'zzz', false],
    ['private:all', 'is-private.com/foo', 'zzz', true],
    ['public:all', 'is-public.com/foo', 'zzz', true],
    ['public:all', 'is-private.com/foo', 'zzz', false],
    ['public:all,private:none', 'is-public.com/foo', 'zzz', true],
    ['public:all,private:none', 'is-private.com/foo', 'zzz', false],
    ['*:all', 'is-public.com/foo', 'zzz', true],
    ['golang.org:git', 'golang.org/x/text', 'zzz', false],
    ['golang.org:git', 'golang.org/x/text', 'git', true],
    ['golang.org:zzz', 'golang.org/x/text', 'zzz', true],
    ['golang.org:zzz', 'golang.org/x/text', 'git', false],
    ['golang.org:git|hg', 'golang.org/x/text', 'hg', true],
    ['golang.org:git|hg', 'golang.org/x/text', 'git', true],
    ['golang.org:git|hg', 'golang.org/x/text', 'zzz', false],
    ['golang.org:all', 'golang.org/x/text', 'hg', true],
    ['golang.org:all', 'golang.org/x/text', 'zzz', true],
    ['other.xyz/p:none,golang.org/x:git', 'other.xyz/p/x', 'git', false],
    ['other.xyz/p:none,golang.org/x:git', 'unexpected.com', 'git', false],
    ['other.xyz/p:none,golang.org/x:git', 'golang.org/x/text', 'zzz', false],
    ['other.xyz/p:none,golang.org/x:git', 'golang.org/x/text', 'git', true],
    ['other.xyz/p:none,golang.org/x:git|hg', 'golang.org/x/text', 'hg', true],
    ['other.xyz/p:none,golang.org/x:all', 'golang.org/x/text', 'zzz', true],
    ['other.xyz/p:none,golang.org/x:git', 'golang.org/y/text', 'git', false],
    ['other.xyz/p:none,golang.org/x:all', 'golang.org/y/text', 'git', false],
  ];
  it.each(table)('GOVCS=%j: %s may use %s = %s', (govcs, path, vcs, ok) => {
    const own = rules(govcs).filter((rule) => !DEFAULT_GOVCS_RULES.includes(rule));
    expect(allowedVcs(own, path, path.startsWith('is-private'), vcs)).toBe(ok);
  });

  // Go's table (vcs_test.go govcsErrors).
  const errors: Array<[govcs: string, message: string]> = [
    [',', 'empty entry in GOVCS'],
    [',x', 'empty entry in GOVCS'],
    ['x,', 'malformed entry in GOVCS (missing colon): "x"'],
    ['x:y,', 'empty entry in GOVCS'],
    ['x', 'malformed entry in GOVCS (missing colon): "x"'],
    ['x:', 'empty VCS list in GOVCS: "x:"'],
    ['x:|', 'empty VCS name in GOVCS: "x:|"'],
    ['x:y|', 'empty VCS name in GOVCS: "x:y|"'],
    ['x:|y', 'empty VCS name in GOVCS: "x:|y"'],
    ['x:y,z:', 'empty VCS list in GOVCS: "z:"'],
    ['x:y,z:|', 'empty VCS name in GOVCS: "z:|"'],
    ['x:y,z:|w', 'empty VCS name in GOVCS: "z:|w"'],
    ['x:y,z:w|', 'empty VCS name in GOVCS: "z:w|"'],
    ['x:y,z:w||v', 'empty VCS name in GOVCS: "z:w||v"'],
    ['x:y,x:z', 'unreachable pattern in GOVCS: "x:z" after "x:y"'],
    [':git', 'empty pattern in GOVCS: ":git"'],
    ['./x:git', 'relative pattern not allowed in GOVCS: "./x"'],
  ];
  it.each(errors)('rejects GOVCS=%j with %j', (govcs, message) => {
    expect(parseGoVcs(govcs)).toEqual({ ok: false, error: message });
  });

  it("appends go's defaults: anything for private modules, git and hg for public ones", () => {
    expect(rules('')).toEqual(DEFAULT_GOVCS_RULES);
    expect(allowedVcs(rules(''), 'github.com/x/y', false, 'git')).toBe(true);
    expect(allowedVcs(rules(''), 'github.com/x/y', false, 'svn')).toBe(false);
    expect(allowedVcs(rules(''), 'git.corp/x', true, 'svn')).toBe(true);
  });

  it('lets the first matching rule decide, before the defaults', () => {
    expect(allowedVcs(rules('github.com:svn'), 'github.com/x/y', false, 'git')).toBe(false);
    expect(allowedVcs(rules('github.com:svn'), 'gitlab.com/x/y', false, 'git')).toBe(true);
  });

  it('trims Unicode white space around entries, patterns and names', () => {
    expect(rules('\u00a0public : git | hg ')[0]).toEqual({ pattern: 'public', allowed: ['git', 'hg'] });
  });
});
