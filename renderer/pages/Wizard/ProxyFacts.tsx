import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useWizard } from '../../store/wizard';
import { detectedProxies } from './detectedProxy';

/** The HTTP proxy this app was started with and the one each scope (shell, git, system) holds. */
export function ProxyFacts() {
  const { t } = useTranslation();
  const netproxy = useWizard((s) => s.netproxy);
  const loadNetProxy = useWizard((s) => s.loadNetProxy);
  useEffect(() => {
    if (useWizard.getState().netproxy.status === 'idle') void loadNetProxy();
  }, [loadNetProxy]);

  if (netproxy.status === 'error') {
    return <p>{t('wizard.network.proxyFailed', { message: netproxy.error?.message ?? '' })}</p>;
  }
  const report = netproxy.value;
  if (!report) return <p aria-busy="true">{t('wizard.network.proxyLoading')}</p>;
  const { process, scopes } = detectedProxies(report);
  return (
    <div data-testid="wizard-proxy-facts">
      <p>
        {process.length > 0
          ? t('wizard.network.processProxy', { vars: process.join(' ') })
          : t('wizard.network.processNone')}
      </p>
      {scopes.length === 0 ? (
        <p>{t('wizard.network.scopesNone')}</p>
      ) : (
        <ul className="wizard-sentences">
          {scopes.map((s) => (
            <li key={`${s.scope}-${s.source}`}>
              {t('wizard.network.scopeProxy', {
                scope: t(`wizard.scopes.${s.scope}`),
                source: s.source,
                value: s.values.join(' '),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
