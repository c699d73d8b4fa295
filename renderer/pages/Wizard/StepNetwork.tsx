import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { HealthDot } from '../../components/Badges';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { useWizard } from '../../store/wizard';
import { defaultMirrorState, isHealthy, standings, type Standing } from './recommend';
import { ProxyFacts } from './ProxyFacts';
import { SystemProxy } from './SystemProxy';
import { probeReason } from './words';

export function StepNetwork() {
  const { t } = useTranslation();
  const checkNetwork = useWizard((s) => s.checkNetwork);
  useEffect(() => {
    void checkNetwork();
  }, [checkNetwork]);

  return (
    <div className="wizard-body">
      <p className="muted">{t('wizard.network.intro')}</p>
      <h3>{t('wizard.network.mirrorsHeading')}</h3>
      <ProbeSection />
      <h3>{t('wizard.network.proxyHeading')}</h3>
      <ProxyFacts />
      <SystemProxy />
      <h3>{t('wizard.network.tlsHeading')}</h3>
      <TlsSection />
    </div>
  );
}

function ProbeSection() {
  const { t } = useTranslation();
  const probe = useWizard((s) => s.probe);
  const mirrors = useWizard((s) => s.mirrors);
  const runProbe = useWizard((s) => s.runProbe);
  const cancelProbe = useWizard((s) => s.cancelProbe);
  const list = standings(mirrors.value ?? [], probe.report?.results ?? []);
  const again = (
    <button type="button" onClick={() => void runProbe()} data-testid="wizard-probe-again">
      {t('wizard.network.probeAgain')}
    </button>
  );

  if (probe.status === 'running' || probe.status === 'idle') {
    return (
      <Progress
        label={t('wizard.network.probing', { count: mirrors.value?.length ?? 0 })}
        {...(probe.total > 0 ? { value: probe.done, max: probe.total } : {})}
        onCancel={() => void cancelProbe()}
      />
    );
  }
  if (probe.status === 'cancelled') {
    return (
      <div className="row">
        <p>{t('wizard.network.cancelled')}</p>
        {again}
      </div>
    );
  }
  if (probe.status === 'error') {
    return (
      <>
        {probe.error && <ErrorBanner error={probe.error} />}
        {again}
      </>
    );
  }
  if (list.length === 0) return <p>{t('wizard.network.noMirrors')}</p>;
  const answered = list.filter((s) => isHealthy(s.result)).length;
  return (
    <div data-testid="wizard-probe-results">
      <p>
        <strong>{t('wizard.network.summary', { answered, total: list.length })}</strong>
      </p>
      <ul className="wizard-sentences">
        {list.map((s) => (
          <li key={s.mirror.id} data-mirror={s.mirror.id}>
            <HealthDot status={s.result?.status ?? 'unknown'} label={false} />
            {mirrorSentence(t, s)}
          </li>
        ))}
      </ul>
      <p data-testid="wizard-golang">{golangSentence(t, list)}</p>
      {again}
    </div>
  );
}

function mirrorSentence(t: ReturnType<typeof useTranslation>['t'], s: Standing): string {
  const name = s.mirror.name;
  const r = s.result;
  if (!r) return t('wizard.network.mirror.notProbed', { name });
  const ms = Math.round(r.latency.p50 ?? 0);
  switch (r.status) {
    case 'ok':
      return t('wizard.network.mirror.ok', { name, ms });
    case 'slow':
      return t('wizard.network.mirror.slow', { name, ms });
    case 'degraded':
      return t('wizard.network.mirror.degraded', {
        name,
        percent: Math.round(r.successRate * 100),
        reason: probeReason(t, r.error),
      });
    default:
      return t('wizard.network.mirror.dead', { name, reason: probeReason(t, r.error) });
  }
}

function golangSentence(t: ReturnType<typeof useTranslation>['t'], list: Standing[]): string {
  const state = defaultMirrorState(list);
  switch (state.state) {
    case 'absent':
      return t('wizard.network.golang.absent');
    case 'not-probed':
      return t('wizard.network.golang.notProbed');
    case 'ok':
      return t('wizard.network.golang.ok', { ms: Math.round(state.ms) });
    case 'down':
      return t('wizard.network.golang.down', { reason: probeReason(t, state.result.error) });
  }
}

function TlsSection() {
  const { t } = useTranslation();
  const tls = useWizard((s) => s.tls);
  const loadTls = useWizard((s) => s.loadTls);
  if (tls.status === 'loading' || tls.status === 'idle')
    return <p aria-busy="true">{t('wizard.network.tlsChecking')}</p>;
  if (tls.status === 'error') {
    return (
      <div className="row">
        <p>{t('wizard.network.tlsFailed', { message: tls.error?.message ?? '' })}</p>
        <button type="button" onClick={() => void loadTls()}>
          {t('common.actions.retry')}
        </button>
      </div>
    );
  }
  const findings = tls.value ?? [];
  if (findings.length === 0) return <p data-testid="wizard-tls">{t('wizard.network.tlsNone')}</p>;
  return (
    <ul className="wizard-findings" data-testid="wizard-tls">
      {findings.map((f, i) => (
        <li key={i} className={`banner banner-${f.severity === 'error' ? 'error' : 'warning'}`}>
          <div>
            <strong>{visible(f.title)}</strong>
            <p>{visible(f.detail)}</p>
            <p>{visible(f.remedy)}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
