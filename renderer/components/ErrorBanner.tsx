import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../shared/contract';
import { Diagnosis, diagnosisOf } from './Diagnosis';

/**
 * A failed call: what failed in the user's language, what it means and what to do (when the message
 * is understood), and the service's own English message under "Details".
 */
export function ErrorBanner({ error, onRetry }: { error: IpcError; onRetry?: () => void }) {
  const { t } = useTranslation();
  // "Something went wrong." says nothing a known cause does not say better.
  const generic =
    error.code === 'internal' && diagnosisOf(error.message, error.reason, error.params) !== null;
  return (
    <div className="banner banner-error" role="alert" data-code={error.code}>
      <Diagnosis
        raw={error.message}
        reason={error.reason}
        params={error.params}
        title={generic ? undefined : t(`diagnosis.titles.${error.code}`)}
      />
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
