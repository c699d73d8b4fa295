import { describe, expect, it } from 'vitest';
import { parseGoEnvFile, parseGoVersion } from '../../shared/go/envfile';

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

describe('parseGoVersion', () => {
  it('reads go1.19.8, go1.21 and go1.22rc1', () => {
    expect(parseGoVersion('go1.19.8')).toEqual([1, 19, 8]);
    expect(parseGoVersion('go1.21')).toEqual([1, 21, 0]);
    expect(parseGoVersion('go1.22rc1')).toEqual([1, 22, 0]);
    expect(parseGoVersion('devel +abc')).toBeNull();
  });
});
