import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Ident } from '../../components/Ident';
import { PageHeader } from '../../components/PageHeader';
import { useEnv } from '../../store/env';
import { SourceBadge } from './SourceBadge';

export function EnvironmentPage() {
  const { t } = useTranslation();
  const { status, report, error, load } = useEnv();

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  return (
    <section aria-labelledby="env-heading">
      <PageHeader
        id="env-heading"
        title={t('env.heading')}
        intro={t('env.intro')}
        actions={
          <button type="button" onClick={() => void load()} disabled={status === 'loading'}>
            {t('app.refresh')}
          </button>
        }
      />

      {error && <ErrorBanner error={error} onRetry={() => void load()} />}
      {!report && status === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}

      {report && (
        <>
          <dl className="facts">
            <dt>{t('env.go')}</dt>
            <dd data-testid="go-status">
              {report.go ? (
                t('env.goFound', { version: report.go.version || '?', path: report.go.path })
              ) : (
                <span className="warning">
                  <strong>{t('env.goMissing')}</strong> {t('env.goMissingHelp')}
                </span>
              )}
            </dd>
            <dt>{t('env.envFile')}</dt>
            <dd data-testid="env-file">
              {report.envFile === null ? t('env.envFileOff') : <Ident value={visible(report.envFile)} copy />}
            </dd>
          </dl>
          {report.envFileError && (
            <p className="banner banner-warning">{t('env.envFileError', { message: report.envFileError })}</p>
          )}
          {report.goError && (
            <p className="banner banner-warning">{t('env.goError', { message: report.goError })}</p>
          )}

          {/* Fixed columns: a long value is cut with "…" in its own cell instead of widening the table. */}
          <table className="grid env-table" data-testid="env-table">
            <colgroup>
              <col className="env-col-name" />
              <col />
              <col className="env-col-source" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('env.variable')}</th>
                <th scope="col">{t('env.value')}</th>
                <th scope="col">{t('env.source')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(report.vars).map(([name, v]) => (
                <tr key={name} data-var={name}>
                  <th scope="row">
                    <code className="token">{visible(name)}</code>
                  </th>
                  <td>
                    {v.value === '' ? (
                      <span className="muted">{t('env.empty')}</span>
                    ) : (
                      <Ident value={visible(v.value)} copy testId={`value-${name}`} />
                    )}
                    {v.source !== 'env-file' && v.fileValue !== undefined && (
                      <div className="muted small">
                        {t('env.fileValue', { value: v.fileValue || t('env.empty') })}
                      </div>
                    )}
                    {v.source !== 'goroot-env' && v.gorootValue !== undefined && (
                      <div className="muted small">
                        {t('env.gorootValue', { value: v.gorootValue || t('env.empty') })}
                      </div>
                    )}
                  </td>
                  <td>
                    <SourceBadge source={v.source} />
                    {v.readOnly && <div className="muted small">{t('env.readOnly')}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
