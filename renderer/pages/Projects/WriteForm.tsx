import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectTarget } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { useProjects } from '../../store/projects';
import { useUi } from '../../store/ui';
import { APPLY_KEYS } from './layers';
import { Notes, StepList } from './StepList';

const TARGETS: readonly ProjectTarget[] = ['direnv', 'vscode'];

/** One variable into the project's .envrc or VS Code settings: preview, then write. */
export function WriteForm() {
  const { t } = useTranslation();
  const change = useProjects((s) => s.change);
  const { previewChange, writeChange, cancelChange } = useProjects.getState();
  const [to, setTo] = useState<ProjectTarget>('direnv');
  const [key, setKey] = useState<string>('GOPROXY');
  const [value, setValue] = useState('');
  // What the form shows no longer matches a preview made before the edit.
  const edit =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      if (change.status !== 'idle') cancelChange();
    };
  const busy = change.status === 'previewing' || change.status === 'writing';
  const { result, request } = change;

  return (
    <section className="card" aria-labelledby="project-write-heading" data-testid="project-write">
      <h2 id="project-write-heading">{t('projectsPage.write.heading')}</h2>
      <p className="muted small">{t('projectsPage.write.intro')}</p>
      <form
        className="project-form"
        onSubmit={(e) => {
          e.preventDefault();
          void previewChange(to, key, value);
        }}
      >
        <div className="project-field">
          <label htmlFor="project-write-target">{t('projectsPage.write.target')}</label>
          <select
            id="project-write-target"
            data-testid="apply-target"
            value={to}
            onChange={(e) => edit(setTo)(e.target.value as ProjectTarget)}
          >
            {TARGETS.map((target) => (
              <option key={target} value={target}>
                {t(`projectsPage.write.targets.${target}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="project-field">
          <label htmlFor="project-write-key">{t('projectsPage.write.key')}</label>
          <select
            id="project-write-key"
            data-testid="apply-key"
            value={key}
            onChange={(e) => edit(setKey)(e.target.value)}
          >
            {APPLY_KEYS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div className="project-field project-field-wide">
          <label htmlFor="project-write-value">{t('projectsPage.write.value')}</label>
          <input
            id="project-write-value"
            data-testid="apply-value"
            value={value}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => edit(setValue)(e.target.value)}
          />
        </div>
        <button type="submit" disabled={busy || value.trim() === ''} data-testid="apply-preview">
          {t('common.actions.preview')}
        </button>
      </form>

      {change.status === 'previewing' && <Progress label={t('projectsPage.write.previewing')} />}
      {change.status === 'writing' && <Progress label={t('projectsPage.write.writing')} />}
      {change.error && <ErrorBanner error={change.error} />}
      {(change.status === 'preview' || change.status === 'writing') && result && request && (
        <div className="project-outcome" data-testid="apply-preview-result">
          <h3>{t('projectsPage.write.previewHeading')}</h3>
          {result.steps.length === 0 ? (
            <p className="muted">{t('projectsPage.write.nothing')}</p>
          ) : (
            <StepList steps={result.steps} testId="apply-steps" />
          )}
          <Notes notes={result.warnings} />
          <Conflicts conflicts={result.conflicts} />
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy || result.steps.length === 0}
              data-testid="apply-write"
              onClick={() => void writeChange(useUi.getState().language)}
            >
              {t(`projectsPage.write.writeTo.${request.to}`)}
            </button>
            <button type="button" disabled={busy} onClick={cancelChange}>
              {t('common.actions.cancel')}
            </button>
          </div>
        </div>
      )}
      {change.status === 'done' && result && (
        <div className="project-outcome" data-testid="apply-result">
          <p role="status">
            {result.transaction
              ? t('projectsPage.write.written', { count: result.transaction.places })
              : t('projectsPage.write.nothing')}
          </p>
          <Notes notes={result.warnings} />
          <Conflicts conflicts={result.conflicts} />
        </div>
      )}
    </section>
  );
}

function Conflicts({ conflicts }: { conflicts: { file: string; line: number; text: string }[] }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <div data-testid="apply-conflicts">
      <p>{t('projectsPage.write.conflicts')}</p>
      <ul>
        {conflicts.map((c, i) => (
          <li key={i}>
            <code className="value">
              {t('projectsPage.write.conflictLine', { file: c.file, line: c.line })}
            </code>
            <div className="muted small value">{visible(c.text)}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
