import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { Progress } from '../../components/Progress';
import { useDoctor } from '../../store/doctor';
import { useUi } from '../../store/ui';

/** After a fix: what it did, with Undo; after an undo: that the previous settings are back. */
export function FixNoticeBanner() {
  const { t } = useTranslation();
  const notice = useDoctor((s) => s.notice);
  const { undoFix, dismissNotice } = useDoctor.getState();
  if (notice === null) return null;
  if (notice.kind === 'undoing') return <Progress label={t('checklist.notice.undoing')} />;
  if (notice.kind === 'undone') {
    return (
      <div className="banner checklist-notice" role="status" data-testid="fix-notice">
        <span>{t(notice.complete ? 'checklist.notice.undone' : 'checklist.notice.incomplete')}</span>
        <button type="button" onClick={dismissNotice}>
          {t('common.actions.dismiss')}
        </button>
      </div>
    );
  }
  const { result } = notice;
  return (
    <div className="banner checklist-notice" role="status" data-testid="fix-notice">
      <div>
        {result.applied.map((a) => (
          <p key={a.id} className="checklist-notice-line">
            {t('checklist.notice.applied', { summary: a.summary })}
          </p>
        ))}
        <p className="muted small checklist-notice-line">{t('checklist.notice.undoHint')}</p>
        {result.warnings.length > 0 && (
          <>
            <p className="checklist-notice-line">{t('checklist.notice.warnings')}</p>
            <ul>
              {result.warnings.map((w, i) => (
                <li key={i}>
                  <code>{visible(w)}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="fix-undo"
          onClick={() => void undoFix(useUi.getState().language)}
        >
          {t('common.actions.undo')}
        </button>
        <button type="button" onClick={dismissNotice}>
          {t('common.actions.dismiss')}
        </button>
      </div>
    </div>
  );
}
