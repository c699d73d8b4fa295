import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { followNetProxy, useNetProxy } from '../../store/netproxy';
import { CurrentScopes } from './CurrentScopes';
import { DetectedProxy } from './DetectedProxy';
import { draftFrom, draftFromSuggestion, type Draft } from './draft';
import { Journal, UnfinishedBanner } from './Journal';
import { ProxyForm, type ProxyFormHandle } from './ProxyForm';
import './proxy.css';

export function ProxyPage() {
  const { t } = useTranslation();
  const { status, report, error, load } = useNetProxy();
  // The form shows what the machine has until the user edits it; from then on it is the user's.
  const [edited, setDraft] = useState<Draft | null>(null);
  const draft = edited ?? (report ? draftFrom(report) : null);
  const form = useRef<ProxyFormHandle>(null);

  useEffect(() => {
    const stop = followNetProxy();
    void load();
    return stop;
  }, [load]);

  return (
    <section aria-labelledby="proxy-heading" className="proxy-page">
      <PageHeader
        id="proxy-heading"
        title={t('common.nav.proxy')}
        intro={t('proxyPage.intro')}
        actions={
          <button type="button" onClick={() => void load()} disabled={status === 'loading'}>
            {t('common.actions.refresh')}
          </button>
        }
      />
      {error && <ErrorBanner error={error} onRetry={() => void load()} />}
      {!report && status === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
      {report?.unfinished && <UnfinishedBanner change={report.unfinished} />}
      {report && draft && (
        <>
          <CurrentScopes report={report} />
          <DetectedProxy
            onUse={(suggestion) => {
              const filled = draftFromSuggestion(suggestion, report);
              setDraft(filled);
              form.current?.preview(filled);
            }}
          />
          <ProxyForm ref={form} report={report} draft={draft} onChange={setDraft} />
          <Journal headingId="proxy-journal-heading" heading={t('proxyPage.journal.heading')} />
        </>
      )}
    </section>
  );
}
