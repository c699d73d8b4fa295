import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PROFILE_NAME_MAX,
  type GoEnvReport,
  type IpcError,
  type ProfileInput,
} from '../../../shared/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ApiError, call, toIpcError } from '../../lib/api';
import { useEnv } from '../../store/env';
import { useProfiles } from '../../store/profiles';
import { proxyFields, type Draft } from '../Proxy/draft';

/** The go env variables a profile records: what decides where modules come from and what is verified. */
const GOENV_KEYS = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB', 'GOINSECURE', 'GOVCS'];

/**
 * The env file's values of those variables: set where the file sets them, unset where it does not,
 * so that applying the profile brings the file back to exactly this state. Only variables this go
 * knows are named (go env -u refuses unknown ones).
 */
export function goenvOf(report: GoEnvReport): { set: Record<string, string>; unset: string[] } {
  const set: Record<string, string> = {};
  const unset: string[] = [];
  for (const key of GOENV_KEYS) {
    const v = report.vars[key];
    if (!v) continue;
    if (v.fileValue !== undefined) set[key] = v.fileValue;
    else unset.push(key);
  }
  return { set, unset };
}

export function SaveProfile({ draft, onSaved }: { draft: Draft; onSaved: (name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const replaceList = useProfiles((s) => s.replace);
  const [name, setName] = useState('');
  const [withGoenv, setWithGoenv] = useState(true);
  const [withProxy, setWithProxy] = useState(true);
  const [replace, setReplace] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const invalid =
      name === ''
        ? t('proxyPage.profiles.save.needName')
        : name.trim() !== name || name.length > PROFILE_NAME_MAX
          ? t('proxyPage.profiles.save.badName')
          : !withGoenv && !withProxy
            ? t('proxyPage.profiles.save.needContent')
            : null;
    setProblem(invalid);
    if (invalid) return;
    setSaving(true);
    try {
      const profile: ProfileInput = { name };
      if (withGoenv) {
        // The values as they are now, not as they were when some page last read them.
        await useEnv.getState().load();
        const { report, error: envError } = useEnv.getState();
        if (envError || !report)
          throw new ApiError(envError ?? { code: 'internal', message: 'no go env report' });
        profile.goenv = goenvOf(report);
      }
      if (withProxy) {
        const fields = proxyFields(draft);
        profile.proxy = {
          http: fields.http ?? null,
          https: fields.https ?? null,
          noProxy: fields.noProxy ?? null,
          scopes: draft.scopes.length > 0 ? draft.scopes : ['env', 'git'],
        };
      }
      replaceList(await call('profiles:save', { profile, replace }));
      onSaved(name);
      setName('');
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="save-profile"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-labelledby={`${id}-heading`}
    >
      <h3 id={`${id}-heading`}>{t('proxyPage.profiles.save.heading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('proxyPage.profiles.save.name')}</label>
        <input
          id={`${id}-name`}
          data-testid="profile-name"
          type="text"
          maxLength={PROFILE_NAME_MAX + 1}
          value={name}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-name-help${problem ? ` ${id}-problem` : ''}`}
          onChange={(e) => {
            setName(e.target.value);
            setProblem(null);
          }}
        />
        <span id={`${id}-name-help`} className="muted small">
          {t('proxyPage.profiles.save.nameHelp')}
        </span>
      </div>
      <div className="check">
        <input
          id={`${id}-goenv`}
          type="checkbox"
          checked={withGoenv}
          onChange={(e) => setWithGoenv(e.target.checked)}
        />
        <label htmlFor={`${id}-goenv`}>{t('proxyPage.profiles.save.goenv')}</label>
      </div>
      <div className="check">
        <input
          id={`${id}-proxy`}
          type="checkbox"
          checked={withProxy}
          onChange={(e) => setWithProxy(e.target.checked)}
        />
        <label htmlFor={`${id}-proxy`}>{t('proxyPage.profiles.save.proxy')}</label>
      </div>
      <div className="check">
        <input
          id={`${id}-replace`}
          type="checkbox"
          checked={replace}
          onChange={(e) => setReplace(e.target.checked)}
        />
        <label htmlFor={`${id}-replace`}>{t('proxyPage.profiles.save.replace')}</label>
      </div>
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
      {error && <ErrorBanner error={error} />}
      <button type="submit" data-testid="profile-save" disabled={saving}>
        {t('common.actions.save')}
      </button>
    </form>
  );
}
