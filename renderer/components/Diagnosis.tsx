import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  diagnose,
  diagnosisValues,
  type Diagnosis as Known,
  type DiagnosisReason,
} from '../../shared/diagnose';
import { visible } from '../../shared/visible';
import './Diagnosis.css';

/** The reason main found, else the one the raw text shows (go's parser errors reach the page as text). */
export function diagnosisOf(
  raw: string,
  reason?: DiagnosisReason,
  params?: Record<string, string>,
): Known | null {
  if (reason !== undefined) return { reason, params: params ?? {} };
  return diagnose(raw);
}

/**
 * An error as a diagnosis: an optional headline, then the cause and the action in the user's language,
 * and the raw text (go's output, Node's error names) folded under "Details". The raw text is marked
 * data-raw: it is shown as it came, in English.
 */
export function Diagnosis({
  raw,
  reason,
  params,
  title,
  details = true,
  brief = false,
}: {
  raw: string;
  reason?: DiagnosisReason;
  params?: Record<string, string>;
  title?: ReactNode;
  /** False where the page shows the raw text itself (go's output in a <pre>). */
  details?: boolean;
  /** The cause only, for a table cell: the action is the row's own buttons. */
  brief?: boolean;
}) {
  const { t } = useTranslation();
  const known = diagnosisOf(raw, reason, params);
  if (known === null && title === undefined && !details) return null;
  const values = known ? diagnosisValues(t, known.params) : {};
  return (
    <div className="diagnosis" data-testid="diagnosis" data-reason={known?.reason ?? 'unknown'}>
      {title !== undefined && <strong className="diagnosis-title">{title}</strong>}
      {known && (
        <>
          <span className="diagnosis-cause" data-testid="diagnosis-cause">
            {t(`diagnosis.reasons.${known.reason}.cause`, values)}
          </span>
          {!brief && (
            <span className="diagnosis-action" data-testid="diagnosis-action">
              {t(`diagnosis.reasons.${known.reason}.action`, values)}
            </span>
          )}
        </>
      )}
      {details && raw.trim() !== '' && (
        <details className="diagnosis-details small">
          <summary>{t('diagnosis.details')}</summary>
          <pre className="value" data-raw="">
            {visible(raw, { keepNewlines: true })}
          </pre>
        </details>
      )}
    </div>
  );
}
