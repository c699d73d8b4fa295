import { useEffect, useId, useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  IpcError,
  NetProxyChangeResult,
  NetProxyReport,
  NetProxyScope,
  ProxyCheckReportOutput,
} from '../../../shared/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { call, toIpcError } from '../../lib/api';
import { useNetProxy } from '../../store/netproxy';
import { ChangeOutcome } from './ChangeOutcome';
import { CheckResults } from './CheckResults';
import { proxiesToTest, proxyFields, type Draft } from './draft';
import { scopeName } from './scopeName';
import { scopeNoteText } from '../../components/scopeNote';

type Busy = 'test' | 'preview' | 'apply' | 'remove';
type Shown =
  | { kind: 'test'; reports: ProxyCheckReportOutput[] }
  | { kind: 'preview' | 'apply' | 'remove'; result: NetProxyChangeResult };

/** What the page may ask of the form: the preview of a draft it just filled in (from the detection). */
export interface ProxyFormHandle {
  preview(draft: Draft): void;
}

/** The proxy form: Test it, Preview what Apply would change, Apply, or Remove the proxy. */
export function ProxyForm({
  report,
  draft,
  onChange,
  ref,
}: {
  report: NetProxyReport;
  draft: Draft;
  onChange: (draft: Draft) => void;
  ref?: Ref<ProxyFormHandle>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const reload = useNetProxy((s) => s.load);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // An undo changes what is on the machine: an earlier preview or result no longer describes it.
  useEffect(
    () =>
      useNetProxy.subscribe((now, before) => {
        if (now.restoring && !before.restoring) {
          setShown(null);
          setError(null);
        }
      }),
    [],
  );

  // An edit makes the preview stale: it goes, and with it the Apply under it.
  const set = (patch: Partial<Draft>) => {
    onChange({ ...draft, ...patch });
    setProblem(null);
    setShown((s) => (s?.kind === 'preview' ? null : s));
  };
  const toggleScope = (scope: NetProxyScope, on: boolean) =>
    set({ scopes: on ? [...draft.scopes, scope] : draft.scopes.filter((s) => s !== scope) });

  const run = async (what: Busy, work: () => Promise<Shown>) => {
    setBusy(what);
    setError(null);
    setShown(null);
    try {
      setShown(await work());
    } catch (e) {
      const failure = toIpcError(e);
      setError(failure);
      // The unfinished change shows itself as a banner (with Restore) once the report is read again.
      if (failure.code === 'unfinished-change') void reload();
    } finally {
      setBusy(null);
    }
  };

  const checkInput = (needUrl: boolean, input: Draft): boolean => {
    const fields = proxyFields(input);
    if (needUrl && fields.http === undefined && fields.https === undefined) {
      setProblem(t('proxyPage.form.needUrl'));
      return false;
    }
    if (input.scopes.length === 0) {
      setProblem(t('proxyPage.form.needScope'));
      return false;
    }
    return true;
  };

  // `input` differs from `draft` when the page has just filled the form, before this render catches up.
  const change = (what: 'preview' | 'apply' | 'remove', input: Draft = draft) => {
    if (!checkInput(what !== 'remove', input)) return;
    const scopes = input.scopes;
    void run(what, async () => {
      const request =
        what === 'remove'
          ? { unset: true, scopes }
          : { ...proxyFields(input), scopes, ...(what === 'preview' ? { dryRun: true } : {}) };
      const result = await call('netproxy:apply', request);
      // A new change makes an earlier undo's outcome old news.
      if (what !== 'preview') useNetProxy.setState({ restoreResult: null, restoreError: null });
      if (what !== 'preview') void reload();
      return { kind: what, result };
    });
  };

  const test = () => {
    const proxies = proxiesToTest(draft);
    if (proxies.length === 0) {
      setProblem(t('proxyPage.form.needUrl'));
      return;
    }
    void run('test', async () => {
      const reports: ProxyCheckReportOutput[] = [];
      for (const proxy of proxies) reports.push(await call('netproxy:test', { proxy }));
      return { kind: 'test', reports };
    });
  };

  // The banner above says to restore the unfinished change first: nothing else may write until then.
  const blocked = report.unfinished !== null && report.unfinished !== undefined;
  const section = useRef<HTMLElement>(null);
  useImperativeHandle(ref, () => ({
    preview(filled: Draft) {
      change('preview', filled);
      section.current?.scrollIntoView({ block: 'start' });
    },
  }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change('preview');
  };

  const field = (name: 'http' | 'https' | 'noProxy', help: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(`proxyPage.fields.${name}`)}</label>
      <input
        id={`${id}-${name}`}
        data-testid={`proxy-${name}`}
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={draft[name]}
        aria-describedby={`${id}-${name}-help`}
        onChange={(e) => set({ [name]: e.target.value })}
      />
      <span id={`${id}-${name}-help`} className="muted small">
        {help}
      </span>
    </div>
  );

  return (
    <section ref={section} className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('proxyPage.form.heading')}</h2>
      <form className="proxy-form" onSubmit={onSubmit} noValidate>
        {field('http', t('proxyPage.form.httpHelp'))}
        {field('https', t('proxyPage.form.httpsHelp'))}
        {field('noProxy', t('proxyPage.form.noProxyHelp'))}
        <fieldset className="credentials">
          <legend>{t('proxyPage.form.credentials')}</legend>
          <div className="field">
            <label htmlFor={`${id}-user`}>{t('proxyPage.form.user')}</label>
            <input
              id={`${id}-user`}
              data-testid="proxy-user"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.user}
              onChange={(e) => set({ user: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('proxyPage.form.password')}</label>
            <input
              id={`${id}-password`}
              data-testid="proxy-password"
              type="password"
              autoComplete="new-password"
              value={draft.password}
              aria-describedby={`${id}-password-help`}
              onChange={(e) => set({ password: e.target.value })}
            />
          </div>
          <span id={`${id}-password-help`} className="muted small">
            {t('proxyPage.form.passwordHelp')}
          </span>
        </fieldset>
        <fieldset className="scope-choice">
          <legend>{t('proxyPage.form.scopes')}</legend>
          {report.scopes.map((s) => (
            <div key={s.scope} className="check">
              <input
                id={`${id}-scope-${s.scope}`}
                data-testid={`scope-${s.scope}`}
                type="checkbox"
                checked={s.available && draft.scopes.includes(s.scope)}
                disabled={!s.available}
                aria-describedby={s.available ? undefined : `${id}-scope-${s.scope}-note`}
                onChange={(e) => toggleScope(s.scope, e.target.checked)}
              />
              <label htmlFor={`${id}-scope-${s.scope}`}>{scopeName(t, s.scope)}</label>
              {!s.available && (
                <span id={`${id}-scope-${s.scope}-note`} className="muted small scope-note">
                  {t('proxyPage.current.unavailable')}
                  {s.note ? `: ${scopeNoteText(t, s)}` : ''}
                </span>
              )}
            </div>
          ))}
        </fieldset>
        {problem && (
          <p className="field-error" role="alert" data-testid="form-problem">
            {problem}
          </p>
        )}
        <div className="row">
          <button type="button" data-testid="proxy-test" disabled={busy !== null} onClick={test}>
            {t('common.actions.test')}
          </button>
          <button type="submit" className="primary" data-testid="proxy-preview" disabled={busy !== null}>
            {t('common.actions.preview')}
          </button>
          <button
            type="button"
            data-testid="proxy-remove"
            disabled={busy !== null || blocked}
            aria-describedby={blocked ? `${id}-blocked` : undefined}
            title={t('proxyPage.form.removeHelp')}
            onClick={() => change('remove')}
          >
            {t('proxyPage.form.remove')}
          </button>
        </div>
      </form>

      {busy && (
        <Progress label={busy === 'test' ? t('proxyPage.test.running') : t('proxyPage.form.working')} />
      )}
      {error && <ErrorBanner error={error} />}
      {shown?.kind === 'test' && (
        <>
          <h3>{t('proxyPage.test.heading')}</h3>
          <CheckResults reports={shown.reports} />
        </>
      )}
      {shown && shown.kind !== 'test' && <ChangeOutcome kind={shown.kind} result={shown.result} />}
      {shown?.kind === 'preview' && (
        <div className="row confirm-row">
          <button
            type="button"
            className="primary"
            data-testid="proxy-apply"
            disabled={busy !== null || blocked || shown.result.steps.length === 0}
            aria-describedby={`${id}-apply-note`}
            onClick={() => change('apply')}
          >
            {t('proxyPage.form.applyPreviewed')}
          </button>
          <span id={`${id}-apply-note`} className="muted small" data-testid="proxy-apply-note">
            {blocked
              ? t('proxyPage.form.blockedByUnfinished')
              : shown.result.steps.length === 0
                ? t('proxyPage.form.nothingToApply')
                : t('proxyPage.form.applyNote')}
          </span>
        </div>
      )}
      {blocked && shown?.kind !== 'preview' && (
        <p id={`${id}-blocked`} className="muted small">
          {t('proxyPage.form.blockedByUnfinished')}
        </p>
      )}
    </section>
  );
}
