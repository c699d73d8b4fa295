import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useWizard } from '../../store/wizard';

export function StepGo() {
  const { t } = useTranslation();
  const go = useWizard((s) => s.go);
  const loadGo = useWizard((s) => s.loadGo);
  const report = go.value;
  const goproxy = report?.vars.GOPROXY;

  return (
    <div className="wizard-body">
      {go.status === 'loading' && !report && <p aria-busy="true">{t('wizard.go.checking')}</p>}
      {go.error && <ErrorBanner error={go.error} onRetry={() => void loadGo()} />}
      {report && (
        <div data-testid="wizard-go-status" aria-busy={go.status === 'loading'}>
          {report.go ? (
            <p className="wizard-ok">
              {t('wizard.go.found', { version: report.go.version, path: report.go.path })}
            </p>
          ) : (
            <div className="banner banner-warning wizard-block">
              <p>
                <strong>{t('wizard.go.missing')}</strong>
              </p>
              <p>{t('wizard.go.install')}</p>
            </div>
          )}
          {report.goError && (
            <p className="banner banner-warning">{t('wizard.go.goError', { message: report.goError })}</p>
          )}
          <p>
            {report.envFile === null
              ? t('wizard.go.envFileOff')
              : t('wizard.go.envFile', { file: report.envFile })}
          </p>
          {goproxy && (
            <p>
              {t('wizard.go.current', {
                value: goproxy.value,
                source: t(`env.sources.${goproxy.source}`),
              })}
            </p>
          )}
        </div>
      )}
      <button
        type="button"
        onClick={() => void loadGo()}
        disabled={go.status === 'loading'}
        data-testid="wizard-go-recheck"
      >
        {t('wizard.go.recheck')}
      </button>
    </div>
  );
}
