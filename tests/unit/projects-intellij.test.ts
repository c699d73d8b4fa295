import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGolandWorkspace } from '../../electron/services/projects/intellij';

const WORKSPACE = `<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <component name="GOROOT" url="file:///usr/local/go" />
  <!-- <component name="VgoProject"><environment><map><entry key="GOPROXY" value="commented" /></map></environment></component> -->
  <component name="RunManager">
    <envs><env name="GOPROXY" value="run-config-only" /></envs>
    <entry key="GOPROXY" value="not-vgo" />
  </component>
  <component name="VgoProject">
    <environment>
      <map>
        <entry key="GOPROXY" value="https://goproxy.cn,direct" />
        <entry key='GOPRIVATE' value='*.corp.example&amp;x' />
        <entry
          key="GOFLAGS"
          value="-mod=mod &quot;-tags=a b&quot; &#x41;&#66;" />
        <entry key="CGO_ENABLED" value="0" />
      </map>
    </environment>
    <integration-enabled>true</integration-enabled>
    <proxy>https://old.example&lt;1&gt;</proxy>
  </component>
</project>
`;

describe('parseGolandWorkspace', () => {
  it('reads the VgoProject environment entries and the legacy proxy field', () => {
    const r = parseGolandWorkspace(WORKSPACE, '.idea/workspace.xml');
    expect(r.settings.map((s) => [s.line, s.key, s.value, s.context, s.how])).toEqual([
      [12, 'GOPROXY', 'https://goproxy.cn,direct', 'editor-tools', 'GoLand Go modules environment'],
      [13, 'GOPRIVATE', '*.corp.example&x', 'editor-tools', 'GoLand Go modules environment'],
      [14, 'GOFLAGS', '-mod=mod "-tags=a b" AB', 'editor-tools', 'GoLand Go modules environment'],
      [
        21,
        'GOPROXY',
        'https://old.example<1>',
        'editor-tools',
        'GoLand Go modules environment (proxy field)',
      ],
    ]);
    expect(r.settings[0]?.file).toBe('.idea/workspace.xml');
    expect(r.problems).toEqual([]);
  });

  it('reports a cut-off file and keeps what came before', () => {
    const cut = WORKSPACE.slice(0, WORKSPACE.indexOf('<entry key="CGO'));
    const r = parseGolandWorkspace(`${cut}<entry key="GOSUMDB" value="off"`, 'w.xml');
    expect(r.settings.map((s) => s.key)).toEqual(['GOPROXY', 'GOPRIVATE', 'GOFLAGS']);
    expect(r.problems).toEqual([{ line: 17, message: 'This tag is cut off.' }]);
  });

  it('never throws and stays fast on ~1 MB', () => {
    fc.assert(fc.property(fc.string(), (t) => void parseGolandWorkspace(t, 'w.xml')));
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'<>/="\'!-?& componentVgoProjectentry'.split('')) }),
        (t) => {
          expect(parseGolandWorkspace(t, 'w.xml').problems.length).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 500 },
    );
    const pieces = [
      '<component name="VgoProject"><environment><map><entry key="GOPROXY" value="x" />',
      '<a>',
      '</b>',
      '<proxy>',
      '<a b="',
    ];
    for (const p of pieces) {
      const t0 = Date.now();
      parseGolandWorkspace(p.repeat(1_000_000 / p.length), 'w.xml');
      expect(Date.now() - t0).toBeLessThan(10_000);
    }
  }, 60_000);
});
