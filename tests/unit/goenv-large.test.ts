import { describe, expect, it } from 'vitest';
import { applyGoEnvOps, type GoEnvWriteContext } from '../../electron/services/goenv/write';
import { unifiedDiff } from '../../electron/services/netproxy/diff';
import { goFacts as versionFacts } from '../../shared/go/versions';
import { syntaxRules } from '../../electron/services/doctor/rules-syntax';
import { facts, goFacts } from '../fixtures/doctor-facts';

/** Large inputs that once overflowed the call stack (a spread of every line as arguments). */

const context: GoEnvWriteContext = {
  osEnv: {},
  goos: 'linux',
  goarch: 'amd64',
  facts: versionFacts('go1.27.3'),
  gorootKeys: new Set(),
};

describe('large files', () => {
  it('sets a value in an env file of 200k keys', () => {
    const text =
      Array.from({ length: 200_000 }, (_, i) => `K${String(i).padStart(6, '0')}=v`).join('\n') + '\n';
    const outcome = applyGoEnvOps(
      new Uint8Array(Buffer.from(text, 'latin1')),
      [{ kind: 'set', assignments: ['GOPROXY=direct'] }],
      context,
    );
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(Buffer.from(outcome.bytes!).toString('latin1')).toContain('GOPROXY=direct\n');
  });

  it('previews the removal of 300k lines in one hunk', () => {
    const big = Array.from({ length: 300_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const diff = unifiedDiff('.bashrc', big, '');
    expect(diff.split('\n').filter((l) => l.startsWith('-line')).length).toBe(300_000);
  });
});

describe('the checklist over a 200k-line env file', () => {
  it('judges the first lines it ignores and counts the rest, in one finding of bounded size', () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `NOT_GO_${i}=x`).join('\n') + '\nGOPROXY=direct\n';
    const rule = syntaxRules.find((r) => r.id === 'unknown-go-variables')!;
    const [hit, ...rest] = rule.check(facts({ go: goFacts({ envFileText: text }) }));
    expect(rest).toEqual([]);
    expect(hit!.evidence).toHaveLength(21);
    expect(hit!.evidence.at(-1)).toBe('… and 199980 more lines of the env file that go ignores');
    expect(hit!.params!.names!.length).toBeLessThan(1000);
  });
});
