import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { followMirrors, useMirrors } from '../../store/mirrors';
import { followOverview, useOverview } from '../../store/overview';
import { useProbe } from '../../store/probe';
import { useSettings } from '../../store/settings';
import { useUi } from '../../store/ui';
import { activeMirror } from './activeMirror';
import { ChainCard } from './ChainCard';
import { MirrorCard } from './MirrorCard';
import { ProblemList } from './ProblemList';
import { ProjectsCard } from './ProjectsCard';
import { ProxyCard } from './ProxyCard';
import { SumdbCard } from './SumdbCard';
import { VerdictBanner } from './VerdictBanner';
import './Overview.css';

export function OverviewPage() {
  const { t } = useTranslation();
  const env = useOverview((s) => s.env);
  const loadEnv = useOverview((s) => s.loadEnv);

  useEffect(() => {
    // main.tsx starts the first load before React renders; a later visit reloads.
    if (!useOverview.getState().env.loading) void useOverview.getState().loadAll();
    if (useMirrors.getState().status === 'idle') void useMirrors.getState().load();
    const stops = [
      followOverview(),
      followMirrors(),
      // A probe finished (here or on the Mirrors page): its results are in the history now.
      useProbe.subscribe((now, before) => {
        if (before.running && !now.running) void useOverview.getState().loadHistory();
      }),
      // The problems are shown in the UI's words.
      useUi.subscribe((now, before) => {
        if (now.language !== before.language) void useOverview.getState().loadDoctor();
      }),
    ];
    // The verdict needs to know whether the setup wizard was ever completed.
    if (useSettings.getState().status === 'idle') void useSettings.getState().load();
    return () => stops.forEach((stop) => stop());
  }, []);

  const vars = env.value?.vars;
  const mirror = vars ? activeMirror(vars.GOPROXY?.value ?? '') : null;
  const answered = env.value !== null || env.error !== null;

  return (
    <section
      aria-labelledby="overview-heading"
      data-ready={answered ? 'true' : undefined}
      data-testid="overview"
    >
      <PageHeader id="overview-heading" title={t('common.nav.overview')} intro={t('overview.intro')} />
      <VerdictBanner />
      {env.error && <ErrorBanner error={env.error} onRetry={() => void loadEnv()} />}
      <ProblemList />
      <div className="overview-grid">
        <MirrorCard mirror={mirror} />
        <ChainCard mirror={mirror} goproxy={vars?.GOPROXY?.value ?? null} />
        <ProjectsCard />
        <SumdbCard vars={vars ?? null} />
        <ProxyCard />
      </div>
    </section>
  );
}
