import type { DoctorFinding } from '../../../shared/contract';
import type { Language } from '../../../shared/i18n';
import { SEVERITIES, type Facts, type Hit, type Rule } from './types';

/**
 * Running the rules over the facts: each hit becomes a finding in the asked language, its
 * {{placeholders}} filled from the hit's params. A rule that throws is a bug of ours; it is reported
 * as a finding of its own instead of hiding the others.
 */
export interface RawFinding {
  rule: Rule;
  hit: Hit;
}

export function fill(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => params[name] ?? whole);
}

export function evaluate(rules: readonly Rule[], facts: Facts): { raw: RawFinding[]; failures: string[] } {
  const raw: RawFinding[] = [];
  const failures: string[] = [];
  for (const rule of rules) {
    try {
      for (const hit of rule.check(facts)) raw.push({ rule, hit });
    } catch (error) {
      failures.push(`${rule.id}: ${(error as Error).message}`);
    }
  }
  const rank = (r: RawFinding) => SEVERITIES.indexOf(r.hit.severity ?? r.rule.severity);
  raw.sort((a, b) => rank(a) - rank(b) || a.rule.id.localeCompare(b.rule.id));
  return { raw, failures };
}

export function render({ rule, hit }: RawFinding, language: Language, preview?: string): DoctorFinding {
  const text = rule.text[language];
  return {
    id: rule.id,
    family: rule.family,
    severity: hit.severity ?? rule.severity,
    title: fill(text.title, hit.params),
    detail: fill(text.detail, hit.params),
    remedy: fill(text.remedy, hit.params),
    evidence: hit.evidence,
    ...(hit.fix
      ? { fix: { id: hit.fix.id, summary: hit.fix.summary[language], preview: preview ?? '' } }
      : {}),
  };
}
