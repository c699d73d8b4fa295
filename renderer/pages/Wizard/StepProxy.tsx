import { useTranslation } from 'react-i18next';
import { NETPROXY_SCOPES, type NetProxyScope } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useWizard } from '../../store/wizard';
import { ProxyFacts } from './ProxyFacts';
import { proxyUrls } from './detectedProxy';
import { scopeNoteText } from '../../components/scopeNote';

export function StepProxy() {
  const { t } = useTranslation();
  const proxy = useWizard((s) => s.proxy);
  const report = useWizard((s) => s.netproxy.value);
  const setProxy = useWizard((s) => s.setProxy);
  const testProxy = useWizard((s) => s.testProxy);
  const readings = report?.scopes ?? [];
  const available = (scope: NetProxyScope) => readings.find((r) => r.scope === scope)?.available ?? true;
  const toggle = (scope: NetProxyScope, on: boolean) =>
    setProxy({
      scopes: on
        ? NETPROXY_SCOPES.filter((s) => s === scope || proxy.scopes.includes(s))
        : proxy.scopes.filter((s) => s !== scope),
    });

  return (
    <div className="wizard-body">
      <p className="muted">{t('wizard.proxy.intro')}</p>
      <h3>{t('wizard.proxy.detectedHeading')}</h3>
      <ProxyFacts />

      <fieldset className="wizard-choice">
        <legend className="sr-only">{t('wizard.proxy.heading')}</legend>
        <label>
          <input
            type="radio"
            name="wizard-proxy-use"
            checked={!proxy.use}
            onChange={() => setProxy({ use: false })}
            data-testid="wizard-proxy-leave"
          />
          {t('wizard.proxy.leave')} <span className="muted small">{t('wizard.proxy.leaveHint')}</span>
        </label>
        <label>
          <input
            type="radio"
            name="wizard-proxy-use"
            checked={proxy.use}
            onChange={() => setProxy({ use: true })}
            data-testid="wizard-proxy-set"
          />
          {t('wizard.proxy.set')}
        </label>
      </fieldset>

      {proxy.use && (
        <>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void testProxy();
            }}
          >
            <label htmlFor="wizard-proxy-url">{t('wizard.proxy.urlLabel')}</label>
            <input
              id="wizard-proxy-url"
              data-testid="wizard-proxy-url"
              className="wizard-wide"
              value={proxy.url}
              placeholder={t('wizard.proxy.urlPlaceholder')}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setProxy({ url: e.target.value })}
            />
            <button
              type="submit"
              disabled={proxy.url.trim() === '' || proxy.test.status === 'loading'}
              data-testid="wizard-proxy-test"
            >
              {t('wizard.proxy.test')}
            </button>
          </form>
          <div className="row">
            <label htmlFor="wizard-proxy-noproxy">{t('wizard.proxy.noProxyLabel')}</label>
            <input
              id="wizard-proxy-noproxy"
              data-testid="wizard-proxy-noproxy"
              className="wizard-wide"
              value={proxy.noProxy}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setProxy({ noProxy: e.target.value })}
            />
          </div>
          {report && proxyUrls(report).length > 0 && (
            <div className="row">
              {proxyUrls(report).map((url) => (
                <button key={url} type="button" onClick={() => setProxy({ url })}>
                  {t('wizard.proxy.useDetected', { url })}
                </button>
              ))}
            </div>
          )}
          <ProxyTestResult />
          <fieldset className="wizard-choice">
            <legend>{t('wizard.proxy.scopesLabel')}</legend>
            {NETPROXY_SCOPES.map((scope) => {
              const reading = readings.find((r) => r.scope === scope);
              return (
                <label key={scope}>
                  <input
                    type="checkbox"
                    checked={proxy.scopes.includes(scope)}
                    disabled={!available(scope)}
                    onChange={(e) => toggle(scope, e.target.checked)}
                    data-testid={`wizard-scope-${scope}`}
                  />
                  {available(scope)
                    ? t(`wizard.scopes.${scope}`)
                    : t('wizard.proxy.unavailable', {
                        scope: t(`wizard.scopes.${scope}`),
                        note: reading ? scopeNoteText(t, reading) : '',
                      })}
                </label>
              );
            })}
          </fieldset>
        </>
      )}
    </div>
  );
}

function ProxyTestResult() {
  const { t } = useTranslation();
  const test = useWizard((s) => s.proxy.test);
  if (test.status === 'loading') return <p aria-busy="true">{t('wizard.proxy.testing')}</p>;
  if (test.error) return <ErrorBanner error={test.error} />;
  const report = test.value;
  if (!report) return null;
  return (
    <div data-testid="wizard-proxy-result" data-ok={report.ok} aria-live="polite">
      <p className={report.ok ? 'wizard-ok' : 'banner banner-warning'}>
        {report.ok ? t('wizard.proxy.testOk', { mirror: report.mirror }) : t('wizard.proxy.testFailed')}
      </p>
      <ul className="wizard-sentences small">
        {report.checks.map((c, i) => (
          <li key={i}>
            {t('wizard.proxy.check', {
              mode: t(`wizard.proxy.modes.${c.mode}`),
              target: c.target,
              outcome: t(`wizard.proxy.outcomes.${c.outcome}`),
            })}
            {c.outcome !== 'ok' && <div className="muted">{visible(c.message)}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}
