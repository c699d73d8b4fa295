import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appSettingsSchema, THEMES, type AppSettings } from '../../../shared/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { appMode } from '../../lib/api';
import { useSettings } from '../../store/settings';
import { useUi } from '../../store/ui';
import { ModuleSetting, NumberSetting } from './fields';
import './settings.css';

type Patch = Partial<Omit<AppSettings, 'customMirrors'>>;
type SaveState = 'idle' | 'saving' | 'saved' | 'invalid';

const LANGUAGES = ['system', 'en', 'zh-CN'] as const;
/** The bounds come from the schema main validates with, so the page and main cannot disagree. */
const bounds = (key: 'probeIntervalMinutes' | 'autoSwitchAfterFailures' | 'historyRetentionDays') => {
  const field = appSettingsSchema.shape[key];
  return { min: field.minValue ?? 0, max: field.maxValue ?? Number.MAX_SAFE_INTEGER };
};

export function SettingsPage() {
  const { t } = useTranslation();
  const id = useId();
  const { settings, status, error, load, save } = useSettings();
  const setPage = useUi((s) => s.setPage);
  const [saveState, setSaveState] = useState<SaveState>('idle');

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  const commit = async (patch: Patch) => {
    setSaveState('saving');
    try {
      await save(patch);
      setSaveState('saved');
    } catch {
      // The store keeps the error, which the banner shows.
      setSaveState('idle');
    }
  };
  // Selects and checkboxes show the choice at once, and the saved value again if saving fails.
  const [pending, setPending] = useState<Patch>({});
  const choose = async (patch: Patch) => {
    setPending((p) => ({ ...p, ...patch }));
    await commit(patch);
    setPending((p) => {
      const rest = { ...p };
      for (const key of Object.keys(patch)) delete rest[key as keyof Patch];
      return rest;
    });
  };
  const rejected = () => setSaveState('invalid');

  if (!settings) {
    return (
      <section aria-labelledby="settings-heading">
        <PageHeader id="settings-heading" title={t('common.nav.settings')} intro={t('settingsPage.intro')} />
        {error ? (
          <ErrorBanner error={error} onRetry={() => void load()} />
        ) : (
          <p aria-busy="true">{t('app.loading')}</p>
        )}
      </section>
    );
  }

  const shown = { ...settings, ...pending };
  // In a browser (`goproxy-desk ui`) there is no tray, background check or login item: those settings
  // belong to the desktop app and are not shown.
  const browser = appMode() === 'browser';
  return (
    <section aria-labelledby="settings-heading" className="settings-page">
      <PageHeader id="settings-heading" title={t('common.nav.settings')} intro={t('settingsPage.intro')} />
      {error && <ErrorBanner error={error} />}

      <section className="card" aria-labelledby={`${id}-appearance`}>
        <h2 id={`${id}-appearance`}>{t('settingsPage.appearance.heading')}</h2>
        <div className="setting">
          <label htmlFor={`${id}-language`}>{t('settingsPage.appearance.language')}</label>
          <select
            id={`${id}-language`}
            data-testid="language-select"
            value={shown.language}
            aria-describedby={`${id}-language-help`}
            onChange={(e) => void choose({ language: e.target.value as AppSettings['language'] })}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`common.languageNames.${l}`)}
              </option>
            ))}
          </select>
          <span id={`${id}-language-help`} className="muted small">
            {t('settingsPage.appearance.languageHelp')}
          </span>
        </div>
        <div className="setting">
          <label htmlFor={`${id}-theme`}>{t('settingsPage.appearance.theme')}</label>
          <select
            id={`${id}-theme`}
            data-testid="theme-select"
            value={shown.theme}
            aria-describedby={`${id}-theme-help`}
            onChange={(e) => void choose({ theme: e.target.value as AppSettings['theme'] })}
          >
            {THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(`common.theme.${theme}`)}
              </option>
            ))}
          </select>
          <span id={`${id}-theme-help`} className="muted small">
            {t('settingsPage.appearance.themeHelp')}
          </span>
        </div>
      </section>

      <section className="card" aria-labelledby={`${id}-probing`}>
        <h2 id={`${id}-probing`}>
          {t(browser ? 'settingsPage.probing.browserHeading' : 'settingsPage.probing.heading')}
        </h2>
        {browser ? (
          <p className="muted small" data-testid="desktop-only-note">
            {t('settingsPage.probing.desktopOnly')}
          </p>
        ) : (
          <>
            <NumberSetting
              testId="probe-interval"
              label={t('settingsPage.probing.interval')}
              help={t('settingsPage.probing.intervalHelp')}
              value={settings.probeIntervalMinutes}
              {...bounds('probeIntervalMinutes')}
              onValid={(v) => void commit({ probeIntervalMinutes: v })}
              onInvalid={rejected}
            />
            <Toggle
              testId="auto-switch"
              label={t('settingsPage.probing.autoSwitch')}
              checked={shown.autoSwitch}
              onChange={(v) => void choose({ autoSwitch: v })}
            />
            <NumberSetting
              testId="auto-switch-after"
              label={t('settingsPage.probing.after')}
              value={settings.autoSwitchAfterFailures}
              disabled={!shown.autoSwitch}
              {...bounds('autoSwitchAfterFailures')}
              onValid={(v) => void commit({ autoSwitchAfterFailures: v })}
              onInvalid={rejected}
            />
          </>
        )}
        <NumberSetting
          testId="history-retention"
          label={t('settingsPage.probing.retention')}
          value={settings.historyRetentionDays}
          {...bounds('historyRetentionDays')}
          onValid={(v) => void commit({ historyRetentionDays: v })}
          onInvalid={rejected}
        />
        <ModuleSetting
          testId="verify-module"
          label={t('settingsPage.probing.verifyModule')}
          help={t('settingsPage.probing.verifyModuleHelp')}
          value={settings.verifyModule}
          onValid={(v) => void commit({ verifyModule: v })}
          onInvalid={rejected}
        />
      </section>

      {!browser && (
        <section className="card" aria-labelledby={`${id}-system`}>
          <h2 id={`${id}-system`}>{t('settingsPage.system.heading')}</h2>
          <Toggle
            testId="launch-at-login"
            label={t('settingsPage.system.launchAtLogin')}
            checked={shown.launchAtLogin}
            onChange={(v) => void choose({ launchAtLogin: v })}
          />
          <Toggle
            testId="restore-proxy-on-quit"
            label={t('settingsPage.system.restoreProxyOnQuit')}
            checked={shown.restoreProxyOnQuit}
            onChange={(v) => void choose({ restoreProxyOnQuit: v })}
          />
        </section>
      )}

      <section className="card" aria-labelledby={`${id}-wizard`}>
        <h2 id={`${id}-wizard`}>{t('settingsPage.wizard.heading')}</h2>
        <p className="muted">{t('settingsPage.wizard.help')}</p>
        <button type="button" data-testid="run-wizard" onClick={() => setPage('wizard')}>
          {t('settingsPage.wizard.again')}
        </button>
      </section>

      <p
        className="save-status"
        role="status"
        aria-live="polite"
        data-testid="save-status"
        data-state={saveState}
      >
        {saveState === 'saving' && t('settingsPage.status.saving')}
        {saveState === 'saved' && t('settingsPage.status.saved')}
        {saveState === 'invalid' && t('settingsPage.status.notSaved')}
      </p>
    </section>
  );
}

function Toggle({
  testId,
  label,
  checked,
  onChange,
}: {
  testId: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="setting setting-toggle">
      <input
        id={id}
        type="checkbox"
        data-testid={testId}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
