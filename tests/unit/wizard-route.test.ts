import { describe, expect, it } from 'vitest';
import type { GoEnvReport, GoEnvVar } from '../../shared/contract';
import {
  goEnvChange,
  hasPattern,
  verifyModuleProblem,
  withPattern,
} from '../../renderer/pages/Wizard/goenvPlan';
import { previewRoute, proposedRouteSettings } from '../../renderer/pages/Wizard/routePreview';
import { blocker, type GateFacts } from '../../renderer/pages/Wizard/steps';

const v = (
  value: string,
  source: GoEnvVar['source'] = 'default',
  extra: Partial<GoEnvVar> = {},
): GoEnvVar => ({
  value,
  source,
  ...extra,
});

function report(vars: Record<string, GoEnvVar>): GoEnvReport {
  return {
    go: { path: '/usr/bin/go', version: 'go1.19.8' },
    envFile: '/home/u/.config/go/env',
    vars: {
      GOPROXY: v('https://proxy.golang.org,direct'),
      GOPRIVATE: v(''),
      GONOPROXY: v(''),
      GONOSUMDB: v(''),
      GOSUMDB: v('sum.golang.org'),
      GOINSECURE: v(''),
      ...vars,
    },
  };
}

const CHAIN = 'https://goproxy.cn,direct';

describe('the live route preview of the private-modules step', () => {
  it('flips from the mirror and the checksum DB to direct and unchecked when GOPRIVATE covers the module', () => {
    const before = proposedRouteSettings(report({}), CHAIN, '');
    expect(previewRoute('git.corp.example/team/lib', before)).toEqual({
      kind: 'proxy',
      url: 'https://goproxy.cn',
      checksum: { verified: true, db: 'sum.golang.org', url: 'https://sum.golang.org', reason: 'checked' },
    });
    const after = proposedRouteSettings(report({}), CHAIN, 'rsc.io,*.corp.example');
    expect(previewRoute('git.corp.example/team/lib@v1.0.0', after)).toEqual({
      kind: 'direct',
      pattern: '*.corp.example',
      checksum: { verified: false, reason: 'gonosumdb', pattern: '*.corp.example' },
    });
  });

  it('keeps GONOPROXY and GONOSUMDB the user set apart from GOPRIVATE', () => {
    const settings = proposedRouteSettings(
      report({ GONOSUMDB: v('git.corp.example', 'env-file') }),
      CHAIN,
      'other.example',
    );
    expect(settings.GONOPROXY).toBe('other.example');
    expect(settings.GONOSUMDB).toBe('git.corp.example');
    expect(previewRoute('git.corp.example/x', settings)).toMatchObject({
      kind: 'proxy',
      checksum: { verified: false, reason: 'gonosumdb' },
    });
  });

  it('uses the GOSUMDB go reports, and says when it is off', () => {
    const settings = proposedRouteSettings(report({ GOSUMDB: v('off', 'os-env') }), CHAIN, '');
    expect(previewRoute('rsc.io/quote', settings)).toMatchObject({ checksum: { reason: 'gosumdb-off' } });
  });

  it("says nothing for an empty field, and gives go's reason for a path it refuses", () => {
    const settings = proposedRouteSettings(report({}), CHAIN, '');
    expect(previewRoute('  ', settings)).toEqual({ kind: 'empty' });
    expect(previewRoute('quote', settings)).toEqual({
      kind: 'bad-path',
      error: 'malformed module path "quote": missing dot in first path element',
    });
    expect(previewRoute('rsc.io/quote', proposedRouteSettings(report({}), 'direct', ''))).toMatchObject({
      kind: 'direct',
    });
    expect(previewRoute('rsc.io/quote', proposedRouteSettings(report({}), 'off', ''))).toEqual({
      kind: 'off',
    });
  });
});

describe('the go env change the wizard writes', () => {
  it('always sets GOPROXY, and GOPRIVATE only when it differs from the file', () => {
    expect(goEnvChange(report({}), CHAIN, '')).toEqual({ set: [`GOPROXY=${CHAIN}`], unset: [] });
    expect(goEnvChange(report({}), CHAIN, '*.corp.example')).toEqual({
      set: [`GOPROXY=${CHAIN}`, 'GOPRIVATE=*.corp.example'],
      unset: [],
    });
    const inFile = report({ GOPRIVATE: v('a.example', 'env-file', { fileValue: 'a.example' }) });
    expect(goEnvChange(inFile, CHAIN, 'a.example').set).toEqual([`GOPROXY=${CHAIN}`]);
  });

  it('unsets an emptied GOPRIVATE instead of writing an empty line', () => {
    const inFile = report({ GOPRIVATE: v('a.example', 'env-file', { fileValue: 'a.example' }) });
    expect(goEnvChange(inFile, CHAIN, '')).toEqual({ set: [`GOPROXY=${CHAIN}`], unset: ['GOPRIVATE'] });
  });

  it('leaves a GOPRIVATE that only the OS environment sets out of the file while the user keeps it', () => {
    const fromOs = report({ GOPRIVATE: v('a.example', 'os-env', { osValue: 'a.example' }) });
    expect(goEnvChange(fromOs, CHAIN, 'a.example').set).toEqual([`GOPROXY=${CHAIN}`]);
    expect(goEnvChange(fromOs, CHAIN, 'a.example,b.example').set).toContain('GOPRIVATE=a.example,b.example');
  });

  it('adds a suggested pattern once, keeping the others', () => {
    expect(withPattern('', 'git.corp.example')).toBe('git.corp.example');
    expect(withPattern('a.example', 'git.corp.example')).toBe('a.example,git.corp.example');
    expect(withPattern('a.example,git.corp.example', 'git.corp.example')).toBe('a.example,git.corp.example');
    expect(hasPattern('a.example,git.corp.example', 'git.corp.example')).toBe(true);
    expect(hasPattern('git.corp.example.org', 'git.corp.example')).toBe(false);
  });
});

describe('the verify module field', () => {
  it('wants PATH@VERSION with a path go accepts', () => {
    expect(verifyModuleProblem('rsc.io/quote@v1.5.2')).toBeNull();
    expect(verifyModuleProblem('rsc.io/quote@latest')).toBeNull();
    expect(verifyModuleProblem('rsc.io/quote')).toEqual({ kind: 'no-version' });
    expect(verifyModuleProblem('rsc.io/quote@')).toEqual({ kind: 'no-version' });
    expect(verifyModuleProblem('quote@v1.0.0')).toEqual({
      kind: 'bad-path',
      error: 'malformed module path "quote": missing dot in first path element',
    });
  });
});

describe('when Next is possible', () => {
  const ok: GateFacts = {
    probeRunning: false,
    patternProblems: 0,
    useProxy: false,
    proxyUrl: '',
    proxyScopes: 2,
    reviewReady: true,
    applied: true,
  };

  it('waits for work in progress and for Apply, and wants a proxy URL only when a proxy is chosen', () => {
    expect(blocker('network', { ...ok, probeRunning: true })).toBe('probe');
    expect(blocker('private', { ...ok, patternProblems: 1 })).toBe('patterns');
    expect(blocker('proxy', ok)).toBeNull();
    expect(blocker('proxy', { ...ok, useProxy: true })).toBe('proxyUrl');
    expect(blocker('proxy', { ...ok, useProxy: true, proxyUrl: 'http://p:3128', proxyScopes: 0 })).toBe(
      'proxyScopes',
    );
    expect(blocker('review', { ...ok, reviewReady: false })).toBe('review');
    expect(blocker('review', { ...ok, applied: false })).toBe('apply');
    expect(blocker('go', ok)).toBeNull();
    expect(blocker('verify', ok)).toBe('last');
  });
});
