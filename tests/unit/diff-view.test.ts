import { describe, expect, it } from 'vitest';
import { diffRows } from '../../renderer/components/diffRows';

describe('diffRows (the before → after layout of every preview)', () => {
  it('puts each removed line beside the line that replaces it, and unchanged lines across', () => {
    expect(diffRows('@@ -1,3 +1,3 @@\n # mine\n-GOPROXY=a;direct\n+GOPROXY=a,direct\n tail\n')).toEqual([
      { kind: 'hunk', line: '@@ -1,3 +1,3 @@' },
      { kind: 'ctx', line: ' # mine' },
      { kind: 'change', del: '-GOPROXY=a;direct', add: '+GOPROXY=a,direct' },
      { kind: 'ctx', line: ' tail' },
    ]);
  });

  it('leaves a side empty where a run has more lines on one side, and keeps one-sided runs whole', () => {
    expect(diffRows('-a\n-b\n+c\n+d\n+e\n x\n-f\n y\n+g')).toEqual([
      { kind: 'change', del: '-a', add: '+c' },
      { kind: 'change', del: '-b', add: '+d' },
      { kind: 'change', del: null, add: '+e' },
      { kind: 'ctx', line: ' x' },
      { kind: 'del', line: '-f' },
      { kind: 'ctx', line: ' y' },
      { kind: 'add', line: '+g' },
    ]);
  });

  it('keeps file headers as headers, not as changes', () => {
    expect(diffRows('--- a/x\n+++ b/x\n+y').map((r) => r.kind)).toEqual(['ctx', 'ctx', 'add']);
  });
});
