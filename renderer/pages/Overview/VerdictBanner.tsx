import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { Diagnosis } from '../../components/Diagnosis';
import { useMirrors } from '../../store/mirrors';
import { useOverview } from '../../store/overview';
import { useProbe } from '../../store/probe';
import { useSettings } from '../../store/settings';
import { useUi } from '../../store/ui';
import { GoproxyChangeView } from '../Mirrors/GoproxyChangeView';
import { useGoproxyChange } from '../Mirrors/goproxyChange';
import { activeMirror, catalogueEntry } from './activeMirror';
import { fixMirror, verdict, type Verdict } from './verdict';

const TONE: Record<Verdict['kind'], string> = {
  loading: 'verdict-loading',
  fail: 'verdict-fail',
  setup: 'verdict-setup',
  ok: 'verdict-ok',
};

/**
 * The page's answer to "can go download modules right now?": ok, will fail because…, or not set up
 * yet, with the one action that fixes it as the primary button.
 */
export function VerdictBanner() {
  const { t } = useTranslation();
  const env = useOverview((s) => s.env.value);
  const history = useOverview((s) => s.history.value);
  const settings = useSettings((s) => s.settings);
  const mirrors = useMirrors((s) => s.mirrors);
  const probe = useProbe();
  const setPage = useUi((s) => s.setPage);
  const change = useGoproxyChange();

  const goproxy = env?.vars.GOPROXY?.value ?? (env ? '' : null);
  const v = useMemo(
    () =>
      verdict({
        goproxy,
        gosumdb: env?.vars.GOSUMDB?.value ?? '',
        wizardCompleted: settings ? settings.wizardCompletedAt !== null : null,
        history,
      }),
    [goproxy, env, settings, history],
  );
  const fix =
    v.kind === 'fail'
      ? fixMirror(
          mirrors.filter((m) => !m.custom),
          history,
          v.reason === 'dead' ? v.mirrors : [],
        )
      : null;

  // A preview made for another state (the tray or the CLI changed GOPROXY meanwhile) would be stale.
  const { reset } = change;
  useEffect(() => {
    if (change.step.kind === 'preview') reset();
    // Only a new GOPROXY makes the preview stale; the preview itself must not reset it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [goproxy, reset]);

  const probeFirst = () => {
    const first = activeMirror(goproxy ?? '');
    void probe.run(first.kind === 'proxy' ? { mirrors: [first.url] } : {});
  };

  let title: string;
  let cause: string | null = null;
  let primary: { label: string; onClick: () => void; disabled?: boolean } | null = null;
  let details: string | null = null;
  switch (v.kind) {
    case 'loading':
      title = t('overview.verdict.loading');
      break;
    case 'fail':
      title = t('overview.verdict.fail');
      if (v.reason === 'invalid') {
        cause = t('overview.verdict.invalid');
        details = v.message;
      } else if (v.reason === 'off') {
        cause = t('overview.verdict.off');
      } else {
        cause = t('overview.verdict.dead', { count: v.mirrors.length, mirrors: v.mirrors.join(', ') });
      }
      primary = fix
        ? {
            label: t('overview.verdict.use', { name: fix.name }),
            onClick: () => void change.preview({ kind: 'use', target: fix.id, name: fix.name }),
            disabled: change.busy,
          }
        : {
            label: t('overview.verdict.probeAgain'),
            onClick: () => void probe.run(),
            disabled: probe.running,
          };
      break;
    case 'setup':
      title = t('overview.verdict.setup');
      cause = t('overview.verdict.setupCause');
      primary = { label: t('overview.verdict.openWizard'), onClick: () => setPage('wizard') };
      break;
    case 'ok': {
      const name = v.mirror ? catalogueEntry(mirrors, v.mirror)?.name : undefined;
      title = t('overview.verdict.ok');
      const unchecked = v.sumdbOff ? 'Unchecked' : '';
      cause =
        v.mirror === null
          ? t(`overview.verdict.okDirect${unchecked}`, { sumdb: v.sumdb })
          : t(`overview.verdict.okMirror${unchecked}`, { mirror: name ?? v.mirror, sumdb: v.sumdb });
      if (v.health === 'unknown' && v.mirror !== null) {
        primary = {
          label: t('overview.verdict.probeFirst'),
          onClick: probeFirst,
          disabled: probe.running,
        };
      }
      break;
    }
  }

  return (
    <section
      className={`verdict-banner ${TONE[v.kind]}`}
      aria-labelledby="overview-verdict-title"
      data-testid="verdict"
      data-verdict={v.kind}
      data-reason={v.kind === 'fail' ? v.reason : undefined}
      aria-busy={v.kind === 'loading'}
    >
      <div className="verdict-text">
        <h2 id="overview-verdict-title" data-testid="verdict-title">
          <span className="verdict-icon" aria-hidden="true">
            {v.kind === 'fail' ? '✕' : v.kind === 'ok' ? '✓' : v.kind === 'setup' ? '→' : '…'}
          </span>
          {title}
        </h2>
        {cause && <p data-testid="verdict-cause">{visible(cause)}</p>}
        {v.kind === 'ok' && v.sumdbOff && (
          <p className="verdict-warning" data-testid="verdict-sumdb-off">
            {t('overview.verdict.sumdbOff')}
          </p>
        )}
        {v.kind === 'ok' && v.health === 'dead' && (
          <p className="verdict-warning" data-testid="verdict-first-dead">
            {t('overview.verdict.firstDead')}
          </p>
        )}
        {details && (
          <div data-testid="verdict-details">
            <Diagnosis raw={details} />
          </div>
        )}
      </div>
      <div className="row verdict-actions">
        {primary && (
          <button
            type="button"
            className="primary"
            data-testid="verdict-fix"
            onClick={primary.onClick}
            disabled={primary.disabled}
          >
            {primary.label}
          </button>
        )}
        {v.kind === 'fail' && settings?.wizardCompletedAt === null && (
          <button type="button" data-testid="verdict-wizard" onClick={() => setPage('wizard')}>
            {t('overview.verdict.openWizard')}
          </button>
        )}
      </div>
      {(change.step.kind !== 'idle' || change.error) && (
        <div className="verdict-change">
          <GoproxyChangeView change={change} testId="verdict-change" />
        </div>
      )}
    </section>
  );
}
