import { useTranslation } from 'react-i18next';
import type { NetProxyReport, ScopeReadingReport } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { scopeName } from './scopeName';
import { scopeNoteText } from '../../components/scopeNote';

type Field = 'http' | 'https' | 'noProxy';
const FIELDS: Field[] = ['http', 'https', 'noProxy'];

/** The proxy as each scope has it now, side by side, and the environment this app was started with. */
export function CurrentScopes({ report }: { report: NetProxyReport }) {
  const { t } = useTranslation();
  const value = (scope: ScopeReadingReport, field: Field) => {
    if (!scope.available) return null;
    const v = scope[field];
    return v === null ? (
      <span className="muted">{t('proxyPage.current.notSet')}</span>
    ) : (
      <code className="value">{visible(v)}</code>
    );
  };
  const process = report.process;
  const processSet = FIELDS.filter((f) => process[f] !== null);

  return (
    <section className="card" aria-labelledby="current-heading">
      <h2 id="current-heading">{t('proxyPage.current.heading')}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="current-heading">
        <table className="grid scopes" data-testid="scopes">
          <thead>
            <tr>
              <th scope="col">{t('proxyPage.current.setting')}</th>
              {report.scopes.map((s) => (
                <th scope="col" key={s.scope} data-scope={s.scope}>
                  {scopeName(t, s.scope)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('proxyPage.current.status')}</th>
              {report.scopes.map((s) => (
                <td key={s.scope} data-scope={s.scope} data-testid={`scope-status-${s.scope}`}>
                  {s.available ? (
                    <>
                      <span className="badge badge-available">{t('proxyPage.current.available')}</span>
                      {s.note && <div className="muted small">{scopeNoteText(t, s)}</div>}
                    </>
                  ) : (
                    // The reason can be long (what is missing, what would work): it opens on demand.
                    <details className="scope-why">
                      <summary>
                        <span className="badge badge-unavailable">{t('proxyPage.current.unavailable')}</span>
                      </summary>
                      {s.note && <div className="muted small">{scopeNoteText(t, s)}</div>}
                    </details>
                  )}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('proxyPage.current.where')}</th>
              {report.scopes.map((s) => (
                <td key={s.scope}>{s.source && <code className="value small">{visible(s.source)}</code>}</td>
              ))}
            </tr>
            {FIELDS.map((field) => (
              <tr key={field} data-field={field}>
                <th scope="row">{t(`proxyPage.fields.${field}`)}</th>
                {report.scopes.map((s) => (
                  <td key={s.scope} data-scope={s.scope}>
                    {value(s, field)}
                  </td>
                ))}
              </tr>
            ))}
            {report.scopes.some((s) => s.conflicts.length > 0) && (
              <tr>
                <th scope="row">{t('proxyPage.current.conflicts')}</th>
                {report.scopes.map((s) => (
                  <td key={s.scope} data-testid={`conflicts-${s.scope}`}>
                    {s.conflicts.map((c, i) => (
                      <div key={i} className="small">
                        <code className="value">
                          {visible(c.file)}
                          {c.line > 0 && `:${c.line}`}
                        </code>
                        <div className="muted value">{visible(c.text)}</div>
                      </div>
                    ))}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="muted small" data-testid="process-env">
        {processSet.length === 0 ? (
          t('proxyPage.current.processNone')
        ) : (
          <>
            {t('proxyPage.current.process')}{' '}
            {processSet.map((f) => (
              <code key={f} className="value env-var">
                {f === 'http' ? 'HTTP_PROXY' : f === 'https' ? 'HTTPS_PROXY' : 'NO_PROXY'}={process[f]}
              </code>
            ))}
          </>
        )}
      </p>
    </section>
  );
}
