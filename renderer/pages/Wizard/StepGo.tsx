import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { selectToolchain } from '../../../shared/go/toolchain';
import { goFacts } from '../../../shared/go/versions';
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
          {report.go && (
            <p data-testid="wizard-go-toolchain">
              {t(`wizard.go.toolchain.${toolchainPolicy(report.go, report.vars.GOTOOLCHAIN?.value)}`, {
                value: report.vars.GOTOOLCHAIN?.value ?? '',
                version: report.go.version,
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

/** How go treats a project that asks for a newer Go: go's own reading of GOTOOLCHAIN (shared/go/toolchain). */
function toolchainPolicy(go: { version: string }, value: string | undefined) {
  const decision = selectToolchain(goFacts(go.version), {
    local: go.version,
    gotoolchain: value ?? '',
    file: null,
    goos: '',
    goarch: '',
  });
  return decision.ok ? decision.mode : 'invalid';
}
