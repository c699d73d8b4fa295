import { describe, expect, it } from 'vitest';
import { parsePacResult, parsePacResultDetailed } from '../../electron/services/pac';

describe('parsePacResult', () => {
  it('reads a failover list in order', () => {
    expect(parsePacResult('PROXY a.corp:1; PROXY b.corp:2; DIRECT')).toEqual([
      { kind: 'PROXY', host: 'a.corp', port: 1 },
      { kind: 'PROXY', host: 'b.corp', port: 2 },
      { kind: 'DIRECT' },
    ]);
  });

  it('takes keywords in any case and tolerates whitespace and a trailing separator', () => {
    expect(parsePacResult('  socks5\tS.corp:1080 ;;https  h:443;direct ;')).toEqual([
      { kind: 'SOCKS5', host: 'S.corp', port: 1080 },
      { kind: 'HTTPS', host: 'h', port: 443 },
      { kind: 'DIRECT' },
    ]);
  });

  it('reads SOCKS, SOCKS4, bracketed IPv6 and default ports', () => {
    expect(
      parsePacResult(
        'SOCKS s:1; SOCKS4 10.0.0.1:2; PROXY [2001:db8::1]:3128; PROXY p; HTTPS h; SOCKS5 [::1]',
      ),
    ).toEqual([
      { kind: 'SOCKS', host: 's', port: 1 },
      { kind: 'SOCKS4', host: '10.0.0.1', port: 2 },
      { kind: 'PROXY', host: '2001:db8::1', port: 3128 },
      { kind: 'PROXY', host: 'p', port: 80 },
      { kind: 'HTTPS', host: 'h', port: 443 },
      { kind: 'SOCKS5', host: '::1', port: 1080 },
    ]);
  });

  it('skips what it does not understand, and says which', () => {
    expect(
      parsePacResultDetailed(
        'PROXY a:0; PROXY a:65536; PROXY a:x; QUIC q:443; DIRECT now; PROXY; PROXY a b:1; PROXY bad_host!:1; PROXY [::1:80; PROXY ok:8080',
      ),
    ).toEqual({
      routes: [{ kind: 'PROXY', host: 'ok', port: 8080 }],
      skipped: [
        'PROXY a:0',
        'PROXY a:65536',
        'PROXY a:x',
        'QUIC q:443',
        'DIRECT now',
        'PROXY',
        'PROXY a b:1',
        'PROXY bad_host!:1',
        'PROXY [::1:80',
      ],
    });
  });

  it('reads an empty result as no route', () => {
    expect(parsePacResult('')).toEqual([]);
    expect(parsePacResult(' ; ')).toEqual([]);
  });
});
