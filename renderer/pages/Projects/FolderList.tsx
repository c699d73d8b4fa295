import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useProjects } from '../../store/projects';
import { useUi } from '../../store/ui';

/** The project folders (settings.projectDirs): select one, add one (dialog or path), take one off the list. */
export function FolderList({ dirs }: { dirs: readonly string[] }) {
  const { t } = useTranslation();
  const selected = useProjects((s) => s.selected);
  const pickerUnavailable = useProjects((s) => s.pickerUnavailable);
  const listError = useProjects((s) => s.listError);
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
        {pickerUnavailable ? (
          <p className="muted small" data-testid="project-picker-unavailable">
            {t('projectsPage.folders.pickerUnavailable')}
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
              if (useProjects.getState().listError === null) setPath('');
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
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" disabled={path.trim() === ''} data-testid="project-add">
            {t('projectsPage.folders.add')}
          </button>
        </form>
      </div>
    </section>
  );
}
