import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { DiffView } from '../../components/DiffView';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { useProjects } from '../../store/projects';
import { useUi } from '../../store/ui';
import { Notes } from './StepList';

/** Takes back what GoProxy Desk wrote to the project: preview, then restore. */
export function RestoreBox() {
  const { t } = useTranslation();
  const restore = useProjects((s) => s.restore);
  const { previewRestore, restoreChanges, cancelRestore } = useProjects.getState();
  const { result } = restore;
  const busy = restore.status === 'previewing' || restore.status === 'restoring';
  const showPreview = (restore.status === 'preview' || restore.status === 'restoring') && result !== null;

  return (
    <section className="card" aria-labelledby="project-restore-heading" data-testid="project-restore">
      <h2 id="project-restore-heading">{t('projectsPage.restore.heading')}</h2>
      <p className="muted small">{t('projectsPage.restore.intro')}</p>
      {!showPreview && (
        <button
          type="button"
          disabled={busy}
          data-testid="restore-preview"
          onClick={() => void previewRestore()}
        >
          {t('projectsPage.restore.preview')}
        </button>
      )}
      {restore.status === 'previewing' && <Progress label={t('projectsPage.restore.previewing')} />}
      {restore.status === 'restoring' && <Progress label={t('projectsPage.restore.restoring')} />}
      {restore.error && <ErrorBanner error={restore.error} />}
      {showPreview && (
        <div className="project-outcome" data-testid="restore-preview-result">
          <h3>{t('projectsPage.restore.previewHeading')}</h3>
          {result.places.length === 0 ? (
            <p className="muted">{t('projectsPage.restore.nothing')}</p>
          ) : (
            <ul className="project-places">
              {result.places.map((p, i) => (
                <li key={i} data-place={p.place} data-outcome={p.outcome}>
                  <p>
                    {p.preview && (
                      <>
                        <span className="badge badge-default">
                          {t(`proxyPage.steps.actions.${p.preview.action}`)}
                        </span>{' '}
                      </>
                    )}
                    <code className="value">{visible(p.place)}</code>{' '}
                    <span className="muted small">{t(`projectsPage.restore.outcomes.${p.outcome}`)}</span>
                  </p>
                  {p.preview?.diff !== undefined && <DiffView text={p.preview.diff} label={p.place} />}
                </li>
              ))}
            </ul>
          )}
          <Notes notes={result.warnings} />
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy || result.places.length === 0}
              data-testid="restore"
              onClick={() => void restoreChanges(useUi.getState().language)}
            >
              {t('projectsPage.restore.restore')}
            </button>
            <button type="button" disabled={busy} onClick={cancelRestore}>
              {t('common.actions.cancel')}
            </button>
          </div>
        </div>
      )}
      {restore.status === 'done' && result && (
        <div className="project-outcome" data-testid="restore-result">
          <p role="status">
            {result.restored.length === 0
              ? t('projectsPage.restore.nothing')
              : t('projectsPage.restore.done', { count: result.restored.length })}
          </p>
          {!result.complete && <p className="warning">{t('projectsPage.restore.incomplete')}</p>}
          <Notes notes={result.warnings} />
        </div>
      )}
    </section>
  );
}
