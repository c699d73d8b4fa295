import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { SeverityBadge } from '../../components/Badges';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { useWizard } from '../../store/wizard';
import { ApplyOutcome } from './ApplyOutcome';
import { Finish } from './Finish';
import { verifyModuleProblem } from './goenvPlan';
import { Diagnosis } from '../../components/Diagnosis';

/** Verify & done: what Apply wrote, a real download with it, and the way to undo it all. */
export function StepVerify() {
  const undone = useWizard((s) => s.undo.status === 'ready');
  return (
    <>
      <ApplyOutcome />
      {!undone && <Verify />}
      <Finish />
    </>
  );
}

function Verify() {
  const { t } = useTranslation();
  const verify = useWizard((s) => s.verify);
  const module = useWizard((s) => s.verifyModule);
  const { setVerifyModule, runVerify, cancelVerify } = useWizard.getState();
  const problem = verifyModuleProblem(module);
  const running = verify.status === 'running';
  const pendingToolchain = verify.toolchains.find((p) => p.result === null && p.error === null);

  return (
    <div className="wizard-body">
      <h3>{t('wizard.verify.subheading')}</h3>
      <p className="muted">{t('wizard.verify.intro')}</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (problem === null) void runVerify();
        }}
      >
        <label htmlFor="wizard-verify-module">{t('wizard.verify.moduleLabel')}</label>
        <input
          id="wizard-verify-module"
          data-testid="wizard-verify-module"
          className="wizard-wide"
          value={module}
          spellCheck={false}
          autoComplete="off"
          disabled={running}
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? 'wizard-verify-problem' : undefined}
          onChange={(e) => setVerifyModule(e.target.value)}
        />
        <button
          type="submit"
          className="primary"
          disabled={running || problem !== null}
          data-testid="wizard-verify-run"
        >
          {verify.status === 'idle' ? t('wizard.verify.run') : t('wizard.verify.again')}
        </button>
      </form>
      {problem !== null && (
        <p id="wizard-verify-problem" className="wizard-problem">
          {problem.kind === 'no-version'
            ? t('wizard.verify.noVersion')
            : t('wizard.verify.badPath', { error: problem.error })}
        </p>
      )}
      {running && (
        <Progress
          label={
            pendingToolchain
              ? t('wizard.verify.toolchainRunning', {
                  toolchain: pendingToolchain.toolchain,
                  project: pendingToolchain.project,
                })
              : t('wizard.verify.running', { module: module.trim() })
          }
          onCancel={() => void cancelVerify()}
        />
      )}
      {verify.error && <ErrorBanner error={verify.error} />}
      <VerifyResult />
      <ToolchainProofs />
      {verify.status !== 'done' || verify.result?.ok !== true ? (
        <p className="muted small">{t('wizard.verify.skipHint')}</p>
      ) : null}
    </div>
  );
}

function VerifyResult() {
  const { t } = useTranslation();
  const verify = useWizard((s) => s.verify);
  const r = verify.result;
  if (verify.status !== 'done' || !r) return null;
  if (r.ok) {
    return (
      <div className="wizard-success" data-testid="wizard-verify-result" data-ok="true" aria-live="polite">
        <p className="wizard-ok">
          <strong>
            {t('wizard.verify.ok', {
              // What go resolved (a query such as @latest becomes a version).
              module: r.version ? `${r.module.split('@')[0]}@${r.version}` : r.module,
              seconds: (r.durationMs / 1000).toFixed(1),
            })}
          </strong>
        </p>
        <dl className="facts">
          <dt>{t('wizard.verify.sum')}</dt>
          <dd>
            <code data-testid="wizard-verify-sum">{visible(r.sum ?? '')}</code>
          </dd>
          {r.goModSum && (
            <>
              <dt>{t('wizard.verify.goModSum')}</dt>
              <dd>
                <code>{visible(r.goModSum)}</code>
              </dd>
            </>
          )}
          <dt>{t('wizard.verify.env')}</dt>
          <dd>
            <code className="wizard-value">
              {Object.entries(r.env)
                .map(([k, v]) => visible(`${k}=${v}`))
                .join('\n')}
            </code>
          </dd>
        </dl>
      </div>
    );
  }
  return (
    <div data-testid="wizard-verify-result" data-ok="false" aria-live="polite">
      {r.cancelled ? (
        <p>{t('wizard.verify.cancelled')}</p>
      ) : (
        <>
          <p className="banner banner-error" role="alert">
            {r.timedOut ? t('wizard.verify.timedOut') : t('wizard.verify.failed', { module: r.module })}
          </p>
          {r.error && <Diagnosis raw={r.error} details={false} />}
          {r.error && (
            <pre className="wizard-output" data-testid="wizard-verify-error" tabIndex={0}>
              {visible(r.error, { keepNewlines: true })}
            </pre>
          )}
          <Findings />
        </>
      )}
    </div>
  );
}

function Findings() {
  const { t } = useTranslation();
  const findings = useWizard((s) => s.verify.findings);
  if (findings.status === 'loading') return <p aria-busy="true">{t('wizard.verify.explaining')}</p>;
  if (findings.status === 'error') {
    return <p>{t('wizard.verify.findingsFailed', { message: findings.error?.message ?? '' })}</p>;
  }
  if (findings.status !== 'ready') return null;
  const list = findings.value ?? [];
  return (
    <div data-testid="wizard-findings">
      <h3>{t('wizard.verify.findingsHeading')}</h3>
      {list.length === 0 ? (
        <p>{t('wizard.verify.noFindings')}</p>
      ) : (
        <ul className="wizard-findings">
          {list.map((f, i) => (
            <li key={`${f.id}-${i}`} data-finding={f.id} data-severity={f.severity}>
              <p>
                <SeverityBadge severity={f.severity} /> <strong>{visible(f.title)}</strong>
              </p>
              <p>{visible(f.remedy)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The toolchain switches the scanned projects need, each proved by go itself. */
function ToolchainProofs() {
  const { t } = useTranslation();
  const proofs = useWizard((s) => s.verify.toolchains).filter((p) => p.result !== null || p.error !== null);
  if (proofs.length === 0) return null;
  return (
    <div data-testid="wizard-verify-toolchains" aria-live="polite">
      {proofs.map(({ toolchain, project, result, error }) => (
        <div
          key={toolchain}
          data-testid="wizard-verify-toolchain"
          data-ok={result?.ok === true ? 'true' : 'false'}
        >
          {result?.ok ? (
            <p className="wizard-ok">
              {t('wizard.verify.toolchainOk', {
                toolchain,
                project,
                seconds: (result.durationMs / 1000).toFixed(1),
              })}
            </p>
          ) : result?.cancelled ? (
            <p>{t('wizard.verify.toolchainCancelled')}</p>
          ) : (
            <>
              <p className="banner banner-error" role="alert">
                {t('wizard.verify.toolchainFailed', { toolchain, project })}
              </p>
              {error && <ErrorBanner error={error} />}
              {result?.error && (
                <pre className="wizard-output" tabIndex={0}>
                  {visible(result.error, { keepNewlines: true })}
                </pre>
              )}
            </>
          )}
        </div>
      ))}
    </div>
  );
}
