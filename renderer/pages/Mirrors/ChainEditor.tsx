import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoEnvWriteResult, IpcError } from '../../../shared/contract';
import { parseGoProxy } from '../../../shared/go/goproxy';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { call, toIpcError } from '../../lib/api';
import { useEnv } from '../../store/env';
import { useMirrors } from '../../store/mirrors';
import { insertMirror, semicolonEntries, unreadEntries, withCommas } from './chainEdit';
import { describeChain } from './chainWords';

/** go on Windows reads `C:\mirror` as a path; everywhere else it would be a URL without a scheme. */
const WINDOWS = /windows/i.test(navigator.userAgent);

type Outcome =
  { kind: 'applied'; file: string } | { kind: 'undone'; value: string } | { kind: 'nothing-to-undo' };

/**
 * GOPROXY as an editable chain: go's verdict and the chain in words as the user types, quick inserts
 * of known mirrors, then a preview of the env-file change, Apply, and Undo.
 */
export function ChainEditor() {
  const { t } = useTranslation();
  const { report, status, load } = useEnv();
  const mirrors = useMirrors((s) => s.mirrors);
  const [draft, setDraft] = useState<string | null>(null);
  const [preview, setPreview] = useState<GoEnvWriteResult | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [canUndo, setCanUndo] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const id = useId();

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  const goproxy = report?.vars.GOPROXY;
  const value = draft ?? goproxy?.value ?? '';
  const parsed = value === '' ? null : parseGoProxy(value, { windows: WINDOWS });
  const semicolons = parsed?.ok ? semicolonEntries(parsed.value) : [];
  const unread = parsed?.ok ? unreadEntries(value) : [];
  const misread = semicolons.length > 0 || unread.length > 0;

  const edit = (next: string) => {
    setDraft(next);
    setPreview(null);
    setOutcome(null);
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  const showPreview = () =>
    run(async () => {
      setOutcome(null);
      setPreview(await call('goenv:write', { set: [`GOPROXY=${value}`], dryRun: true }));
    });

  const apply = () =>
    run(async () => {
      const result = await call('goenv:write', { set: [`GOPROXY=${value}`] });
      // The page shows the new value before it says the change is done.
      await load();
      setPreview(null);
      setDraft(null);
      setWarnings(result.warnings);
      setOutcome({ kind: 'applied', file: result.envFile ?? '' });
      setCanUndo(result.snapshot !== null);
    });

  const undo = () =>
    run(async () => {
      const result = await call('goenv:undo', {});
      await load();
      setPreview(null);
      setDraft(null);
      setWarnings(result.warnings);
      setCanUndo(false);
      const now = useEnv.getState().report?.vars.GOPROXY?.value ?? '';
      setOutcome(result.undone ? { kind: 'undone', value: now } : { kind: 'nothing-to-undo' });
    });

  return (
    <div className="chain-editor" data-testid="chain-editor">
      <dl className="facts">
        <dt>{t('mirrorsPage.chain.current')}</dt>
        <dd data-testid="chain-current">
          {goproxy ? (
            <>
              <code className="value">{visible(goproxy.value)}</code>{' '}
              <span className="muted small">{t(`mirrorsPage.chain.sources.${goproxy.source}`)}</span>
            </>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      {goproxy?.source === 'os-env' && (
        <p className="banner banner-warning">{t('mirrorsPage.chain.osOverride', { value: goproxy.value })}</p>
      )}

      <label htmlFor={`${id}-input`} className="chain-label">
        <code>{t('mirrorsPage.chain.label')}</code>
      </label>
      <input
        id={`${id}-input`}
        className="chain-input"
        value={value}
        onChange={(e) => edit(e.target.value)}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={`${id}-verdict`}
        aria-invalid={parsed !== null && !parsed.ok}
        data-testid="chain-input"
      />

      <div id={`${id}-verdict`} className="verdict" aria-live="polite" data-testid="chain-verdict">
        {parsed === null ? (
          <p className="muted" data-verdict="empty">
            {t('mirrorsPage.chain.emptyValue')}
          </p>
        ) : parsed.ok ? (
          <div data-verdict="ok">
            <p>
              <span className={misread ? 'dot dot-slow' : 'dot dot-ok'} aria-hidden="true" />
              {t('mirrorsPage.chain.accepted')}{' '}
              <span data-testid="chain-words">{describeChain(parsed.value, t)}</span>
            </p>
          </div>
        ) : (
          <p className="banner banner-error" data-verdict="error">
            <span>
              {t('mirrorsPage.chain.rejected')} <code data-testid="chain-error">{visible(parsed.error)}</code>
            </span>
          </p>
        )}
        {semicolons.length > 0 && (
          <p className="banner banner-warning" data-testid="chain-semicolon">
            <span>{t('mirrorsPage.chain.semicolon', { entries: semicolons.join(', ') })}</span>
            <button type="button" onClick={() => edit(withCommas(value))}>
              {t('mirrorsPage.chain.useCommas')}
            </button>
          </p>
        )}
        {unread.length > 0 && (
          <p className="banner banner-warning" data-testid="chain-unread">
            {t('mirrorsPage.chain.unread', { entries: unread.join(', ') })}
          </p>
        )}
      </div>

      <dl className="chain-rules small">
        <dt>
          <code>,</code>
        </dt>
        <dd>{t('mirrorsPage.chain.rules.comma')}</dd>
        <dt>
          <code>|</code>
        </dt>
        <dd>{t('mirrorsPage.chain.rules.pipe')}</dd>
        <dt>
          <code>direct</code>
        </dt>
        <dd>{t('mirrorsPage.chain.rules.direct')}</dd>
        <dt>
          <code>off</code>
        </dt>
        <dd>{t('mirrorsPage.chain.rules.off')}</dd>
      </dl>

      {mirrors.length > 0 && (
        <div className="quick-insert" role="group" aria-labelledby={`${id}-insert`}>
          <span id={`${id}-insert`} className="muted small">
            {t('mirrorsPage.chain.insert')}
          </span>
          {mirrors.map((m) => (
            <button
              key={m.id}
              type="button"
              className="chip"
              aria-label={t('mirrorsPage.chain.insertMirror', { name: m.name })}
              onClick={() => edit(insertMirror(value, m.url))}
              data-insert={m.id}
            >
              {visible(m.name)}
            </button>
          ))}
        </div>
      )}

      <h3>{t('mirrorsPage.chain.applyTitle')}</h3>
      <p className="muted small">{t('mirrorsPage.chain.previewNote')}</p>
      <div className="row">
        <button
          type="button"
          onClick={() => void showPreview()}
          disabled={busy || parsed === null || !parsed.ok}
          data-testid="chain-preview"
        >
          {t('common.actions.preview')}
        </button>
        {canUndo && (
          <button type="button" onClick={() => void undo()} disabled={busy} data-testid="chain-undo">
            {t('common.actions.undo')}
          </button>
        )}
      </div>

      {error && <ErrorBanner error={error} />}

      {preview && (
        <div className="preview" data-testid="chain-changes">
          {preview.changed.length === 0 ? (
            <p className="muted">{t('mirrorsPage.chain.nothing')}</p>
          ) : (
            <table className="grid">
              <caption>{t('mirrorsPage.chain.changes', { file: preview.envFile ?? '' })}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">{t('mirrorsPage.chain.label')}</span>
                  </th>
                  <th scope="col">{t('mirrorsPage.chain.from')}</th>
                  <th scope="col">{t('mirrorsPage.chain.to')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changed.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">
                      <code>{visible(c.key)}</code>
                    </th>
                    <td className="del-cell">
                      <code className="value">
                        {c.from === null ? t('mirrorsPage.chain.unset') : visible(c.from)}
                      </code>
                    </td>
                    <td className="add-cell">
                      <code className="value">
                        {c.to === null ? t('mirrorsPage.chain.unset') : visible(c.to)}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="row">
            <button
              type="button"
              onClick={() => void apply()}
              disabled={busy || preview.changed.length === 0}
              className="primary"
              data-testid="chain-apply"
            >
              {t('common.actions.apply')}
            </button>
            <button type="button" onClick={() => setPreview(null)} disabled={busy}>
              {t('common.actions.cancel')}
            </button>
          </div>
        </div>
      )}

      <div role="status" data-testid="chain-outcome">
        {outcome?.kind === 'applied' && <p>{t('mirrorsPage.chain.applied', { file: outcome.file })}</p>}
        {outcome?.kind === 'undone' && <p>{t('mirrorsPage.chain.undone', { value: outcome.value })}</p>}
        {outcome?.kind === 'nothing-to-undo' && <p>{t('mirrorsPage.chain.nothingToUndo')}</p>}
        {warnings.length > 0 && (
          <div className="banner banner-warning">
            <span>{t('mirrorsPage.chain.warnings')}</span>
            <ul>
              {warnings.map((w) => (
                <li key={w}>
                  <code>{visible(w)}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
