import type { TFunction } from 'i18next';
import type { ProxyDetectResult, ScopeReadingReport } from '../../shared/contract';
import { visible } from '../../shared/visible';

/**
 * A proxy scope's note in the user's language: its codes translated, one sentence each; a note the
 * services gave no codes for is shown as it came (English).
 */
export function scopeNoteText(t: TFunction, reading: Pick<ScopeReadingReport, 'note' | 'notes'>): string {
  if (reading.notes !== undefined && reading.notes.length > 0) {
    // Chinese sentences follow each other without a space.
    return reading.notes
      .map((n) => t(`scopeNotes.${n.code}`, n.params ?? {}))
      .join(' ')
      .replace(/([。！？]) /g, '$1');
  }
  return visible(reading.note ?? '');
}

/** Where the OS proxy settings were read, in the user's language when it is one of the usual places. */
export function detectSourceText(
  t: TFunction,
  result: Pick<ProxyDetectResult, 'source' | 'sourceCode'>,
): string {
  if (result.sourceCode !== undefined)
    return t(`detectSources.${result.sourceCode.code}`, result.sourceCode.params ?? {});
  return visible(result.source);
}
