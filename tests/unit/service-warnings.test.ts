import { describe, expect, it } from 'vitest';
import { readWarnings } from '../../renderer/components/serviceWarnings';
import { parseBypassList, toEnvNoProxy, toGitNoProxyUrls } from '../../electron/services/netproxy/bypass';
import { uiMessages } from '../../renderer/messages';

/** The proxy services' warnings, as the previews show them: known ones as message keys, passwords first. */
describe('readWarnings', () => {
  it('puts a plain-text password before every other warning', () => {
    const read = readWarnings([
      'new terminals and apps started from now on see this; ones already open keep their old environment until restarted',
      'the proxy password will be stored in plain text in ~/.gitconfig; for a GOPROXY that needs a login, prefer ~/.netrc (chmod 600)',
    ]);
    expect(read.known.map((w) => w.key)).toEqual(['passwordFile', 'restartApps']);
    expect(read.known[0]!.params).toEqual({ file: '~/.gitconfig' });
    expect(read.unknown).toEqual([]);
  });

  it('recognises every NO_PROXY warning the services give for go and git, with a message in both languages', () => {
    const parsed = parseBypassList(
      'localhost,.corp.example,corp.example:8443,10.0.0.0/8,fd00::/8,*.b.example',
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const warnings = [...toEnvNoProxy(parsed.rules).warnings, ...toGitNoProxyUrls(parsed.rules).warnings];
    expect(warnings.length).toBeGreaterThan(3);
    const read = readWarnings(warnings);
    expect(read.unknown).toEqual([]);
    const messages = uiMessages as unknown as Record<
      string,
      { proxyPage: { result: { serviceWarnings: Record<string, string> } } }
    >;
    for (const w of read.known) {
      for (const language of ['en', 'zh-CN']) {
        const text = messages[language]!.proxyPage.result.serviceWarnings[w.key];
        expect(text, `${language} ${w.key}`).toBeTypeOf('string');
        expect(text).not.toMatch(/undici|Node/);
      }
    }
  });

  it('keeps a sentence it does not know as it came, for the Details fold', () => {
    expect(readWarnings(['something new']).unknown).toEqual(['something new']);
  });

  it('leaves a very long warning as it came, in bounded time', () => {
    const long = `KDE also bypasses ${'a'.repeat(20_000)} itself for ${' x'.repeat(20_000)}, which Go does not`;
    const started = performance.now();
    expect(readWarnings([long]).unknown).toEqual([long]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
