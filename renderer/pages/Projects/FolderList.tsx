import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { appMode } from '../../lib/api';
import { useProjects } from '../../store/projects';
import { useUi } from '../../store/ui';

/** The project folders (settings.projectDirs): select one, add one (dialog or path), take one off the list. */
export function FolderList({ dirs }: { dirs: readonly string[] }) {
  const { t } = useTranslation();
  const selected = useProjects((s) => s.selected);
  const pickerUnavailable = useProjects((s) => s.pickerUnavailable);
  const listError = useProjects((s) => s.listError);
  const pathError = useProjects((s) => s.pathError);
  // In a browser (`goproxy-desk ui`) there is no folder dialog: the path is typed, and it names a
  // folder on the machine the app runs on, which may not be the one the browser runs on.
  const browser = appMode() === 'browser';
  const { select, pickFolder, addFolder, removeFolder } = useProjects.getState();
  const [path, setPath] = useState('');
  const pathField = useRef<HTMLInputElement>(null);
  const language = () => useUi.getState().language;

  const choose = async () => {
    await pickFolder(language());
    if (useProjects.getState().pickerUnavailable) pathField.current?.focus();
  };

  return (
    <section className="card" aria-labelledby="project-folders-heading" data-testid="project-folders">
      <h2 id="project-folders-heading">{t('projectsPage.folders.heading')}</h2>
      {listError && <ErrorBanner error={listError} />}
      {dirs.length === 0 ? (
        <p className="muted" data-testid="project-folders-empty">
          {t('projectsPage.folders.empty')}
        </p>
      ) : (
        <>
          <ul className="project-list">
            {dirs.map((dir) => (
              <li key={dir} className={dir === selected ? 'selected' : undefined}>
                <button
                  type="button"
                  className="project-dir"
                  aria-pressed={dir === selected}
                  data-testid="project-folder"
                  data-dir={dir}
                  onClick={() => select(dir, language())}
                >
                  <code className="value">{visible(dir)}</code>
                </button>
                <button
                  type="button"
                  aria-label={t('projectsPage.folders.removeLabel', { dir })}
                  data-testid="project-remove"
                  data-dir={dir}
                  onClick={() => void removeFolder(dir, language())}
                >
                  {t('projectsPage.folders.remove')}
                </button>
              </li>
            ))}
          </ul>
          <p className="muted small">{t('projectsPage.folders.removeNote')}</p>
        </>
      )}
      <div className="row project-add">
        {pickerUnavailable || browser ? (
          <p className="muted small" data-testid="project-picker-unavailable">
            {t(browser ? 'projectsPage.folders.typeRemotePath' : 'projectsPage.folders.pickerUnavailable')}
          </p>
        ) : (
          <button type="button" data-testid="project-choose" onClick={() => void choose()}>
            {t('projectsPage.folders.choose')}
          </button>
        )}
        <form
          className="row project-path"
          onSubmit={(e) => {
            e.preventDefault();
            void addFolder(path, language()).then(() => {
              const { listError: failed, pathError: refused } = useProjects.getState();
              if (failed === null && refused === null) setPath('');
            });
          }}
        >
          <label htmlFor="project-path">{t('projectsPage.folders.pathLabel')}</label>
          <input
            id="project-path"
            ref={pathField}
            data-testid="project-path"
            value={path}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={pathError !== null}
            aria-describedby={pathError !== null ? 'project-path-error' : undefined}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" disabled={path.trim() === ''} data-testid="project-add">
            {t('projectsPage.folders.add')}
          </button>
        </form>
      </div>
      {pathError && (
        <p className="field-error" id="project-path-error" role="alert" data-testid="project-path-error">
          {t(`projectsPage.folders.${pathError.kind}`, { dir: pathError.dir })}
        </p>
      )}
    </section>
  );
}
