import type { DoctorFinding } from '../../../shared/contract';
import { diagnose } from '../../../shared/diagnose';
import { catalogues, type Language } from '../../../shared/i18n';
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

/**
 * In a language other than English, an `error` parameter that quotes go, git or the network (English)
 * is said as its diagnosis instead; the quote itself stays in the English finding and the evidence.
 */
function explainError(params: Readonly<Record<string, string>> | undefined, language: Language) {
  if (language === 'en' || params?.error === undefined) return params;
  const diagnosis = diagnose(params.error);
  if (diagnosis === null) return params;
  const messages = catalogues[language].diagnosis;
  const values = {
    host: messages.theHost,
    address: messages.theAddress,
    path: messages.theFile,
    url: messages.theAddress,
    ...diagnosis.params,
  };
  return { ...params, error: fill(messages.reasons[diagnosis.reason].cause, values).replace(/[。.]$/, '') };
}

export function render({ rule, hit }: RawFinding, language: Language, preview?: string): DoctorFinding {
  const text = rule.text[language];
  const params = explainError(hit.params, language);
  return {
    id: rule.id,
    family: rule.family,
    severity: hit.severity ?? rule.severity,
    title: fill(text.title, params),
    detail: fill(text.detail, params),
    remedy: fill(text.remedy, params),
    evidence: hit.evidence,
    ...(hit.fix
      ? { fix: { id: hit.fix.id, summary: hit.fix.summary[language], preview: preview ?? '' } }
      : {}),
  };
}
