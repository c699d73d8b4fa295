import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMirrors } from '../../store/mirrors';
import { checkMirrorUrl } from './addMirror';

/** Adds a custom mirror by URL (and an optional name); a URL go could not use is refused in words. */
export function AddMirror() {
  const { t } = useTranslation();
  const { mirrors, add } = useMirrors();
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const checked = checkMirrorUrl(url, mirrors);
    if (!checked.ok) {
      setError(
        t(`mirrorsPage.add.${checked.reason}`, {
          url: url.trim(),
          error: checked.detail,
          name: checked.detail,
        }),
      );
      return;
    }
    setBusy(true);
    const refused = await add(checked.url, name.trim() || undefined);
    setBusy(false);
    if (refused) {
      setError(t('mirrorsPage.add.refused', { message: refused.message }));
      return;
    }
    setError(null);
    setAdded(name.trim() || checked.url);
    setUrl('');
    setName('');
  };

  return (
    <form className="add-mirror" onSubmit={(e) => void submit(e)} noValidate data-testid="add-mirror">
      <h3>{t('mirrorsPage.add.heading')}</h3>
      <div className="row">
        <label htmlFor={`${id}-url`}>{t('mirrorsPage.add.url')}</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder={t('mirrorsPage.add.urlPlaceholder')}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? `${id}-error` : undefined}
          spellCheck={false}
          data-testid="add-url"
        />
        <label htmlFor={`${id}-name`}>{t('mirrorsPage.add.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={128}
          onChange={(e) => setName(e.target.value)}
          data-testid="add-name"
        />
        <button type="submit" disabled={busy} data-testid="add-submit">
          {t('common.actions.add')}
        </button>
      </div>
      {error !== null && (
        <p className="banner banner-error" role="alert" id={`${id}-error`} data-testid="add-error">
          {error}
        </p>
      )}
      {added !== null && (
        <p className="muted" role="status" data-testid="add-done">
          {t('mirrorsPage.add.added', { name: added })}
        </p>
      )}
    </form>
  );
}
