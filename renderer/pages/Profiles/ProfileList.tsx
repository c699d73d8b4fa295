import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  IpcError,
  ProfileApplyResult,
  ProfileImportResult,
  ProfileList,
} from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { call, toIpcError } from '../../lib/api';
import { useEnv } from '../../store/env';
import { useNetProxy } from '../../store/netproxy';
import { useProfiles } from '../../store/profiles';
import { ChangeOutcome, Warnings } from '../Proxy/ChangeOutcome';
import type { Draft } from '../Proxy/draft';
import { scopeName } from '../Proxy/scopeName';
import { activeProfiles } from './activeProfile';
import { SaveProfile } from './SaveProfile';

type Profile = ProfileList['profiles'][number];

/**
 * Profiles: the one in effect marked Active, Switch (a preview, then the confirm under it), delete
 * (after a confirmation), export, import, save the current settings.
 */
export function ProfileList({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const id = useId();
  const { profiles, status, error: loadError, load, replace } = useProfiles();
  const reloadNetProxy = useNetProxy((s) => s.load);
  const netproxy = useNetProxy((s) => s.report);
  const goenv = useEnv((s) => s.report);
  const reloadEnv = useEnv((s) => s.load);
  const active = activeProfiles(profiles, goenv, netproxy);
  // The banner above says to undo the unfinished change first: no switch until then.
  const blocked = Boolean(netproxy?.unfinished);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<ProfileApplyResult | null>(null);
  const [applied, setApplied] = useState<ProfileApplyResult | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [imported, setImported] = useState<ProfileImportResult | null>(null);
  const [importReplace, setImportReplace] = useState(false);
  const [download, setDownload] = useState<string | null>(null);
  const downloadLink = useRef<HTMLAnchorElement>(null);

  // A blob URL holds its document in memory until it is revoked.
  useEffect(() => {
    if (!download) return undefined;
    downloadLink.current?.click();
    return () => URL.revokeObjectURL(download);
  }, [download]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setImported(null);
    setApplied(null);
    try {
      await work();
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  const previewProfile = (name: string) =>
    run(async () => {
      setPreview(null);
      setConfirming(null);
      setPreview(await call('profiles:apply', { name, dryRun: true }));
    });

  const applyProfile = (name: string) =>
    run(async () => {
      setPreview(null);
      setApplied(await call('profiles:apply', { name }));
      useNetProxy.setState({ restoreResult: null, restoreError: null });
      void reloadNetProxy();
      void reloadEnv();
    });

  const deleteProfile = (name: string) =>
    run(async () => {
      setConfirming(null);
      setPreview(null);
      replace(await call('profiles:delete', { name }));
      setNotice(t('proxyPage.profiles.deleted', { name }));
    });

  const exportProfiles = () =>
    run(async () => {
      const document = await call('profiles:export', {});
      const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' });
      setDownload(URL.createObjectURL(blob));
      setNotice(t('proxyPage.profiles.exportReady'));
    });

  const importFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      const text = await file.text();
      input.value = '';
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (e) {
        setError({
          code: 'invalid-input',
          message: t('proxyPage.profiles.notJson', { file: file.name, message: (e as Error).message }),
        });
        return;
      }
      setImported(await call('profiles:import', { document, replace: importReplace }));
      await load();
    });
  };

  const list = (names: string[]) => (names.length > 0 ? names.join(', ') : t('proxyPage.profiles.none'));

  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid="profiles">
      <div className="card-header">
        <h2 id={`${id}-heading`}>{t('proxyPage.profiles.heading')}</h2>
        <div className="row">
          <button
            type="button"
            data-testid="profiles-export"
            disabled={busy || profiles.length === 0}
            onClick={() => void exportProfiles()}
          >
            {t('proxyPage.profiles.export')}
          </button>
          <label className="file-button">
            <input
              type="file"
              accept=".json,application/json"
              data-testid="profiles-import"
              disabled={busy}
              onChange={importFile}
            />
            <span>{t('proxyPage.profiles.import')}</span>
          </label>
        </div>
      </div>
      <div className="check">
        <input
          id={`${id}-import-replace`}
          type="checkbox"
          checked={importReplace}
          onChange={(e) => setImportReplace(e.target.checked)}
        />
        <label htmlFor={`${id}-import-replace`}>{t('proxyPage.profiles.importReplace')}</label>
      </div>

      {loadError && <ErrorBanner error={loadError} onRetry={() => void load()} />}
      {error && <ErrorBanner error={error} />}
      {busy && <Progress label={t('proxyPage.form.working')} />}
      <div role="status" aria-live="polite" data-testid="profiles-status">
        {notice && <p>{notice}</p>}
        {download && (
          <p>
            <a
              ref={downloadLink}
              href={download}
              download="goproxy-desk-profiles.json"
              data-testid="profiles-download"
            >
              {t('proxyPage.profiles.download')}
            </a>
          </p>
        )}
        {imported && (
          <>
            <p data-testid="import-result">
              {t('proxyPage.profiles.importResult', {
                imported: list(imported.imported),
                replaced: list(imported.replaced),
                skipped: list(imported.skipped),
              })}
            </p>
            <Warnings warnings={imported.warnings} />
          </>
        )}
        {applied && (
          <div data-testid="profile-applied">
            <p>
              {applied.transaction
                ? t('proxyPage.profiles.applied', {
                    name: applied.profile,
                    count: applied.transaction.places,
                  })
                : t('proxyPage.profiles.nothing', { name: applied.profile })}
            </p>
            <Warnings warnings={applied.warnings} />
          </div>
        )}
      </div>

      {status === 'ready' && profiles.length === 0 ? (
        <p className="muted">{t('proxyPage.profiles.empty')}</p>
      ) : (
        <table className="grid" data-testid="profile-list">
          <thead>
            <tr>
              <th scope="col">{t('proxyPage.profiles.name')}</th>
              <th scope="col">{t('proxyPage.profiles.state')}</th>
              <th scope="col">{t('proxyPage.profiles.contents')}</th>
              <th scope="col">{t('proxyPage.profiles.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {profiles.map((p) => (
              <tr key={p.name} data-profile={p.name}>
                <th scope="row">{visible(p.name)}</th>
                <td>
                  {active.has(p.name) && (
                    <span className="badge profile-active" data-testid="profile-active">
                      {t('proxyPage.profiles.active')}
                    </span>
                  )}
                </td>
                <td>
                  <ProfileContents profile={p} />
                </td>
                <td>
                  {confirming === p.name ? (
                    <div
                      className="row"
                      role="group"
                      aria-label={t('proxyPage.profiles.confirmDelete', { name: p.name })}
                    >
                      <span>{t('proxyPage.profiles.confirmDelete', { name: p.name })}</span>
                      <button
                        type="button"
                        className="danger"
                        disabled={busy}
                        onClick={() => void deleteProfile(p.name)}
                      >
                        {t('proxyPage.profiles.confirmDeleteAction')}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('common.actions.cancel')}
                      </button>
                    </div>
                  ) : (
                    <div className="row">
                      <button
                        type="button"
                        className={active.has(p.name) ? undefined : 'primary'}
                        data-testid="profile-switch"
                        disabled={busy || active.has(p.name)}
                        title={active.has(p.name) ? t('proxyPage.profiles.alreadyActive') : undefined}
                        onClick={() => void previewProfile(p.name)}
                      >
                        {t('proxyPage.profiles.switch')}
                      </button>
                      <button
                        type="button"
                        data-testid="profile-delete"
                        disabled={busy}
                        onClick={() => setConfirming(p.name)}
                      >
                        {t('proxyPage.profiles.delete')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {preview && (
        <div className="profile-preview" data-testid="profile-preview-result">
          <ChangeOutcome
            kind="preview"
            result={preview}
            heading={t('proxyPage.profiles.previewOf', { name: preview.profile })}
          />
          <div className="row confirm-row">
            <button
              type="button"
              className="primary"
              data-testid="profile-apply"
              disabled={busy || blocked || preview.steps.length === 0}
              aria-describedby={blocked || preview.steps.length === 0 ? `${id}-apply-note` : undefined}
              onClick={() => void applyProfile(preview.profile)}
            >
              {t('proxyPage.profiles.applyConfirm', { name: preview.profile })}
            </button>
            <button type="button" onClick={() => setPreview(null)}>
              {t('common.actions.cancel')}
            </button>
            {(blocked || preview.steps.length === 0) && (
              <span id={`${id}-apply-note`} className="muted small" data-testid="profile-apply-note">
                {blocked ? t('proxyPage.form.blockedByUnfinished') : t('proxyPage.form.nothingToApply')}
              </span>
            )}
          </div>
        </div>
      )}

      <SaveProfile
        draft={draft}
        onSaved={(name) => setNotice(t('proxyPage.profiles.save.saved', { name }))}
      />
    </section>
  );
}

function ProfileContents({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const set = Object.entries(profile.goenv.set);
  const scopes = (profile.proxy?.scopes ?? []).map((s) => scopeName(t, s)).join(', ');
  const url = profile.proxy?.http ?? profile.proxy?.https ?? null;
  return (
    <div className="small">
      {set.length > 0 && (
        <div>{t('proxyPage.profiles.goenv', { list: set.map(([k, v]) => `${k}=${v}`).join(' ') })}</div>
      )}
      {profile.goenv.unset.length > 0 && (
        <div className="muted">{t('proxyPage.profiles.unset', { list: profile.goenv.unset.join(' ') })}</div>
      )}
      <div>
        {!profile.proxy
          ? t('proxyPage.profiles.noProxyPart')
          : url
            ? t('proxyPage.profiles.proxy', { url, scopes })
            : t('proxyPage.profiles.proxyOff', { scopes })}
      </div>
      {profile.hasSecret && <div className="muted">{t('proxyPage.profiles.hasSecret')}</div>}
    </div>
  );
}
