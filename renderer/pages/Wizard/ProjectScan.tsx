import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { appMode } from '../../lib/api';
import { useWizard } from '../../store/wizard';
import { hasPattern, withPattern } from './goenvPlan';

/** GOPRIVATE suggestions from the go.mod files of a folder the user picks or types. */
export function ProjectScan() {
  const { t } = useTranslation();
  const scanPath = useWizard((s) => s.scanPath);
  const scan = useWizard((s) => s.scan);
  const pickerUnavailable = useWizard((s) => s.pickerUnavailable);
  const goprivate = useWizard((s) => s.goprivate);
  const { setScanPath, pickFolder, scanFolder, setGoPrivate, setPreviewModule } = useWizard.getState();
  const pathField = useRef<HTMLInputElement>(null);
  // No folder dialog in a browser (`goproxy-desk ui`): the path is typed, on the machine the app runs on.
  const browser = appMode() === 'browser';

  const choose = async () => {
    await pickFolder();
    if (useWizard.getState().pickerUnavailable) pathField.current?.focus();
  };
  const add = (pattern: string, modules: string[]) => {
    setGoPrivate(withPattern(goprivate, pattern));
    if (useWizard.getState().previewModule.trim() === '' && modules[0]) setPreviewModule(modules[0]);
  };
  const result = scan.value;
  const projects = result?.projects ?? [];
  const moduleCount = projects.filter((p) => p.module !== null).length;

  return (
    <div className="wizard-scan">
      <p className="muted">{t('wizard.private.scanIntro')}</p>
      {pickerUnavailable || browser ? (
        <p className="muted small" data-testid="wizard-picker-unavailable">
          {t(browser ? 'wizard.private.typeRemotePath' : 'wizard.private.pickerUnavailable')}
        </p>
      ) : (
        <button type="button" onClick={() => void choose()} data-testid="wizard-choose-folder">
          {t('wizard.private.choose')}
        </button>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void scanFolder(scanPath);
        }}
      >
        <label htmlFor="wizard-scan-path">{t('wizard.private.pathLabel')}</label>
        <input
          id="wizard-scan-path"
          ref={pathField}
          data-testid="wizard-scan-path"
          className="wizard-wide"
          value={scanPath}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setScanPath(e.target.value)}
        />
        <button
          type="submit"
          disabled={scanPath.trim() === '' || scan.status === 'loading'}
          data-testid="wizard-scan"
        >
          {t('wizard.private.scan')}
        </button>
      </form>
      {scan.status === 'loading' && <p aria-busy="true">{t('wizard.private.scanning')}</p>}
      {scan.error && <ErrorBanner error={scan.error} />}
      {result && scan.status === 'ready' && (
        <div data-testid="wizard-scan-result">
          {moduleCount === 0 && <p>{t('wizard.private.noProjects')}</p>}
          {moduleCount > 0 && <p>{t('wizard.private.projects', { count: moduleCount })}</p>}
          <ul className="wizard-sentences small">
            {projects.map((p) => (
              <li key={p.dir}>
                {p.module === null
                  ? t('wizard.private.projectNoModule', { dir: p.dir })
                  : t('wizard.private.projectLine', { dir: p.dir, module: p.module })}
                {p.error && <div className="muted">{visible(p.error)}</div>}
              </li>
            ))}
          </ul>
          <h4>{t('wizard.private.suggestionsHeading')}</h4>
          {result.suggestions.length === 0 ? (
            <p>{t('wizard.private.noSuggestions')}</p>
          ) : (
            <ul className="wizard-suggestions">
              {result.suggestions.map((s) => {
                const added = hasPattern(goprivate, s.pattern);
                return (
                  <li key={s.pattern} className="row">
                    <button
                      type="button"
                      disabled={added}
                      onClick={() => add(s.pattern, s.modules)}
                      data-testid="wizard-add-pattern"
                      data-pattern={s.pattern}
                    >
                      {added
                        ? t('wizard.private.added', { pattern: s.pattern })
                        : t('wizard.private.addPattern', { pattern: s.pattern })}
                    </button>
                    <span className="muted small">
                      {t('wizard.private.usedBy', { modules: s.modules.join(', ') })}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
