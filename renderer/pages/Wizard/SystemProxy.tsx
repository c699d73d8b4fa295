import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { usableSuggestion, useProxyDetect } from '../../store/proxyDetect';
import { useWizard } from '../../store/wizard';

/**
 * When the system reaches the internet through a proxy (fixed, a PAC script, auto-detection) and the
 * wizard has no proxy yet: the one go and git would need to do the same, taken into the proxy step in
 * one click. Silent when the system uses no proxy or detection found nothing to suggest.
 */
export function SystemProxy() {
  const { t } = useTranslation();
  const { status, result, detect } = useProxyDetect();
  const proxy = useWizard((s) => s.proxy);
  const setProxy = useWizard((s) => s.setProxy);
  useEffect(() => {
    if (useProxyDetect.getState().status === 'idle') void detect();
  }, [detect]);

  if (status === 'detecting' && !result) {
    return <p aria-busy="true">{t('wizard.network.systemProxy.detecting')}</p>;
  }
  const suggestion = usableSuggestion(result);
  if (!result || result.mode === 'none' || !suggestion) return null;
  const url = visible(suggestion.https);
  if (proxy.use && proxy.url.trim() === suggestion.https) {
    return (
      <p className="wizard-ok" data-testid="wizard-system-proxy-used">
        {t('wizard.network.systemProxy.used', { proxy: url })}
      </p>
    );
  }
  if (proxy.url.trim() !== '') return null;
  const how = t(`wizard.network.systemProxy.how.${result.mode}`, { url: visible(result.pacUrl ?? '') });
  return (
    <div className="row" data-testid="wizard-system-proxy">
      <p>{t('wizard.network.systemProxy.found', { how, proxy: url })}</p>
      <button
        type="button"
        data-testid="wizard-system-proxy-use"
        onClick={() => setProxy({ use: true, url: suggestion.https, noProxy: suggestion.noProxy ?? '' })}
      >
        {t('wizard.network.systemProxy.use')}
      </button>
    </div>
  );
}
