import { useTranslation } from 'react-i18next';
import { useWizard } from '../../store/wizard';
import { ChainMeaning } from './ChainMeaning';
import { LatencyChart } from './LatencyChart';
import { goProxyFor, healthyByLatency, recommendChain, standings } from './recommend';

const DIRECT = '';

export function StepMirrors() {
  const { t } = useTranslation();
  const mirrors = useWizard((s) => s.mirrors.value);
  const probe = useWizard((s) => s.probe);
  const choice = useWizard((s) => s.choice);
  const setChoice = useWizard((s) => s.setChoice);

  const list = standings(mirrors ?? [], probe.report?.results ?? []);
  const healthy = healthyByLatency(list);
  // Healthy mirrors first, fastest first; the others after them in the list's order.
  const ordered = [...healthy, ...list.filter((s) => !healthy.includes(s))];
  const recommended = recommendChain(list);
  const nameOf = (url: string | null) => list.find((s) => s.mirror.url === url)?.mirror.name ?? url ?? '';
  const label = (s: (typeof list)[number]) =>
    healthy.includes(s)
      ? s.mirror.name
      : t('wizard.mirrors.optionStatus', {
          name: s.mirror.name,
          status: t(`common.health.${s.result?.status ?? 'unknown'}`),
        });
  const goproxy = goProxyFor(choice);

  return (
    <div className="wizard-body">
      <p data-testid="wizard-recommendation">
        {probe.status !== 'done'
          ? t('wizard.mirrors.notProbed')
          : recommended.primary === null
            ? t('wizard.mirrors.noneHealthy')
            : recommended.fallback === null
              ? t('wizard.mirrors.recommendedOne', { primary: nameOf(recommended.primary) })
              : t('wizard.mirrors.recommendedTwo', {
                  primary: nameOf(recommended.primary),
                  fallback: nameOf(recommended.fallback),
                })}
      </p>
      {probe.status === 'done' && list.length > 0 && <LatencyChart list={ordered} />}

      <div className="wizard-fields">
        <label htmlFor="wizard-primary">{t('wizard.mirrors.primary')}</label>
        <select
          id="wizard-primary"
          data-testid="wizard-primary"
          value={choice.primary ?? DIRECT}
          onChange={(e) => setChoice({ primary: e.target.value === DIRECT ? null : e.target.value })}
        >
          {ordered.map((s) => (
            <option key={s.mirror.id} value={s.mirror.url}>
              {label(s)}
            </option>
          ))}
          <option value={DIRECT}>{t('wizard.mirrors.directOnly')}</option>
        </select>
        <label htmlFor="wizard-fallback">{t('wizard.mirrors.fallback')}</label>
        <select
          id="wizard-fallback"
          data-testid="wizard-fallback"
          value={choice.fallback ?? DIRECT}
          disabled={choice.primary === null}
          onChange={(e) => setChoice({ fallback: e.target.value === DIRECT ? null : e.target.value })}
        >
          <option value={DIRECT}>{t('wizard.mirrors.noFallback')}</option>
          {ordered
            .filter((s) => s.mirror.url !== choice.primary)
            .map((s) => (
              <option key={s.mirror.id} value={s.mirror.url}>
                {label(s)}
              </option>
            ))}
        </select>
      </div>

      <h3>{t('wizard.mirrors.resultHeading')}</h3>
      <p>
        <code className="wizard-value" data-testid="wizard-goproxy">
          GOPROXY={goproxy}
        </code>
      </p>
      <ChainMeaning goproxy={goproxy} />
    </div>
  );
}
