import type { DoctorFinding } from '../../../shared/contract';

export type Severity = DoctorFinding['severity'];
export type Family = DoctorFinding['family'];

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** The order the families are shown in: what stops go first, what leaks last. */
export const FAMILIES: readonly Family[] = ['syntax', 'integrity', 'upstream', 'timeout', 'leak'];

export interface FindingFilter {
  severities: ReadonlySet<Severity>;
  family: Family | 'all';
  /** Words to look for, case-insensitively, in the id, title, detail, remedy and evidence. */
  query: string;
}

export function matches(finding: DoctorFinding, filter: FindingFilter): boolean {
  if (!filter.severities.has(finding.severity)) return false;
  if (filter.family !== 'all' && finding.family !== filter.family) return false;
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [finding.id, finding.title, finding.detail, finding.remedy, ...finding.evidence]
    .join('\n')
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The findings that pass the filter, by family in FAMILIES order; families with none left out. */
export function groupByFamily(
  findings: readonly DoctorFinding[],
  filter: FindingFilter,
): Array<{ family: Family; findings: DoctorFinding[] }> {
  const shown = findings.filter((f) => matches(f, filter));
  return FAMILIES.map((family) => ({ family, findings: shown.filter((f) => f.family === family) })).filter(
    (g) => g.findings.length > 0,
  );
}
