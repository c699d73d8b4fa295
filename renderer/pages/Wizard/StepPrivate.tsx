import { useTranslation } from 'react-i18next';
import { patternProblems } from '../../../shared/go/patterns';
import { proposal, useWizard } from '../../store/wizard';
import { ProjectScan } from './ProjectScan';
import { previewRoute, proposedRouteSettings, type RoutePreview } from './routePreview';

export function StepPrivate() {
  const { t } = useTranslation();
  const goprivate = useWizard((s) => s.goprivate);
  const setGoPrivate = useWizard((s) => s.setGoPrivate);
  const problems = patternProblems(goprivate);

  return (
    <div className="wizard-body">
      <p className="muted">{t('wizard.private.intro')}</p>
      <div className="wizard-fields">
        <label htmlFor="wizard-goprivate">{t('wizard.private.label')}</label>
        <input
          id="wizard-goprivate"
          data-testid="wizard-goprivate"
          className="wizard-wide"
          value={goprivate}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problems.length > 0}
          aria-describedby={problems.length > 0 ? 'wizard-goprivate-problems' : undefined}
          onChange={(e) => setGoPrivate(e.target.value)}
        />
      </div>
      {problems.length > 0 && (
        <ul id="wizard-goprivate-problems" className="wizard-problems" role="alert">
          {problems.map((p, i) => (
            <li key={i}>{t(`wizard.private.problems.${p.problem}`, { pattern: p.pattern })}</li>
          ))}
        </ul>
      )}
      <h3>{t('wizard.private.previewHeading')}</h3>
      <RoutePreviewField />
      <h3>{t('wizard.private.scanHeading')}</h3>
      <ProjectScan />
    </div>
  );
}

function RoutePreviewField() {
  const { t } = useTranslation();
  const module = useWizard((s) => s.previewModule);
  const setPreviewModule = useWizard((s) => s.setPreviewModule);
  const go = useWizard((s) => s.go.value);
  const choice = useWizard((s) => s.choice);
  const goprivate = useWizard((s) => s.goprivate);
  const { goproxy } = proposal(choice, goprivate, go);
  const preview = previewRoute(module, proposedRouteSettings(go, goproxy, goprivate));
  const path = module.trim().split('@')[0] ?? '';

  return (
    <>
      <div className="wizard-fields">
        <label htmlFor="wizard-preview-module">{t('wizard.private.previewLabel')}</label>
        <input
          id="wizard-preview-module"
          data-testid="wizard-preview-module"
          className="wizard-wide"
          value={module}
          placeholder={t('wizard.private.previewPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setPreviewModule(e.target.value)}
        />
      </div>
      <p className="wizard-preview" aria-live="polite" data-testid="wizard-preview" data-route={preview.kind}>
        {previewWords(t, path, preview)}
      </p>
    </>
  );
}

function previewWords(t: ReturnType<typeof useTranslation>['t'], module: string, p: RoutePreview): string {
  switch (p.kind) {
    case 'empty':
      return '';
    case 'bad-path':
      return t('wizard.private.preview.badPath', { error: p.error });
    case 'invalid':
      return t('wizard.private.preview.invalid', { error: p.error });
    case 'off':
      return t('wizard.private.preview.off', { module });
  }
  const route =
    p.kind === 'proxy'
      ? t('wizard.private.preview.proxy', { module, mirror: p.url })
      : p.pattern !== undefined
        ? t('wizard.private.preview.directPattern', { module, pattern: p.pattern })
        : t('wizard.private.preview.direct', { module });
  const c = p.checksum;
  const checksum =
    c.reason === 'checked'
      ? t('wizard.private.preview.checked', { db: c.db })
      : c.reason === 'gonosumdb'
        ? t('wizard.private.preview.notCheckedPattern', { pattern: c.pattern })
        : c.reason === 'gosumdb-off'
          ? t('wizard.private.preview.notCheckedOff')
          : t('wizard.private.preview.notCheckedInvalid');
  return t('wizard.private.preview.sentence', { route, checksum });
}
