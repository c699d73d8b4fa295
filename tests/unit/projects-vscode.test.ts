import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVscodeSettings, planVscodeToolsEnv } from '../../electron/services/projects/vscode';

const SETTINGS = `{
  // Go
  "go.useLanguageServer": true,
  "go.toolsEnvVars": {
    "GOPROXY": "https://goproxy.cn,direct", // mirror
    "GOFLAGS": "-tags=integration",
    "CGO_ENABLED": "0",
  },
  /* terminals */
  "terminal.integrated.env.linux": { "GOPRIVATE": "\${env:CORP_PRIVATE}" },
  "terminal.integrated.env.osx": {
    "GONOSUMDB": "corp.example"
  },
  "terminal.integrated.env.windows": { "GOPROXY": 42 },
}
`;

describe('parseVscodeSettings', () => {
  it('reads go.toolsEnvVars and the terminal env of each OS, with lines', () => {
    const r = parseVscodeSettings(SETTINGS, '.vscode/settings.json');
    expect(r.settings.map((s) => [s.line, s.key, s.value, s.context, s.how, s.expands ?? false])).toEqual([
      [5, 'GOPROXY', 'https://goproxy.cn,direct', 'editor-tools', 'go.toolsEnvVars', false],
      [6, 'GOFLAGS', '-tags=integration', 'editor-tools', 'go.toolsEnvVars', false],
      [10, 'GOPRIVATE', '${env:CORP_PRIVATE}', 'terminal', 'terminal.integrated.env.linux', true],
      [12, 'GONOSUMDB', 'corp.example', 'terminal', 'terminal.integrated.env.osx', false],
    ]);
    expect(r.settings[0]?.file).toBe('.vscode/settings.json');
    expect(r.problems).toEqual([
      {
        line: 14,
        message: 'GOPROXY in terminal.integrated.env.windows should be a string; VS Code ignores it.',
      },
    ]);
  });

  it('reports JSON errors with their line and still reads the rest', () => {
    const r = parseVscodeSettings('{\n  "go.toolsEnvVars": { "GOPROXY": "off" }\n  "x": 1\n}', 's.json');
    expect(r.settings.map((s) => s.value)).toEqual(['off']);
    expect(r.problems[0]?.line).toBe(3);
  });

  it('never throws and stays fast on ~1 MB', () => {
    fc.assert(fc.property(fc.string(), (t) => void parseVscodeSettings(t, 's.json')));
    fc.assert(fc.property(fc.json(), (t) => void parseVscodeSettings(t, 's.json')));
    const big = `{"go.toolsEnvVars": {${'"GOPROXY": "x", '.repeat(60_000)}}}`;
    const t0 = Date.now();
    expect(parseVscodeSettings(big, 's.json').settings.length).toBe(60_000);
    parseVscodeSettings('[{'.repeat(300_000), 's.json');
    expect(Date.now() - t0).toBeLessThan(10_000);
  }, 60_000);
});

describe('planVscodeToolsEnv', () => {
  it('changes one value and keeps every other byte, comments included', () => {
    const out = planVscodeToolsEnv(SETTINGS, { GOPROXY: 'https://proxy.golang.org,direct' });
    expect(out).toBe(SETTINGS.replace('https://goproxy.cn,direct', 'https://proxy.golang.org,direct'));
  });

  it('adds a key in the file’s own indentation and removes another', () => {
    const out = planVscodeToolsEnv(SETTINGS, { GOFLAGS: null, GONOSUMDB: 'corp.example' });
    expect(out).toContain('// Go\n');
    expect(out).toContain('"GOPROXY": "https://goproxy.cn,direct", // mirror');
    expect(out).not.toContain('GOFLAGS');
    expect(out).toMatch(/\n {4}"GONOSUMDB": "corp\.example"/);
    expect(
      parseVscodeSettings(out, 's')
        .settings.filter((s) => s.how === 'go.toolsEnvVars')
        .map((s) => s.key),
    ).toEqual(['GOPROXY', 'GONOSUMDB']);
  });

  it('keeps CRLF line ends and tabs', () => {
    const text = '{\r\n\t// mine\r\n\t"editor.tabSize": 4\r\n}\r\n';
    const out = planVscodeToolsEnv(text, { GOPROXY: 'direct' });
    expect(out).toBe(
      '{\r\n\t// mine\r\n\t"editor.tabSize": 4,\r\n\t"go.toolsEnvVars": {\r\n\t\t"GOPROXY": "direct"\r\n\t}\r\n}\r\n',
    );
  });

  it('creates the file when there is none', () => {
    expect(planVscodeToolsEnv(null, { GOPROXY: 'direct', GOSUMDB: null })).toBe(
      '{\n  "go.toolsEnvVars": {\n    "GOPROXY": "direct"\n  }\n}\n',
    );
  });

  it('removes go.toolsEnvVars with its last key and leaves the rest alone', () => {
    const text = '{\n  "a": 1, // keep\n  "go.toolsEnvVars": {\n    "GOPROXY": "direct"\n  }\n}\n';
    expect(planVscodeToolsEnv(text, { GOPROXY: null })).toBe('{\n  "a": 1 // keep\n}\n');
  });

  it('changes nothing when removing a key that is not there', () => {
    expect(planVscodeToolsEnv(SETTINGS, { GOTOOLCHAIN: null })).toBe(SETTINGS);
  });
});
