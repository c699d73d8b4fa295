import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppSettings, DoctorFinding, DoctorReport, ProjectLayersResult } from '../../shared/contract';

/**
 * The Projects page's store against a fake main process: `window.goproxy.invoke` answers each channel
 * as main would (`{ ok, value }` or `{ ok: false, error }`), and the test looks at what was asked.
 */

type Invoke = (channel: string, input: unknown) => Promise<unknown>;
let answer: Invoke;
const calls: Array<{ channel: string; input: unknown }> = [];

beforeAll(() => {
  // The stores read the OS language and touch the document when settings arrive.
  vi.stubGlobal('navigator', { languages: ['en-US'], language: 'en-US' });
  vi.stubGlobal('document', { documentElement: { dataset: {}, lang: 'en' } });
  vi.stubGlobal('window', {
    goproxy: {
      mode: 'desktop',
      invoke: async (channel: string, input: unknown) => {
        calls.push({ channel, input });
        return answer(channel, input);
      },
      on: () => () => undefined,
    },
  });
});
afterAll(() => vi.unstubAllGlobals());

const load = async () => {
  const [{ useProjects, initialProjects }, { useSettings }] = await Promise.all([
    import('../../renderer/store/projects'),
    import('../../renderer/store/settings'),
  ]);
  return { useProjects, initialProjects, useSettings };
};

const SETTINGS: AppSettings = {
  language: 'en',
  theme: 'light',
  probeIntervalMinutes: 0,
  autoSwitch: false,
  autoSwitchAfterFailures: 3,
  launchAtLogin: false,
  restoreProxyOnQuit: false,
  historyRetentionDays: 30,
  customMirrors: [],
  verifyModule: 'rsc.io/quote@v1.5.2',
  wizardCompletedAt: null,
  projectDirs: ['/src/a'],
};

const finding = (id: string, title: string): DoctorFinding => ({
  id,
  family: 'integrity',
  severity: 'warning',
  title,
  detail: '',
  remedy: '',
  evidence: [],
});
const report = (findings: DoctorFinding[], projects: string[] = []): DoctorReport => ({
  startedAt: '2026-01-01T00:00:00.000Z',
  findings,
  counts: { error: 0, warning: findings.length, info: 0 },
  checked: { go: null, projects, nginx: [], probed: false },
});
const layers = (dir: string): ProjectLayersResult => ({
  dir,
  isFolder: true,
  layers: [
    {
      file: '.envrc',
      line: 1,
      key: 'GOPROXY',
      value: 'https://goproxy.cn',
      context: 'terminal',
      how: 'export',
    },
  ],
  effective: { terminal: { GOPROXY: { value: 'https://goproxy.cn', from: '.envrc:1' } } },
  files: [{ file: '.envrc', kind: 'direnv' }],
  problems: [],
});
const CHANGE = { dryRun: true, transaction: null, steps: [], warnings: [], conflicts: [] };

/** main as the tests need it: settings in memory, the doctor with one machine finding and one per project. */
function fakeMain(settings: AppSettings, overrides: Record<string, Invoke> = {}): Invoke {
  return async (channel, input) => {
    const override = overrides[channel];
    if (override) return override(channel, input);
    switch (channel) {
      case 'settings:write': {
        Object.assign(settings, (input as { patch: Partial<AppSettings> }).patch);
        return { ok: true, value: { exists: true, settings: { ...settings } } };
      }
      case 'projects:layers':
        return { ok: true, value: layers((input as { dir: string }).dir) };
      case 'doctor:run': {
        const { projects = [] } = input as { projects?: string[] };
        const machine = finding('gosumdb-off', 'GOSUMDB is off');
        const extra = projects.map((dir) => finding('project-credentials', `password in ${dir}`));
        return { ok: true, value: report([machine, ...extra], projects) };
      }
      case 'projects:apply':
      case 'projects:restore':
        return { ok: true, value: CHANGE };
      default:
        return { ok: false, error: { code: 'internal', message: `unexpected ${channel}` } };
    }
  };
}

beforeEach(async () => {
  const { useProjects, initialProjects, useSettings } = await load();
  useProjects.setState(initialProjects());
  useSettings.setState({
    status: 'ready',
    settings: { ...SETTINGS, projectDirs: [...SETTINGS.projectDirs] },
  });
  calls.length = 0;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Projects page store', () => {
  it('selects the first folder and shows its layers and only the findings the project adds', async () => {
    const { useProjects } = await load();
    answer = fakeMain({ ...SETTINGS });
    useProjects.getState().open(['/src/a'], 'zh-CN');
    await settle();
    const s = useProjects.getState();
    expect(s.selected).toBe('/src/a');
    expect(s.layers.value?.layers[0]?.file).toBe('.envrc');
    expect(s.findings.value?.map((f) => f.id)).toEqual(['project-credentials']);
    // Both checklist runs without probing and in the page's language, so their titles compare.
    expect(calls.filter((c) => c.channel === 'doctor:run').map((c) => c.input)).toEqual([
      { projects: ['/src/a'], probe: false, language: 'zh-CN' },
      { probe: false, language: 'zh-CN' },
    ]);
  });

  it('adds a typed folder to settings.projectDirs once and selects it', async () => {
    const { useProjects, useSettings } = await load();
    const settings = { ...SETTINGS, projectDirs: ['/src/a'] };
    answer = fakeMain(settings);
    await useProjects.getState().addFolder('  /src/b  ', 'en');
    await useProjects.getState().addFolder('/src/b', 'en');
    await settle();
    expect(calls.filter((c) => c.channel === 'settings:write').map((c) => c.input)).toEqual([
      { patch: { projectDirs: ['/src/a', '/src/b'] } },
    ]);
    expect(useSettings.getState().settings?.projectDirs).toEqual(['/src/a', '/src/b']);
    expect(useProjects.getState().selected).toBe('/src/b');
  });

  it('falls back to the path field when there is no folder dialog', async () => {
    const { useProjects } = await load();
    answer = fakeMain(
      { ...SETTINGS },
      {
        'dialog:pickFolder': async () => ({
          ok: false,
          error: { code: 'unavailable', message: 'no dialog' },
        }),
      },
    );
    await useProjects.getState().pickFolder('en');
    expect(useProjects.getState().pickerUnavailable).toBe(true);
    expect(useProjects.getState().listError).toBeNull();
  });

  it('removes a folder from the list only, and selects the next one', async () => {
    const { useProjects, useSettings } = await load();
    const settings = { ...SETTINGS, projectDirs: ['/src/a', '/src/b'] };
    useSettings.setState({ settings: { ...settings } });
    answer = fakeMain(settings);
    useProjects.getState().select('/src/a', 'en');
    await useProjects.getState().removeFolder('/src/a', 'en');
    await settle();
    expect(settings.projectDirs).toEqual(['/src/b']);
    expect(useProjects.getState().selected).toBe('/src/b');
    expect(calls.some((c) => c.channel === 'projects:restore')).toBe(false);
  });

  it('writes exactly the request it previewed, then reads the project again', async () => {
    const { useProjects } = await load();
    answer = fakeMain({ ...SETTINGS });
    useProjects.getState().select('/src/a', 'en');
    await settle();
    await useProjects.getState().previewChange('vscode', 'GOPROXY', ' https://goproxy.cn,direct ');
    expect(useProjects.getState().change.status).toBe('preview');
    calls.length = 0;
    await useProjects.getState().writeChange('en');
    expect(calls[0]).toEqual({
      channel: 'projects:apply',
      input: { dir: '/src/a', to: 'vscode', set: { GOPROXY: 'https://goproxy.cn,direct' }, dryRun: false },
    });
    expect(useProjects.getState().change.status).toBe('done');
    expect(calls.map((c) => c.channel)).toContain('projects:layers');
  });

  it('keeps the preview and shows the error when the write fails', async () => {
    const { useProjects } = await load();
    answer = fakeMain(
      { ...SETTINGS },
      {
        'projects:apply': async (_c, input) =>
          (input as { dryRun: boolean }).dryRun
            ? { ok: true, value: CHANGE }
            : { ok: false, error: { code: 'conflict', message: '.envrc changed' } },
      },
    );
    useProjects.getState().select('/src/a', 'en');
    await useProjects.getState().previewChange('direnv', 'GOPRIVATE', 'git.corp.example');
    await useProjects.getState().writeChange('en');
    const { change } = useProjects.getState();
    expect(change.status).toBe('preview');
    expect(change.error).toEqual({ code: 'conflict', message: '.envrc changed' });
  });

  it('previews a restore before restoring, for the selected folder', async () => {
    const { useProjects } = await load();
    answer = fakeMain({ ...SETTINGS });
    useProjects.getState().select('/src/a', 'en');
    await useProjects.getState().previewRestore();
    await useProjects.getState().restoreChanges('en');
    expect(calls.filter((c) => c.channel === 'projects:restore').map((c) => c.input)).toEqual([
      { dir: '/src/a', dryRun: true },
      { dir: '/src/a', dryRun: false },
    ]);
    expect(useProjects.getState().restore.status).toBe('done');
  });

  it('drops an answer for a folder that is no longer selected', async () => {
    const { useProjects } = await load();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    answer = fakeMain(
      { ...SETTINGS },
      {
        'projects:layers': async (_c, input) => {
          const { dir } = input as { dir: string };
          if (dir === '/src/a') await slow;
          return { ok: true, value: layers(dir) };
        },
      },
    );
    useProjects.getState().select('/src/a', 'en');
    useProjects.getState().select('/src/b', 'en');
    await settle();
    release();
    await settle();
    expect(useProjects.getState().layers.value?.dir).toBe('/src/b');
  });
});

describe('the wizard’s project scan', () => {
  it('adds the scanned folders to settings.projectDirs when the wizard finishes, not before', async () => {
    const { useWizard } = await import('../../renderer/store/wizard');
    const settings = { ...SETTINGS, projectDirs: ['/src/a'] };
    answer = fakeMain(settings, {
      'projects:scan': async () => ({ ok: true, value: { projects: [], suggestions: [] } }),
    });
    await useWizard.getState().scanFolder('/src/c');
    await useWizard.getState().scanFolder('/src/a');
    // The first settings file tells the app the wizard is done: scanning alone writes nothing.
    expect(calls.filter((c) => c.channel === 'settings:write')).toEqual([]);
    await useWizard.getState().finishWizard();
    const writes = calls.filter((c) => c.channel === 'settings:write').map((c) => c.input);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ patch: { projectDirs: ['/src/a', '/src/c'] } });
  });
});
