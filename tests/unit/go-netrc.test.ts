import { describe, expect, it } from 'vitest';
import type { AuthFacts } from '../../shared/go/goauth';
import {
  credentialFor,
  netrcEntriesForHost,
  netrcMachineFor,
  parseNetrc,
  scanNetrc,
} from '../../shared/go/netrc';

const GO119: AuthFacts = { goauth: false, netrcHostPort: false, windowsUnderscoreNetrc: false };
const GO121: AuthFacts = { goauth: false, netrcHostPort: true, windowsUnderscoreNetrc: false };
const GO124: AuthFacts = { goauth: true, netrcHostPort: true, windowsUnderscoreNetrc: true };
const GO125: AuthFacts = { ...GO124, goauthPathPrefixes: true };

const logins = (text: string) =>
  parseNetrc(text).map((l) => `${l.machine} ${l.login} ${l.password} @${l.line}`);

describe('parseNetrc (cmd/go/internal/auth/netrc.go, go 1.19–1.27)', () => {
  it('reads entries on one line or spread over several, in file order', () => {
    expect(
      logins('machine a.example login alice password p1\nmachine b.example\n  login bob\n\tpassword p2\n'),
    ).toEqual(['a.example alice p1 @1', 'b.example bob p2 @2']);
  });

  it('keeps an entry only once it has a machine, a login and a password', () => {
    expect(logins('machine a login alice\nmachine b password p\nmachine c login carol password p3')).toEqual([
      'c carol p3 @3',
    ]);
    expect(scanNetrc('machine a login alice\nmachine b password p\n').incomplete).toEqual([
      { machine: 'a', line: 1, missing: ['password'] },
      { machine: 'b', line: 2, missing: ['login'] },
    ]);
  });

  it('takes any order within an entry and ignores port and account', () => {
    expect(logins('machine h port 22 password p account x login l')).toEqual(['h l p @1']);
  });

  it('reads key/value pairs within a line: a key at the end of a line gets no value from the next', () => {
    expect(logins('machine h login\nalice password p')).toEqual([]);
    expect(logins('machine h login alice password\np')).toEqual([]);
  });

  it('has no comments: # is a token, and shifts the pairs after it', () => {
    expect(logins('# machine h login alice password p')).toEqual([]);
    expect(logins('#x machine h login alice password p x')).toEqual([]);
    expect(logins('machine h login alice password p # comment')).toEqual(['h alice p @1']);
  });

  it('skips a macdef body up to the first truly empty line', () => {
    const text = 'macdef init\nmachine h login inmacro password p\n\nmachine h login after password q\n';
    expect(logins(text)).toEqual(['h after q @4']);
    // A CRLF file has "\r" where the empty line is: the macro goes on.
    expect(logins(text.replaceAll('\n', '\r\n'))).toEqual([]);
  });

  it('still reads the rest of the line that starts a macro', () => {
    expect(logins('machine h login l macdef m password p\nbody\n')).toEqual(['h l p @1']);
  });

  it('stops at a line ending in a lone default token, and never uses default credentials', () => {
    expect(scanNetrc('machine a login x password y\ndefault\nmachine b login l password p')).toMatchObject({
      lines: [{ machine: 'a' }],
      defaultLine: 2,
      stoppedAt: 2,
    });
    // `default login x password y` is read as pairs (default,login) (x,password): it stops nothing.
    expect(scanNetrc('default login x password y\nmachine b login l password p')).toMatchObject({
      lines: [{ machine: 'b', line: 2 }],
      defaultLine: 1,
      stoppedAt: null,
    });
  });

  it('splits on any Unicode white space, as strings.Fields', () => {
    expect(logins('machine\u00a0h login\u2003l password p')).toEqual(['h l p @1']);
  });
});

describe('credentialFor: the entry go sends, per version', () => {
  const lines = parseNetrc(
    [
      'machine goproxy.corp.example login host-only password a',
      'machine goproxy.corp.example:8443 login with-port password b',
      'machine goproxy.corp.example login second password c',
    ].join('\n'),
  );
  const login = (url: string, facts: AuthFacts) => credentialFor(lines, url, facts)?.login ?? null;

  it('never shows the password, only that there is one', () => {
    expect(credentialFor(lines, 'https://goproxy.corp.example/', GO121)).toEqual({
      machine: 'goproxy.corp.example',
      login: 'host-only',
      hasPassword: true,
      line: 1,
    });
  });

  it('go 1.19 compares the host name only: the port is ignored, a host:port machine never matches', () => {
    expect(login('https://goproxy.corp.example:8443/x', GO119)).toBe('host-only');
    expect(
      credentialFor(parseNetrc('machine h:8443 login l password p'), 'https://h:8443/', GO119),
    ).toBeNull();
  });

  it('go 1.21+ needs host:port for a URL with a port, even the default one', () => {
    for (const facts of [GO121, GO124, GO125]) {
      expect(login('https://goproxy.corp.example:8443/x', facts)).toBe('with-port');
      expect(login('https://goproxy.corp.example/x', facts)).toBe('host-only');
      expect(login('https://goproxy.corp.example:443/x', facts)).toBeNull();
      expect(login('https://goproxy.corp.example:9000/x', facts)).toBeNull();
    }
  });

  it('sends credentials over https only', () => {
    for (const facts of [GO119, GO121, GO124])
      expect(login('http://goproxy.corp.example/x', facts)).toBeNull();
  });

  it('uses the first of several entries for the same machine', () => {
    expect(login('https://goproxy.corp.example/', GO119)).toBe('host-only');
    expect(login('https://goproxy.corp.example/', GO124)).toBe('host-only');
  });

  it('keeps brackets and port of an IPv6 host from 1.21, drops both in 1.19', () => {
    const v6 = parseNetrc('machine ::1 login bare password p\nmachine [::1]:8443 login full password q');
    expect(credentialFor(v6, 'https://[::1]:8443/', GO119)?.login).toBe('bare');
    expect(credentialFor(v6, 'https://[::1]:8443/', GO121)?.login).toBe('full');
  });

  it('matches despite user info in the URL before 1.24, but not from 1.24 (the URL user is sent)', () => {
    expect(login('https://u:pw@goproxy.corp.example:8443/x', GO119)).toBe('host-only');
    expect(login('https://u:pw@goproxy.corp.example:8443/x', GO121)).toBe('with-port');
    expect(login('https://u:pw@goproxy.corp.example:8443/x', GO124)).toBeNull();
  });

  it('from 1.24 drops a leading https:// of the machine, which earlier versions compare as is', () => {
    const prefixed = parseNetrc('machine https://h.example login l password p');
    expect(credentialFor(prefixed, 'https://h.example/m/@v/list', GO124)?.login).toBe('l');
    expect(credentialFor(prefixed, 'https://h.example/m/@v/list', GO121)).toBeNull();
  });

  it('matches a host/path machine for URLs under it from 1.25; 1.24 tries only the whole URL and the host', () => {
    const scoped = parseNetrc(
      'machine h.example/team/ login team password p\nmachine h.example login all password q',
    );
    expect(credentialFor(scoped, 'https://h.example/team/mod/@v/list', GO125)?.login).toBe('team');
    expect(credentialFor(scoped, 'https://h.example/team/mod/@v/list', GO124)?.login).toBe('all');
    expect(credentialFor(scoped, 'https://h.example/other/@v/list', GO125)?.login).toBe('all');
  });
});

describe('netrc lookups for diagnostics', () => {
  it('names the machine go compares, without user info', () => {
    expect(netrcMachineFor('https://u:p@h.example:8443/base', GO119)).toBe('h.example');
    expect(netrcMachineFor('https://u:p@h.example:8443/base', GO121)).toBe('h.example:8443');
    expect(netrcMachineFor('file:///srv/mirror', GO121)).toBeNull();
  });

  it('finds the entries for a host name with or without a port', () => {
    const lines = parseNetrc(
      'machine h.example login a password p\nmachine h.example:1 login b password q\nmachine x login c password r',
    );
    expect(netrcEntriesForHost(lines, 'h.example').map((e) => e.login)).toEqual(['a', 'b']);
  });
});
