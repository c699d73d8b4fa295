import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DoctorFinding } from '../../shared/contract';

// The renderer's i18n reads the OS languages when it is imported; Node 20 has no navigator.
vi.hoisted(() => vi.stubGlobal('navigator', { language: 'en', languages: ['en'] }));

const { i18n } = await import('../../renderer/lib/i18n');
const { FindingCard } = await import('../../renderer/pages/Checklist/FindingCard');
const { ErrorBanner } = await import('../../renderer/components/ErrorBanner');
const { DiffView } = await import('../../renderer/components/DiffView');
const { Ident } = await import('../../renderer/components/Ident');

const RAW = ['\u0000', '\u001b', '\u202e', '\u200b', '\u0085'];

/** The text a reader sees: the markup without its tags, entities decoded. */
function shownText(element: ReactElement): string {
  const markup = renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

const rawIn = (text: string) => RAW.filter((c) => text.includes(c));

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

describe('untrusted text in the UI', () => {
  it("shows a finding's control and bidi characters as escapes, not raw", () => {
    const finding: DoctorFinding = {
      id: 'gomod-syntax',
      family: 'syntax',
      severity: 'error',
      title: 'go.mod of /home/u/evil\u202eclat.go',
      detail: 'unexpected character\u200b in line 3',
      remedy: 'Remove the character\u0085.',
      evidence: ['module "evil\u0000"', 'replace "\u001b[2Jx" => ./x', 'path /tmp/\u202egnp.exe'],
    };
    // The evidence is laid out in cells (key, value), so words are compared with spaces collapsed.
    const text = shownText(<FindingCard finding={finding} />).replace(/\s+/g, ' ');
    expect(text).toContain('module "evil\\x00"');
    expect(text).toContain('replace "\\x1b[2Jx" => ./x');
    expect(text).toContain('path /tmp/\\u202egnp.exe');
    expect(text).toContain('go.mod of /home/u/evil\\u202eclat.go');
    expect(text).toContain('unexpected character\\u200b in line 3');
    expect(text).toContain('Remove the character\\u0085.');
    expect(rawIn(text)).toEqual([]);
  });

  it("escapes an error's message put into the translated banner", () => {
    const text = shownText(
      <ErrorBanner error={{ code: 'internal', message: 'mirror said \u001b[2J\u0000 \u202eevil' }} />,
    );
    expect(text).toContain('mirror said \\x1b[2J\\x00 \\u202eevil');
    expect(rawIn(text)).toEqual([]);
  });

  it('keeps the lines of a diff and escapes the rest of each line', () => {
    const markup = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <DiffView text={'-GOPROXY=a\u001b[2J\r\n+GOPROXY=b\u202e\n'} />
      </I18nextProvider>,
    );
    expect(markup).toContain('<span class="del">-GOPROXY=a\\x1b[2J\\x0d</span>');
    expect(markup).toContain('<span class="add">+GOPROXY=b\\u202e</span>');
    expect(rawIn(markup)).toEqual([]);
  });

  it('escapes an identifier however it was given, once, in its text and its title', () => {
    const markup = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <Ident value={'GOSUMDB=sum.example\u202e\u0000,https://a.example'} copy />
      </I18nextProvider>,
    );
    expect(markup).toContain('title="GOSUMDB=sum.example\\u202e\\x00,https://a.example"');
    expect(shownText(<Ident value={'x\u001by'} />)).toContain('x\\x1by');
    // Already escaped text stays as it is.
    expect(shownText(<Ident value={'x\\x1by'} />)).toContain('x\\x1by');
    expect(rawIn(markup)).toEqual([]);
  });
});
