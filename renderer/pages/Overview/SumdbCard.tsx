import { useTranslation } from 'react-i18next';
import type { GoEnvReport } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { Ident } from '../../components/Ident';
import { DEFAULT_GOSUMDB } from './verdict';

/** A comma-separated pattern list, one code chip per pattern (go splits on ',' only, never trims). */
function Patterns({ value, none, testId }: { value: string; none: string; testId: string }) {
  const patterns = value.split(',').filter((p) => p !== '');
  if (patterns.length === 0) return <dd data-testid={testId}>{none}</dd>;
  return (
    <dd data-testid={testId} className="overview-patterns">
      {patterns.map((p, i) => (
        <code key={`${i}-${p}`}>{visible(p)}</code>
      ))}
    </dd>
  );
}

/** Whether downloads are checked against the checksum database, and which modules are not. */
export function SumdbCard({ vars }: { vars: GoEnvReport['vars'] | null }) {
  const { t } = useTranslation();
  const gosumdb = vars ? vars.GOSUMDB?.value || DEFAULT_GOSUMDB : null;
  return (
    <article className="card" aria-labelledby="overview-sumdb-heading">
      <h2 id="overview-sumdb-heading">{t('overview.sumdb.heading')}</h2>
      {vars === null || gosumdb === null ? (
        <p className="muted" aria-busy="true">
          {t('overview.loading')}
        </p>
      ) : (
        <>
          {gosumdb === 'off' && (
            <p className="warning" data-testid="sumdb-off">
              {t('overview.sumdb.off')}
            </p>
          )}
          <dl className="facts">
            <dt>{t('overview.sumdb.database')}</dt>
            <dd className="value" data-testid="gosumdb">
              <Ident value={`GOSUMDB=${gosumdb}`} />
            </dd>
            <dt>{t('overview.sumdb.skipped')}</dt>
            {gosumdb === 'off' ? (
              <dd data-testid="gonosumdb">{t('overview.sumdb.nothingChecked')}</dd>
            ) : (
              <Patterns
                value={vars.GONOSUMDB?.value ?? ''}
                none={t('overview.sumdb.everything')}
                testId="gonosumdb"
              />
            )}
            <dt>{t('overview.sumdb.private')}</dt>
            <Patterns
              value={vars.GOPRIVATE?.value ?? ''}
              none={t('overview.sumdb.noPrivate')}
              testId="goprivate"
            />
          </dl>
        </>
      )}
    </article>
  );
}
