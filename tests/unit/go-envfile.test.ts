import { describe, expect, it } from 'vitest';
import { effectiveGoEnv, parseGoEnvFile, type GoEnvLayers } from '../../shared/go/envfile';
import { goFacts, parseGoRelease } from '../../shared/go/versions';

describe('parseGoEnvFile (cmd/go/internal/cfg initEnvCache)', () => {
  it('splits each line at its first "=" and keeps the raw value', () => {
    const values = parseGoEnvFile('GOPROXY=https://goproxy.cn,direct\nGOFLAGS=-ldflags=-s -w\n');
    expect(values.get('GOPROXY')).toBe('https://goproxy.cn,direct');
    expect(values.get('GOFLAGS')).toBe('-ldflags=-s -w');
  });

  it('lets the last duplicate win and keeps empty values', () => {
    const values = parseGoEnvFile('GOPROXY=a\nGOPRIVATE=\nGOPROXY=b');
    expect(values.get('GOPROXY')).toBe('b');
    expect(values.get('GOPRIVATE')).toBe('');
  });

  it('keeps a carriage return as part of the value, as go does', () => {
    expect(parseGoEnvFile('GOPROXY=https://goproxy.cn\r\n').get('GOPROXY')).toBe('https://goproxy.cn\r');
  });

  it('ignores comments, blank lines, lines without "=" and lines not starting with A-Z', () => {
    const values = parseGoEnvFile(
      '# GOPROXY=x\n\nGOPROXY\n goprivate=y\n GOSUMDB=off\n_X=1\nGOSUMDB=sum.golang.org',
    );
    expect([...values]).toEqual([['GOSUMDB', 'sum.golang.org']]);
  });
});

describe('parseGoRelease', () => {
  it('reads go1.19.8, go1.21 and go1.22rc1', () => {
    expect(parseGoRelease('go1.19.8')).toEqual({ major: 1, minor: 19, patch: 8 });
    expect(parseGoRelease('go1.21')).toEqual({ major: 1, minor: 21, patch: 0 });
    expect(parseGoRelease('go1.22rc1')).toEqual({ major: 1, minor: 22, patch: 0 });
    expect(parseGoRelease('devel +abc')).toBeNull();
  });
});

describe('effectiveGoEnv (cfg.Getenv + envOr, per version)', () => {
  const layers = (file: string, goroot: string | null, os: Record<string, string> = {}): GoEnvLayers => ({
    os,
    file: parseGoEnvFile(file),
    goroot: goroot === null ? null : parseGoEnvFile(goroot),
  });
  const goEnv = 'GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n';

  it('takes GOPROXY from go.env on 1.21+ and from the built-in default on 1.19', () => {
    expect(effectiveGoEnv(goFacts('go1.27.3'), layers('', goEnv), 'GOPROXY')).toEqual({
      value: 'https://proxy.golang.org,direct',
      source: 'goroot-env',
    });
    expect(effectiveGoEnv(goFacts('go1.19.8'), layers('', goEnv), 'GOPROXY')).toEqual({
      value: 'https://proxy.golang.org,direct',
      source: 'default',
    });
  });

  it('lets an empty GOPROXY= line hide go.env on 1.21+, but means the default on 1.19', () => {
    expect(effectiveGoEnv(goFacts('go1.21.13'), layers('GOPROXY=\n', goEnv), 'GOPROXY')).toEqual({
      value: '',
      source: 'env-file',
    });
    expect(effectiveGoEnv(goFacts('go1.19.8'), layers('GOPROXY=\n', null), 'GOPROXY')).toEqual({
      value: 'https://proxy.golang.org,direct',
      source: 'default',
    });
  });

  it('keeps GOAUTH=netrc for an empty line (envOr), and GONOSUMDB following GOPRIVATE', () => {
    expect(effectiveGoEnv(goFacts('go1.24.4'), layers('GOAUTH=\n', goEnv), 'GOAUTH').value).toBe('netrc');
    expect(effectiveGoEnv(goFacts('go1.24.4'), layers('GOPRIVATE=*.corp\n', goEnv), 'GONOSUMDB')).toEqual({
      value: '*.corp',
      source: 'default',
    });
  });

  it('prefers a non-empty OS value and ignores an empty one', () => {
    expect(
      effectiveGoEnv(goFacts('go1.27.3'), layers('', goEnv, { GOPROXY: 'direct' }), 'GOPROXY').source,
    ).toBe('os-env');
    expect(effectiveGoEnv(goFacts('go1.27.3'), layers('', goEnv, { GOPROXY: '' }), 'GOPROXY').source).toBe(
      'goroot-env',
    );
  });
});
