import { useEffect } from 'react';
import type { NetProxyReport } from '../../../shared/contract';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { subscribe } from '../../lib/api';
import { useEnv } from '../../store/env';
import { followNetProxy, useNetProxy } from '../../store/netproxy';
import { followProfiles, useProfiles } from '../../store/profiles';
import { draftFrom, type Draft } from '../Proxy/draft';
import { UnfinishedBanner } from '../Proxy/Journal';
import { ProfileList } from './ProfileList';
import '../Proxy/proxy.css';

/** The proxy in effect, for the places that have it (all usable ones when none has): what a profile saves. */
function inEffect(report: NetProxyReport): Draft {
  const draft = draftFrom(report);
  const set = report.scopes
    .filter((s) => s.available && (s.http !== null || s.https !== null))
    .map((s) => s.scope);
  return set.length > 0 ? { ...draft, scopes: set } : draft;
}

/**
 * Profiles, what a corporate user switches between daily: which one is in effect, one click to switch
 * (and the confirm under its preview), and saving, importing and exporting them.
 */
export function ProfilesPage() {
  const { t } = useTranslation();
  const { report, error, load } = useNetProxy();
  const loadProfiles = useProfiles((s) => s.load);
  const loadEnv = useEnv((s) => s.load);

  useEffect(() => {
    // The Active badge follows the go env file too (a profile applied from the tray, go env -w here).
    const followEnv = subscribe('state:changed', ({ area }) => {
      if (area === 'goenv' || area === 'profiles') void loadEnv();
    });
    const stops = [followNetProxy(), followProfiles(), followEnv];
    void load();
    void loadProfiles();
    void loadEnv();
    return () => stops.forEach((stop) => stop());
  }, [load, loadProfiles, loadEnv]);

  return (
    <section aria-labelledby="profiles-heading" className="proxy-page">
      <PageHeader
        id="profiles-heading"
        title={t('common.nav.profiles')}
        intro={t('proxyPage.profiles.intro')}
      />
      {error && <ErrorBanner error={error} onRetry={() => void load()} />}
      {report?.unfinished && <UnfinishedBanner change={report.unfinished} />}
      {report ? <ProfileList draft={inEffect(report)} /> : <p aria-busy="true">{t('app.loading')}</p>}
    </section>
  );
}
