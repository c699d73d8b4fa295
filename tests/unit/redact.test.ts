import { describe, expect, it } from 'vitest';
import { maskUserinfo } from '../../electron/services/store/mirrors';
import { redactProxyList } from '../../electron/services/goenv/credentials';
import { redactor, redactRaw } from '../../electron/services/netproxy/settings';
import { redactUrl } from '../../shared/go/goproxy';
import { maskPasswords } from '../../shared/redact';

/** Every password masker: the secret never shows, and long adversarial text is handled in one pass. */

const MASKERS: Record<string, (text: string) => string> = {
  redactor: redactor(null),
  redactRaw,
  redactProxyList,
  redactUrl,
  maskUserinfo,
};

describe('password masking', () => {
  it('hides the password of user:password@ and keeps the rest', () => {
    expect(redactor(null)('proxy http://me:s3cret@proxy.corp:3128 failed')).toBe(
      'proxy http://me:xxxxx@proxy.corp:3128 failed',
    );
    expect(redactProxyList('https://a:b@x.example|https://y.example,https://c:d@z.example,direct')).toBe(
      'https://a:xxxxx@x.example|https://y.example,https://c:xxxxx@z.example,direct',
    );
    expect(redactRaw('http://me:pa ss@proxy')).toBe('http://me:xxxxx@proxy');
    expect(maskUserinfo('mirror gopher:hunter2@goproxy.corp is down')).toBe(
      'mirror gopher:xxxxx@goproxy.corp is down',
    );
    expect(maskPasswords('no scheme //u:p@h', { stops: ' ', scheme: true })).toBe('no scheme //u:p@h');
    expect(maskPasswords('x http://u@h y', { stops: ' ' })).toBe('x http://u@h y');
  });

  // A backtracking regex takes hours on these; one pass, well under a second (the generous deadline catches a
  // quadratic pass, not a slow machine; the bench measures how the time grows).
  it.each(Object.keys(MASKERS))(
    '%s: 1 MB host names and colons without an @',
    { timeout: 60_000 },
    (name) => {
      const mask = MASKERS[name]!;
      for (const text of [
        `http://${'a'.repeat(1_000_000)}`,
        `http://u:${'a:'.repeat(500_000)}`,
        `//${':'.repeat(1_000_000)}`,
        'http://'.repeat(140_000),
        `${'a'.repeat(1_000_000)}:b`,
      ]) {
        expect(mask(text).length, name).toBe(text.length);
      }
      const secret = `http://user:${'p'.repeat(1_000_000)}@host`;
      expect(mask(secret)).not.toContain('pppp');
    },
  );
});
