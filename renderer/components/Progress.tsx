import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Long work in progress: what is happening, how long it has taken, a bar (determinate when `value` is
 * given), and Cancel when the work can be cancelled.
 */
export function Progress({
  label,
  value,
  max = 1,
  onCancel,
}: {
  label: string;
  value?: number;
  max?: number;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="progress" role="status" aria-live="polite" data-testid="progress">
      <span>{label}</span>
      <progress aria-label={label} {...(value === undefined ? {} : { value, max })} />
      <span className="muted small">
        {t('common.progress.elapsed', { seconds: Math.floor((now - started) / 1000) })}
      </span>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('common.actions.cancel')}
        </button>
      )}
    </div>
  );
}
