import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatChain } from '../../../shared/go/chain';
import { parseGoProxy, type ProxyEntry } from '../../../shared/go/goproxy';
import { visible } from '../../../shared/visible';
import { Ident } from '../../components/Ident';
import { Diagnosis } from '../../components/Diagnosis';
import { useEnv } from '../../store/env';
import { useMirrors } from '../../store/mirrors';
import { catalogueEntry } from '../Overview/activeMirror';
import {
  chainPosition,
  insertMirror,
  moveEntry,
  removeEntry,
  semicolonEntries,
  setFallback,
  unreadEntries,
  withCommas,
} from './chainEdit';
import { describeChain, entryName } from './chainWords';
import type { GoproxyChange } from './goproxyChange';
import { GoproxyChangeView } from './GoproxyChangeView';

/** go on Windows reads `C:\mirror` as a path; everywhere else it would be a URL without a scheme. */
const WINDOWS = /windows/i.test(navigator.userAgent);

/**
 * GOPROXY as an ordered list: move, remove, add, and what go does when each entry fails; "Edit as
 * text" for the raw value with go's verdict as you type. Then a preview of the env-file change with
 * its confirm under it, and Undo.
 */
export function ChainEditor({
  draft,
  setDraft,
  change,
}: {
  /** The chain being edited; null = GOPROXY as it is. */
  draft: string | null;
  setDraft(value: string | null): void;
  change: GoproxyChange;
}) {
  const { t } = useTranslation();
  const { report, status, load } = useEnv();
  const mirrors = useMirrors((s) => s.mirrors);
  const [asText, setAsText] = useState(false);
  const [adding, setAdding] = useState('');
  const id = useId();

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  // What was applied or undone is now GOPROXY itself: the editor follows it again.
  useEffect(() => {
    if (change.step.kind === 'applied' || change.step.kind === 'undone') setDraft(null);
  }, [change.step.kind, setDraft]);

  const goproxy = report?.vars.GOPROXY;
  const value = draft ?? goproxy?.value ?? '';
  const parsed = value === '' ? null : parseGoProxy(value, { windows: WINDOWS });
  const entries = parsed?.ok ? parsed.value : null;
  const semicolons = entries ? semicolonEntries(entries) : [];
  const unread = entries ? unreadEntries(value) : [];
  const misread = semicolons.length > 0 || unread.length > 0;
  const changed = draft !== null && draft !== (goproxy?.value ?? '');

  // A full-width colon already spaces the words after it.
  const accepted = t('mirrorsPage.chain.accepted');
  const gap = accepted.endsWith('：') ? '' : ' ';

  const edit = (next: string) => {
    setDraft(next);
    if (change.step.kind !== 'idle') change.reset();
  };
  const editList = (next: ProxyEntry[]) => edit(formatChain(next));
  const nameOf = (e: ProxyEntry) =>
    e.kind === 'proxy' ? (catalogueEntry(mirrors, e.url!)?.name ?? null) : null;
  const addable = mirrors.filter((m) => entries === null || chainPosition(entries, m.url) < 0);
  const hasEnd = entries?.some((e) => e.kind !== 'proxy') ?? false;

  const add = () => {
    if (adding === 'direct') edit(value === '' ? 'direct' : `${value},direct`);
    else {
      const mirror = mirrors.find((m) => m.id === adding);
      if (mirror) edit(insertMirror(value, mirror.url));
    }
    setAdding('');
  };

  return (
    <div className="chain-editor" data-testid="chain-editor">
      <dl className="facts">
        <dt>{t('mirrorsPage.chain.current')}</dt>
        <dd data-testid="chain-current">
          {goproxy ? (
            <>
              <Ident value={visible(goproxy.value)} />{' '}
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

      {entries && !asText && (
        <ol className="chain-list" data-testid="chain-list" aria-label={t('mirrorsPage.chain.listLabel')}>
          {entries.map((e, i) => {
            const name = nameOf(e);
            const label = name ?? entryName(e, t);
            const last = i === entries.length - 1;
            return (
              <li key={`${i}-${e.kind}-${e.url ?? ''}`} data-testid="chain-entry" data-kind={e.kind}>
                <span className="chain-entry-head">
                  <span className="chain-index" aria-hidden="true">
                    {i + 1}
                  </span>
                  <span className="chain-entry-name">
                    {name && <strong>{visible(name)}</strong>}
                    {e.kind === 'proxy' ? (
                      <span className="chain-url">
                        <Ident value={visible(e.url!)} />
                      </span>
                    ) : (
                      <span>{entryName(e, t)}</span>
                    )}
                  </span>
                  <span className="chain-entry-actions">
                    <button
                      type="button"
                      className="icon"
                      aria-label={t('mirrorsPage.chain.moveUp', { name: label })}
                      title={t('mirrorsPage.chain.moveUp', { name: label })}
                      disabled={i === 0}
                      onClick={() => editList(moveEntry(entries, i, -1))}
                      data-testid="chain-up"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon"
                      aria-label={t('mirrorsPage.chain.moveDown', { name: label })}
                      title={t('mirrorsPage.chain.moveDown', { name: label })}
                      disabled={last}
                      onClick={() => editList(moveEntry(entries, i, 1))}
                      data-testid="chain-down"
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="icon"
                      aria-label={t('mirrorsPage.chain.removeEntry', { name: label })}
                      title={t('mirrorsPage.chain.removeEntry', { name: label })}
                      disabled={entries.length === 1}
                      onClick={() => editList(removeEntry(entries, i))}
                      data-testid="chain-remove"
                    >
                      ✕
                    </button>
                  </span>
                </span>
                {!last && e.kind === 'proxy' && (
                  <label className="chain-sep small">
                    <span>{t('mirrorsPage.chain.whenFails')}</span>
                    <select
                      value={e.fallback}
                      onChange={(ev) =>
                        editList(setFallback(entries, i, ev.target.value as ProxyEntry['fallback']))
                      }
                      data-testid="chain-sep"
                    >
                      <option value="notfound">{t('mirrorsPage.chain.sepComma')}</option>
                      <option value="any">{t('mirrorsPage.chain.sepPipe')}</option>
                    </select>
                  </label>
                )}
              </li>
            );
          })}
        </ol>
      )}

      {(asText || !entries) && (
        <>
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
        </>
      )}

      <div id={`${id}-verdict`} className="verdict" aria-live="polite" data-testid="chain-verdict">
        {parsed === null ? (
          <p className="muted" data-verdict="empty">
            {t('mirrorsPage.chain.emptyValue')}
          </p>
        ) : parsed.ok ? (
          <p data-verdict={misread ? 'warning' : 'ok'}>
            <span className={misread ? 'dot dot-slow' : 'dot dot-ok'} aria-hidden="true" />
            {!misread && accepted}
            {!misread && gap}
            <span data-testid="chain-words">{describeChain(parsed.value, t)}</span>
          </p>
        ) : (
          <div className="banner banner-error" data-verdict="error">
            <span>
              {t('mirrorsPage.chain.rejected')}
              <div data-testid="chain-error">
                <Diagnosis raw={parsed.error} />
              </div>
            </span>
          </div>
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

      <div className="row chain-tools">
        {entries && (
          <>
            <label htmlFor={`${id}-add`} className="sr-only">
              {t('mirrorsPage.chain.addLabel')}
            </label>
            <select
              id={`${id}-add`}
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
              data-testid="chain-add-select"
            >
              <option value="">{t('mirrorsPage.chain.addLabel')}</option>
              {addable.map((m) => (
                <option key={m.id} value={m.id}>
                  {visible(m.name)}
                </option>
              ))}
              {!hasEnd && <option value="direct">{t('mirrorsPage.words.direct')}</option>}
            </select>
            <button type="button" disabled={adding === ''} onClick={add} data-testid="chain-add">
              {t('common.actions.add')}
            </button>
          </>
        )}
        <button
          type="button"
          aria-pressed={asText}
          onClick={() => setAsText(!asText)}
          disabled={!entries}
          data-testid="chain-edit-text"
        >
          {t('mirrorsPage.chain.editAsText')}
        </button>
        {changed && (
          <button type="button" onClick={() => edit(goproxy?.value ?? '')} data-testid="chain-revert">
            {t('mirrorsPage.chain.revert')}
          </button>
        )}
      </div>

      {asText && (
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
      )}

      <div className="row">
        <button
          type="button"
          onClick={() => void change.preview({ kind: 'set', value })}
          disabled={change.busy || !changed || parsed === null || !parsed.ok || semicolons.length > 0}
          title={changed ? undefined : t('mirrorsPage.chain.unchanged')}
          data-testid="chain-preview"
        >
          {t('common.actions.preview')}
        </button>
        {!changed && <span className="muted small">{t('mirrorsPage.chain.unchanged')}</span>}
      </div>
      <GoproxyChangeView change={change} testId="chain-change" />
    </div>
  );
}
