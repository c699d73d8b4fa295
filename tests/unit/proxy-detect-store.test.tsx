import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NetProxyReport, ProxyDetectResult } from '../../shared/contract';

/**
 * The system proxy detection as the Proxy page and the wizard use it, against a fake main process:
 * `window.goproxy.invoke` answers as main would, and the test looks at what was asked.
 */

type Invoke = (channel: string, input: unknown) => Promise<unknown>;
let answer: Invoke;
const calls: Array<{ channel: string; input: unknown }> = [];

beforeAll(() => {
  // The wizard's store pulls in the UI store, which reads the OS language and touches the document.
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

const store = () => import('../../renderer/store/proxyDetect');

const PAC: ProxyDetectResult = {
  source: 'KDE (kioslaverc)',
  mode: 'pac',
  pacUrl: 'file:///etc/proxy.pac',
  decisions: [
    { url: 'https://proxy.golang.org', pac: 'PROXY 10.0.0.1:3128; DIRECT', proxy: 'http://10.0.0.1:3128' },
    { url: 'https://goproxy.cn', pac: 'DIRECT', proxy: null },
  ],
  suggestion: { http: 'http://10.0.0.1:3128', https: 'http://10.0.0.1:3128', noProxy: 'goproxy.cn' },
  warnings: ['the PAC script lists a fallback'],
};
const NONE: ProxyDetectResult = {
  source: 'no desktop proxy settings found',
  mode: 'none',
  decisions: [],
  suggestion: null,
  warnings: [],
};

beforeEach(async () => {
  const { useProxyDetect } = await store();
  useProxyDetect.setState({ status: 'idle', result: null, error: null });
  calls.length = 0;
});

describe('system proxy detection store', () => {
  it('asks netproxy:detect with no options and keeps the answer', async () => {
    const { useProxyDetect } = await store();
    answer = async () => ({ ok: true, value: PAC });
    const running = useProxyDetect.getState().detect();
    expect(useProxyDetect.getState().status).toBe('detecting');
    await running;
    expect(calls).toEqual([{ channel: 'netproxy:detect', input: {} }]);
    expect(useProxyDetect.getState()).toMatchObject({ status: 'ready', result: PAC, error: null });
  });

  it('keeps the last answer on screen while detecting again, and shows only the newest answer', async () => {
    const { useProxyDetect } = await store();
    answer = async () => ({ ok: true, value: NONE });
    await useProxyDetect.getState().detect();
    const pending: Array<(value: unknown) => void> = [];
    answer = () => new Promise((resolve) => pending.push(resolve));
    const first = useProxyDetect.getState().detect();
    const second = useProxyDetect.getState().detect();
    expect(useProxyDetect.getState()).toMatchObject({ status: 'detecting', result: NONE });
    pending[1]!({ ok: true, value: PAC });
    await second;
    // The older detection answers last: it does not replace the newer answer.
    pending[0]!({ ok: false, error: { code: 'timeout', message: 'too slow' } });
    await first;
    expect(useProxyDetect.getState()).toMatchObject({ status: 'ready', result: PAC, error: null });
  });

  it('turns a failure into an error with its code', async () => {
    const { useProxyDetect } = await store();
    answer = async () => ({ ok: false, error: { code: 'internal', message: 'kreadconfig5 crashed' } });
    await useProxyDetect.getState().detect();
    expect(useProxyDetect.getState()).toMatchObject({
      status: 'error',
      error: { code: 'internal', message: 'kreadconfig5 crashed' },
    });
  });

  it('suggests settings only when the system uses a proxy and an HTTPS proxy came out of it', async () => {
    const { usableSuggestion } = await store();
    expect(usableSuggestion(PAC)).toEqual(PAC.suggestion);
    expect(usableSuggestion(NONE)).toBeNull();
    expect(usableSuggestion(null)).toBeNull();
    expect(usableSuggestion({ ...PAC, suggestion: null })).toBeNull();
    expect(
      usableSuggestion({ ...PAC, suggestion: { http: 'http://10.0.0.1:3128', https: null, noProxy: null } }),
    ).toBeNull();
    // A suggestion next to mode none (an environment leftover) is not the system's proxy.
    expect(usableSuggestion({ ...NONE, suggestion: PAC.suggestion })).toBeNull();
  });
});

describe('taking the suggestion', () => {
  const report = (available: Record<string, boolean>): NetProxyReport =>
    ({
      scopes: Object.entries(available).map(([scope, ok]) => ({ scope, available: ok })),
    }) as unknown as NetProxyReport;

  it('fills the Proxy page form for the shells and git, one URL when http and https agree', async () => {
    const { draftFromSuggestion } = await import('../../renderer/pages/Proxy/draft');
    const suggestion = { http: 'http://10.0.0.1:3128', https: 'http://10.0.0.1:3128', noProxy: 'goproxy.cn' };
    expect(draftFromSuggestion(suggestion, report({ env: true, git: true, system: true }))).toEqual({
      http: 'http://10.0.0.1:3128',
      https: '',
      noProxy: 'goproxy.cn',
      user: '',
      password: '',
      scopes: ['env', 'git'],
    });
    expect(
      draftFromSuggestion(
        { http: null, https: 'http://10.0.0.2:8080', noProxy: null },
        report({ env: true, git: false }),
      ),
    ).toMatchObject({ http: 'http://10.0.0.2:8080', https: '', noProxy: '', scopes: ['env'] });
    expect(
      draftFromSuggestion(
        { http: 'http://a:1', https: 'http://b:2', noProxy: null },
        report({ env: true, git: true }),
      ),
    ).toMatchObject({ http: 'http://a:1', https: 'http://b:2' });
  });

  it("sends the wizard's NO_PROXY with its proxy in the review's dry run", async () => {
    const { useWizard } = await import('../../renderer/store/wizard');
    answer = async (channel) => {
      if (channel === 'goenv:write' || channel === 'netproxy:apply') {
        return {
          ok: true,
          value: { dryRun: true, transaction: null, steps: [], warnings: [], conflicts: [] },
        };
      }
      return { ok: false, error: { code: 'internal', message: `unexpected ${channel}` } };
    };
    useWizard.getState().setProxy({ use: true, url: 'http://10.0.0.1:3128', noProxy: ' goproxy.cn ' });
    await useWizard.getState().loadReview();
    expect(calls.find((c) => c.channel === 'netproxy:apply')?.input).toEqual({
      http: 'http://10.0.0.1:3128',
      https: 'http://10.0.0.1:3128',
      noProxy: 'goproxy.cn',
      scopes: ['env', 'git'],
      dryRun: true,
    });
  });
});
