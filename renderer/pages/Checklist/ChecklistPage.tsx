import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { Progress } from '../../components/Progress';
import { subscribe } from '../../lib/api';
import { formatTime } from '../../lib/formatTime';
import { useDoctor } from '../../store/doctor';
import { useUi } from '../../store/ui';
import { FindingCard } from './FindingCard';
import { FixNoticeBanner } from './FixNoticeBanner';
import { Filters } from './Filters';
import { groupByFamily, SEVERITIES, type FindingFilter } from './filter';
import './Checklist.css';

const ALL: FindingFilter = { severities: new Set(SEVERITIES), family: 'all', query: '' };

export function ChecklistPage() {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const { running, report, error, run } = useDoctor();
  const [filter, setFilter] = useState<FindingFilter>(ALL);

  // Fresh on every visit and in every language: the findings arrive already in the words of the UI.
  useEffect(() => {
    void useDoctor.getState().run(language);
  }, [language]);
  // A change made elsewhere (the tray, the CLI, another page) can add or clear findings.
  useEffect(
    () =>
      subscribe('state:changed', ({ area }) => {
        const { notice } = useDoctor.getState();
        // Our own fix and undo already bring the checklist up to date.
        if (notice?.kind === 'undoing') return;
        if (area === 'goenv' || area === 'netproxy' || area === 'profiles') {
          void useDoctor.getState().run(useUi.getState().language);
        }
      }),
    [],
  );

  const groups = report ? groupByFamily(report.findings, filter) : [];
  const shown = groups.reduce((n, g) => n + g.findings.length, 0);
  const total = report?.findings.length ?? 0;

  return (
    <section aria-labelledby="checklist-heading" data-testid="checklist" aria-busy={running}>
      <PageHeader
        id="checklist-heading"
        title={t('common.nav.checklist')}
        intro={t('checklist.intro')}
        actions={
          <button type="button" data-testid="rerun" onClick={() => void run(language)} disabled={running}>
            {t('checklist.rerun')}
          </button>
        }
      />
      <FixNoticeBanner />
      {error && <ErrorBanner error={error} onRetry={() => void run(language)} />}
      {running && <Progress label={t('checklist.checking')} />}

      {report && (
        <>
          <p className="muted small" data-testid="checked">
            {t('checklist.checkedAt', {
              time: formatTime(report.startedAt, language),
            })}{' '}
            {t(report.checked.probed ? 'checklist.probed' : 'checklist.notProbed')}
          </p>
          {total === 0 ? (
            <p className="banner checklist-clean" data-testid="clean">
              {t('checklist.clean')}
            </p>
          ) : (
            <>
              <Filters filter={filter} counts={report.counts} onChange={setFilter} />
              <p className="muted" role="status" data-testid="shown">
                {t('checklist.shown', { shown, count: total })}
              </p>
              {shown === 0 && <p>{t('checklist.noMatch')}</p>}
              {groups.map(({ family, findings }) => (
                <section
                  key={family}
                  className="checklist-family"
                  aria-labelledby={`family-${family}`}
                  data-family={family}
                >
                  <h2 id={`family-${family}`}>
                    {t(`checklist.families.${family}`)} <span className="muted">{findings.length}</span>
                  </h2>
                  {findings.map((finding, i) => (
                    <FindingCard key={`${finding.id}-${i}`} finding={finding} />
                  ))}
                </section>
              ))}
            </>
          )}
        </>
      )}
    </section>
  );
}
