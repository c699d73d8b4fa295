import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The renderer's i18n reads the OS languages when it is imported; Node 20 has no navigator.
vi.hoisted(() => vi.stubGlobal('navigator', { language: 'en', languages: ['en'] }));

const { i18n } = await import('../../renderer/lib/i18n');
const { ErrorBanner } = await import('../../renderer/components/ErrorBanner');
const { ChangeSummary, readSummary } = await import('../../renderer/components/ChangeSummary');
const { failure } = await import('../../electron/dispatch');

const render = (element: ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
/** The markup without the raw text folded under Details. */
const outsideRaw = (markup: string) => markup.replace(/<pre[^>]*data-raw[^>]*>[\s\S]*?<\/pre>/g, '');

const GO_DNS =
  'go: git.corp.example/team/lib@v1.0.0: unrecognized import path "git.corp.example/team/lib": https fetch: Get "https://git.corp.example/team/lib?go-get=1": dial tcp: lookup git.corp.example on 127.0.0.53:53: no such host';

afterAll(() => i18n.changeLanguage('en'));

describe('ErrorBanner', () => {
  it('says a failed lookup as its cause and action, with go’s words under Details', async () => {
    await i18n.changeLanguage('en');
    const { error } = failure('go-failed', GO_DNS);
    const markup = render(<ErrorBanner error={error} />);
    expect(markup).toContain('data-reason="dns"');
    expect(markup).toContain('go failed.');
    expect(markup).toContain('Can&#x27;t resolve git.corp.example');
    expect(markup).toContain('connect the VPN');
    expect(markup).toMatch(
      /<details[^>]*><summary>Details<\/summary><pre[^>]*data-raw=""[^>]*>go: git\.corp/,
    );
  });

  it('in Chinese shows no English outside the folded raw text', async () => {
    await i18n.changeLanguage('zh-CN');
    const { error } = failure('go-failed', GO_DNS);
    const shown = outsideRaw(render(<ErrorBanner error={error} />)).replace(/<[^>]*>/g, ' ');
    expect(shown).toContain('无法解析 git.corp.example');
    expect(shown).toContain('VPN');
    expect(shown).not.toMatch(/no such host|lookup|unrecognized/);
    expect(shown).toContain('详情');
  });

  it('still shows an error it cannot explain, headline translated and message under Details', async () => {
    await i18n.changeLanguage('zh-CN');
    const markup = render(<ErrorBanner error={{ code: 'internal', message: 'boom' }} />);
    expect(markup).toContain('data-reason="unknown"');
    expect(markup).toContain('出错了。');
    expect(markup).toMatch(/data-raw="">boom<\/pre>/);
  });
});

describe('ChangeSummary', () => {
  it('reads the summaries the services write', () => {
    expect(readSummary('proxy set http=http://127.0.0.1:3128 no_proxy=.corp (env, git)')).toEqual({
      kind: 'set',
      values: ['http=http://127.0.0.1:3128', 'no_proxy=.corp'],
    });
    expect(readSummary('proxy unset (env)')).toEqual({ kind: 'unset', values: [] });
    expect(readSummary('profile "office"')).toEqual({ kind: 'profile', values: ['office'] });
    expect(readSummary('something else')).toBeNull();
  });

  it('says a proxy change in Chinese with the values as code', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(render(<ChangeSummary summary="proxy set http=http://127.0.0.1:3128 (env)" />)).toBe(
      '<span data-change="set">代理设为 <span><code class="value">http=http://127.0.0.1:3128</code></span></span>',
    );
  });
});

describe('Diagnosis', () => {
  it('fills every parameter the raw text said, and names what it did not say', async () => {
    const { Diagnosis } = await import('../../renderer/components/Diagnosis');
    await i18n.changeLanguage('zh-CN');
    const markup = render(<Diagnosis raw="@latest answered HTTP 404" brief />);
    expect(markup).toContain('该主机 返回了 HTTP 404。');
    expect(markup).not.toContain('diagnosis-action');
  });
});
