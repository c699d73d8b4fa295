import { describe, expect, it } from 'vitest';
import type { DoctorFinding } from '../../shared/contract';
import {
  groupByFamily,
  matches,
  SEVERITIES,
  type FindingFilter,
} from '../../renderer/pages/Checklist/filter';
import { fixDiff } from '../../renderer/pages/Checklist/fixDiff';

const finding = (
  id: string,
  family: DoctorFinding['family'],
  severity: DoctorFinding['severity'],
): DoctorFinding => ({
  id,
  family,
  severity,
  title: `${id} title`,
  detail: 'detail',
  remedy: 'remedy',
  evidence: [`${id}=observed value`],
});
const ALL: FindingFilter = { severities: new Set(SEVERITIES), family: 'all', query: '' };

describe('checklist filters', () => {
  const findings = [
    finding('gosumdb-off', 'integrity', 'error'),
    finding('goproxy-semicolon', 'syntax', 'error'),
    finding('pattern-problems', 'syntax', 'warning'),
    finding('plain-http', 'leak', 'info'),
  ];

  it('groups by family in the fixed family order, leaving out empty families', () => {
    expect(groupByFamily(findings, ALL).map((g) => [g.family, g.findings.map((f) => f.id)])).toEqual([
      ['syntax', ['goproxy-semicolon', 'pattern-problems']],
      ['integrity', ['gosumdb-off']],
      ['leak', ['plain-http']],
    ]);
  });

  it('hides unchecked severities and other families', () => {
    const noErrors = { ...ALL, severities: new Set(['warning', 'info'] as const) };
    expect(findings.filter((f) => matches(f, noErrors)).map((f) => f.id)).toEqual([
      'pattern-problems',
      'plain-http',
    ]);
    expect(findings.filter((f) => matches(f, { ...ALL, family: 'syntax' })).map((f) => f.id)).toEqual([
      'goproxy-semicolon',
      'pattern-problems',
    ]);
  });

  it('searches every word, case-insensitively, in the evidence too', () => {
    expect(
      findings.filter((f) => matches(f, { ...ALL, query: 'PLAIN-http  observed' })).map((f) => f.id),
    ).toEqual(['plain-http']);
    expect(findings.filter((f) => matches(f, { ...ALL, query: 'plain-http missing' }))).toEqual([]);
  });
});

describe('fix preview as a diff', () => {
  it('turns a changed go env variable into its env-file line removed and added', () => {
    expect(fixDiff('GOPROXY: https://a;direct → https://a,direct')).toBe(
      '-GOPROXY=https://a;direct\n+GOPROXY=https://a,direct',
    );
  });

  it('adds no removed line for a variable that was not set, and no added line for one unset', () => {
    expect(fixDiff('GOSUMDB: (not set) → sum.golang.google.cn\nGONOSUMDB: * → (not set)')).toBe(
      '+GOSUMDB=sum.golang.google.cn\n-GONOSUMDB=*',
    );
  });

  it('keeps network steps as context lines', () => {
    expect(fixDiff('env: modify /home/u/.profile')).toBe(' env: modify /home/u/.profile');
  });
});
