import { useTranslation } from 'react-i18next';
import type { DoctorFinding, ProbeResult } from '../../shared/contract';

export function SeverityBadge({ severity }: { severity: DoctorFinding['severity'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${severity}`} data-severity={severity}>
      {t(`common.severity.${severity}`)}
    </span>
  );
}

/** A coloured dot and the word for a mirror's health ('unknown' before the first probe). */
export function HealthDot({ status, label }: { status: ProbeResult['status'] | 'unknown'; label?: boolean }) {
  const { t } = useTranslation();
  const word = t(`common.health.${status}`);
  return (
    <span data-health={status}>
      <span className={`dot dot-${status}`} aria-hidden="true" />
      {label === false ? <span className="sr-only">{word}</span> : word}
    </span>
  );
}
