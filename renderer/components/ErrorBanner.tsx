import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../shared/contract';

export function ErrorBanner({ error, onRetry }: { error: IpcError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-error" role="alert">
      <span>{t(`errors.${error.code}`, { message: error.message })}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
