import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fromWindowsOverride,
  mergeBlocks,
  parseBypassList,
  toEnvNoProxy,
  toGitNoProxyUrls,
  toGnomeIgnoreHosts,
  toKdeNoProxyFor,
  toMacBypassDomains,
  toWindowsOverride,
  type Translated,
} from '../../electron/services/netproxy/bypass';
import type { BypassRule } from '../../electron/services/netproxy/types';
import { useProxy, type ProxyConfig } from '../../shared/go/noproxy';

function rules(text: string): BypassRule[] {
  const parsed = parseBypassList(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rules;
}

describe('parseBypassList', () => {
  const good: [string, BypassRule][] = [
    ['*', { kind: 'all', text: '*' }],
    ['<local>', { kind: 'local', text: '<local>' }],
    ['<Local>', { kind: 'local', text: '<Local>' }],
    ['Example.COM', { kind: 'domain', text: 'Example.COM', domain: 'example.com', subdomainsOnly: false }],
    ['.example.com', { kind: 'domain', text: '.example.com', domain: 'example.com', subdomainsOnly: true }],
    ['*.example.com', { kind: 'domain', text: '*.example.com', domain: 'example.com', subdomainsOnly: true }],
    [
      'example.com:8080',
      { kind: 'domain', text: 'example.com:8080', domain: 'example.com', subdomainsOnly: false, port: 8080 },
    ],
    [
      '*.example.com:65535',
      {
        kind: 'domain',
        text: '*.example.com:65535',
        domain: 'example.com',
        subdomainsOnly: true,
        port: 65535,
      },
    ],
    ['my_host.corp', { kind: 'domain', text: 'my_host.corp', domain: 'my_host.corp', subdomainsOnly: false }],
    ['bücher.de', { kind: 'domain', text: 'bücher.de', domain: 'xn--bcher-kva.de', subdomainsOnly: false }],
    // Go's ParseIP refuses a leading zero (it could mean octal) and three-part addresses: host names.
    ['010.1.2.3', { kind: 'domain', text: '010.1.2.3', domain: '010.1.2.3', subdomainsOnly: false }],
    ['1.2.3', { kind: 'domain', text: '1.2.3', domain: '1.2.3', subdomainsOnly: false }],
    ['10.1.2.3', { kind: 'ip', text: '10.1.2.3', ip: '10.1.2.3' }],
    ['10.1.2.3:8080', { kind: 'ip', text: '10.1.2.3:8080', ip: '10.1.2.3', port: 8080 }],
    ['::1', { kind: 'ip', text: '::1', ip: '::1' }],
    ['FD00:0:0::1', { kind: 'ip', text: 'FD00:0:0::1', ip: 'fd00::1' }],
    ['[fd00::1]', { kind: 'ip', text: '[fd00::1]', ip: 'fd00::1' }],
    ['[fd00::1]:1', { kind: 'ip', text: '[fd00::1]:1', ip: 'fd00::1', port: 1 }],
    ['::ffff:10.1.2.3', { kind: 'ip', text: '::ffff:10.1.2.3', ip: '::ffff:a01:203' }],
    ['10.0.0.0/8', { kind: 'cidr', text: '10.0.0.0/8', ip: '10.0.0.0', prefix: 8 }],
    ['10.1.2.3/8', { kind: 'cidr', text: '10.1.2.3/8', ip: '10.0.0.0', prefix: 8 }],
    ['172.31.255.255/12', { kind: 'cidr', text: '172.31.255.255/12', ip: '172.16.0.0', prefix: 12 }],
    ['0.0.0.0/0', { kind: 'cidr', text: '0.0.0.0/0', ip: '0.0.0.0', prefix: 0 }],
    ['10.1.2.3/32', { kind: 'cidr', text: '10.1.2.3/32', ip: '10.1.2.3', prefix: 32 }],
    ['fd00::/8', { kind: 'cidr', text: 'fd00::/8', ip: 'fd00::', prefix: 8 }],
    ['fd12:3456:789a::1/20', { kind: 'cidr', text: 'fd12:3456:789a::1/20', ip: 'fd12:3000::', prefix: 20 }],
  ];
  it.each(good)('reads %j', (entry, rule) => {
    expect(parseBypassList(entry)).toEqual({ ok: true, rules: [rule] });
  });

  const bad: [string, string][] = [
    ['exa mple.com', '"exa mple.com": spaces are not allowed inside an entry; separate entries with commas'],
    ['a.com b.com', '"a.com b.com": spaces are not allowed inside an entry; separate entries with commas'],
    ['a.com\tb.com', '"a.com\\tb.com": control characters (newlines, tabs) are not allowed'],
    ['a.com\n', '"a.com\\n": control characters (newlines, tabs) are not allowed'],
    ['a\u0000b', '"a\\u0000b": control characters (newlines, tabs) are not allowed'],
    ['ex$ample.com', '"ex$ample.com": "$" is not allowed in a host name'],
    ['http://example.com', '"http://example.com": write the host name alone, not a URL'],
    [
      'example..com',
      '"example..com": empty label in the host name (a dot at either end, or two dots in a row)',
    ],
    [
      'example.com.',
      '"example.com.": empty label in the host name (a dot at either end, or two dots in a row)',
    ],
    [
      '..example.com',
      '"..example.com": empty label in the host name (a dot at either end, or two dots in a row)',
    ],
    ['example.com:0', '"example.com:0": port "0" is not a number from 1 to 65535'],
    ['example.com:65536', '"example.com:65536": port "65536" is not a number from 1 to 65535'],
    ['example.com:', '"example.com:": port "" is not a number from 1 to 65535'],
    ['example.com:http', '"example.com:http": port "http" is not a number from 1 to 65535'],
    ['[::1]:99999', '"[::1]:99999": port "99999" is not a number from 1 to 65535'],
    [':8080', '":8080": missing host name before the port'],
    ['10.0.0.0/33', '"10.0.0.0/33": prefix length "33" is not a number from 0 to 32'],
    ['fd00::/129', '"fd00::/129": prefix length "129" is not a number from 0 to 128'],
    ['10.0.0.0/', '"10.0.0.0/": prefix length "" is not a number from 0 to 32'],
    ['10.0.0.0/8/8', '"10.0.0.0/8/8": prefix length "8/8" is not a number from 0 to 32'],
    [
      '010.0.0.0/8',
      '"010.0.0.0/8": not a CIDR range: expected an IPv4 or IPv6 address (no brackets), "/" and a prefix length',
    ],
    [
      '[fd00::]/8',
      '"[fd00::]/8": not a CIDR range: expected an IPv4 or IPv6 address (no brackets), "/" and a prefix length',
    ],
    [
      'a*.example.com',
      '"a*.example.com": a wildcard is allowed only alone ("*") or as a leading "*." (*.example.com)',
    ],
    [
      '*example.com',
      '"*example.com": a wildcard is allowed only alone ("*") or as a leading "*." (*.example.com)',
    ],
    ['example.*', '"example.*": a wildcard is allowed only alone ("*") or as a leading "*." (*.example.com)'],
    [
      '*.*.example.com',
      '"*.*.example.com": a wildcard is allowed only alone ("*") or as a leading "*." (*.example.com)',
    ],
    ['*:8080', '"*:8080": a wildcard is allowed only alone ("*") or as a leading "*." (*.example.com)'],
    ['10.*', '"10.*": a wildcard is allowed only alone ("*") or as a leading "*." (*.example.com)'],
    ['*.10.0.0.1', '"*.10.0.0.1": "*." or a leading dot goes before a domain name, not an IP address'],
    ['.10.0.0.1', '".10.0.0.1": "*." or a leading dot goes before a domain name, not an IP address'],
    ['1::2::3', '"1::2::3": not a valid IPv6 address (write an IPv6 address with a port as [address]:port)'],
    [
      'fd00::1:8080x',
      '"fd00::1:8080x": not a valid IPv6 address (write an IPv6 address with a port as [address]:port)',
    ],
    [
      'fe80::1%eth0',
      '"fe80::1%eth0": not a valid IPv6 address (write an IPv6 address with a port as [address]:port)',
    ],
    ['[fd00::1', '"[fd00::1": expected an IPv6 address in brackets, optionally followed by ":port"'],
    [
      '[fd00::1]8080',
      '"[fd00::1]8080": expected an IPv6 address in brackets, optionally followed by ":port"',
    ],
    ['[example.com]:80', '"[example.com]:80": not a valid IPv6 address'],
    ['[10.1.2.3]', '"[10.1.2.3]": not a valid IPv6 address'],
    ['<local>:80', '"<local>:80": "<" is not allowed in a host name'],
  ];
  it.each(bad)('refuses %j', (entry, error) => {
    expect(parseBypassList(entry)).toEqual({ ok: false, error });
  });

  it("splits at ',' and ';', drops spaces around entries and skips empty ones, keeping each entry as written", () => {
    const parsed = parseBypassList(' a.example , B.example;c.example ;, ,;; *.d.example ');
    expect(parsed.ok && parsed.rules.map((r) => r.text)).toEqual([
      'a.example',
      'B.example',
      'c.example',
      '*.d.example',
    ]);
    expect(parseBypassList('')).toEqual({ ok: true, rules: [] });
    expect(parseBypassList(' ,; ')).toEqual({ ok: true, rules: [] });
  });

  it('reports the first bad entry of a list', () => {
    expect(parseBypassList('ok.example, bad entry, also$bad')).toEqual({
      ok: false,
      error: '"bad entry": spaces are not allowed inside an entry; separate entries with commas',
    });
    expect(parseBypassList('a.example,\nb.example')).toEqual({
      ok: false,
      error: '"\\nb.example": control characters (newlines, tabs) are not allowed',
    });
  });
});

// One list exercising every kind of rule, and what each target makes of it.
const MIXED =
  'example.com, .sub.test, *.wild.test, host.test:8443, 10.1.2.3, 192.0.2.7:443, fd00::1, [fd00::2]:8080, ' +
  '10.0.0.0/8, 172.16.0.0/12, 64.0.0.0/2, fd00:1::/32, <local>';

interface TranslatorCase<T> {
  list: string;
  want: Translated<T>;
}

describe('toEnvNoProxy', () => {
  const cases: TranslatorCase<string>[] = [
    { list: '', want: { value: '', warnings: [] } },
    {
      list: MIXED,
      want: {
        value:
          'example.com,.example.com,.sub.test,.wild.test,host.test:8443,.host.test:8443,10.1.2.3,192.0.2.7:443,' +
          'fd00::1,[fd00::1],[fd00::2]:8080,10.0.0.0/8,172.16.0.0/12,64.0.0.0/2,fd00:1::/32',
        warnings: [
          'curl and undici 7 also bypass sub.test itself for ".sub.test", which Go does not.',
          'curl and undici 7 also bypass wild.test itself for "*.wild.test", which Go does not.',
          'curl ignores NO_PROXY entries with a port, so it still uses the proxy for "host.test:8443".',
          'curl ignores NO_PROXY entries with a port, so it still uses the proxy for "192.0.2.7:443".',
          'curl ignores NO_PROXY entries with a port, so it still uses the proxy for "[fd00::2]:8080".',
          'undici and curl before 7.86 do not understand CIDR ranges, so they use the proxy for "10.0.0.0/8".',
          'undici and curl before 7.86 do not understand CIDR ranges, so they use the proxy for "172.16.0.0/12".',
          'undici and curl before 7.86 do not understand CIDR ranges, so they use the proxy for "64.0.0.0/2".',
          'undici does not understand CIDR ranges and curl matches IPv6 ranges unreliably (not at all in 7.88), so they may use the proxy for "fd00:1::/32".',
          'Go, curl and undici cannot bypass names without a dot, so "<local>" is left out of NO_PROXY.',
        ],
      },
    },
    // curl and undici honour "*" only as the whole value.
    { list: 'example.com, *, <local>', want: { value: '*', warnings: [] } },
    // A domain and its subdomains already include ".example.com": no duplicate entries.
    {
      list: 'Example.com, .example.com, example.com',
      want: {
        value: 'example.com,.example.com',
        warnings: ['curl and undici 7 also bypass example.com itself for ".example.com", which Go does not.'],
      },
    },
    { list: 'bücher.de', want: { value: 'xn--bcher-kva.de,.xn--bcher-kva.de', warnings: [] } },
  ];
  it.each(cases)('writes $list', ({ list, want }) => {
    expect(toEnvNoProxy(rules(list))).toEqual(want);
  });
});

describe('toWindowsOverride', () => {
  const cases: TranslatorCase<string>[] = [
    {
      list: MIXED,
      want: {
        value:
          'example.com;*.example.com;*.sub.test;*.wild.test;host.test;*.host.test;10.1.2.3;192.0.2.7;[fd00::1];' +
          '[fd00::2];10.*;172.16.*;172.17.*;172.18.*;172.19.*;172.20.*;172.21.*;172.22.*;172.23.*;172.24.*;' +
          '172.25.*;172.26.*;172.27.*;172.28.*;172.29.*;172.30.*;172.31.*;<local>',
        warnings: [
          'Windows bypass entries have no port, so "host.test:8443" bypasses the proxy for every port of host.test.',
          'Windows bypass entries have no port, so "192.0.2.7:443" bypasses the proxy for every port of 192.0.2.7.',
          'Windows bypass entries have no port, so "[fd00::2]:8080" bypasses the proxy for every port of fd00::2.',
          'Windows bypass lists express IPv4 ranges only as whole-octet wildcards (10.*), so the range "64.0.0.0/2" is left out.',
          'Windows bypass lists cannot express the IPv6 range "fd00:1::/32", so it is left out.',
        ],
      },
    },
    {
      list: '*, 192.168.1.0/24, 10.20.0.0/16, 10.1.2.3/32, 10.1.2.0/23, 224.0.0.0/4, 0.0.0.0/0, ::1/128',
      want: {
        value:
          '*;192.168.1.*;10.20.*;10.1.2.3;10.1.2.*;10.1.3.*;224.*;225.*;226.*;227.*;228.*;229.*;230.*;231.*;' +
          '232.*;233.*;234.*;235.*;236.*;237.*;238.*;239.*;[::1]',
        warnings: [
          'Windows bypass lists express IPv4 ranges only as whole-octet wildcards (10.*), so the range "0.0.0.0/0" is left out.',
        ],
      },
    },
  ];
  it.each(cases)('writes $list', ({ list, want }) => {
    expect(toWindowsOverride(rules(list))).toEqual(want);
  });
});

describe('toMacBypassDomains', () => {
  it('writes every kind of rule', () => {
    expect(toMacBypassDomains(rules(MIXED))).toEqual({
      value: [
        'example.com',
        '*.example.com',
        '*.sub.test',
        '*.wild.test',
        'host.test',
        '*.host.test',
        '10.1.2.3',
        '192.0.2.7',
        'fd00::1',
        'fd00::2',
        '10.0.0.0/8',
        '172.16.0.0/12',
        '64.0.0.0/2',
        'fd00:1::/32',
      ],
      warnings: [
        'macOS bypass entries have no port, so "host.test:8443" bypasses the proxy for every port of host.test.',
        'macOS bypass entries have no port, so "192.0.2.7:443" bypasses the proxy for every port of 192.0.2.7.',
        'macOS bypass entries have no port, so "[fd00::2]:8080" bypasses the proxy for every port of fd00::2.',
        'macOS keeps "<local>" as the separate "Exclude simple hostnames" option, which the bypass list cannot set, so it is left out.',
      ],
    });
  });

  it('writes "*" as is and nothing for an empty list', () => {
    expect(toMacBypassDomains(rules('*'))).toEqual({ value: ['*'], warnings: [] });
    expect(toMacBypassDomains([])).toEqual({ value: [], warnings: [] });
  });
});

describe('toGnomeIgnoreHosts', () => {
  it('writes every kind of rule', () => {
    expect(toGnomeIgnoreHosts(rules(MIXED))).toEqual({
      value: [
        'example.com',
        '*.sub.test',
        '*.wild.test',
        'host.test:8443',
        '10.1.2.3',
        '192.0.2.7:443',
        'fd00::1',
        '[fd00::2]:8080',
        '10.0.0.0/8',
        '172.16.0.0/12',
        '64.0.0.0/2',
        'fd00:1::/32',
      ],
      warnings: [
        'GNOME also bypasses sub.test itself for ".sub.test", which Go does not.',
        'GNOME also bypasses wild.test itself for "*.wild.test", which Go does not.',
        'GNOME matches "192.0.2.7:443" only when the URL names port 443 explicitly, unlike Go.',
        'GNOME cannot bypass names without a dot, so "<local>" is left out.',
      ],
    });
  });

  it('leaves out "*" with a warning, and warns about default ports on names', () => {
    expect(toGnomeIgnoreHosts(rules('*, .example.com:80'))).toEqual({
      value: ['*.example.com:80'],
      warnings: [
        'GNOME cannot bypass every host through ignore-hosts, so "*" is left out; set the proxy mode to none instead.',
        'GNOME also bypasses example.com itself for ".example.com:80", which Go does not.',
        'GNOME matches ".example.com:80" only when the URL names port 80 explicitly, unlike Go.',
      ],
    });
  });
});

describe('toKdeNoProxyFor', () => {
  it('writes every kind of rule', () => {
    expect(toKdeNoProxyFor(rules(MIXED))).toEqual({
      value:
        'example.com,.sub.test,.wild.test,host.test:8443,10.1.2.3,192.0.2.7:443,fd00::1,fd00::2,10.0.0.0/8,' +
        '172.16.0.0/12,64.0.0.0/2,fd00:1::/32,<local>',
      warnings: [
        'KDE matches plain suffixes, so "example.com" also bypasses names such as myexample.com.',
        'KDE matches plain suffixes, so "host.test:8443" also bypasses names such as myhost.test.',
        'KDE also bypasses host names whose address matches "10.1.2.3", which Go does not.',
        'KDE matches "192.0.2.7:443" only when the URL names port 443 explicitly, unlike Go.',
        'KDE also bypasses host names whose address matches "fd00::1", which Go does not.',
        'KDE also bypasses host names whose address matches "[fd00::2]:8080", which Go does not.',
        'KDE cannot match an IPv6 address with a port, so "[fd00::2]:8080" bypasses the proxy for every port of fd00::2.',
        'KDE also bypasses host names whose address matches "10.0.0.0/8", which Go does not.',
        'KDE also bypasses host names whose address matches "172.16.0.0/12", which Go does not.',
        'KDE also bypasses host names whose address matches "64.0.0.0/2", which Go does not.',
        'KDE also bypasses host names whose address matches "fd00:1::/32", which Go does not.',
      ],
    });
  });

  it('leaves out "*" with a warning', () => {
    expect(toKdeNoProxyFor(rules('*'))).toEqual({
      value: '',
      warnings: [
        'KDE cannot bypass every host through NoProxyFor, so "*" is left out; turn the proxy off instead.',
      ],
    });
  });
});

describe('toGitNoProxyUrls', () => {
  it('writes every kind of rule as https:// patterns', () => {
    expect(toGitNoProxyUrls(rules(MIXED))).toEqual({
      value: [
        'https://example.com',
        'https://*.example.com',
        'https://*.sub.test',
        'https://*.wild.test',
        'https://host.test:8443',
        'https://*.host.test:8443',
        'https://10.1.2.3',
        'https://192.0.2.7:443',
        'https://[fd00::1]',
        'https://[fd00::2]:8080',
        'https://10.*.*.*',
        ...Array.from({ length: 16 }, (_, i) => `https://172.${16 + i}.*.*`),
        'https://*',
      ],
      warnings: [
        'git matches one level of subdomains, so for "example.com" deeper names such as a.b.example.com still use the proxy.',
        'git matches one level of subdomains, so for ".sub.test" deeper names such as a.b.sub.test still use the proxy.',
        'git matches one level of subdomains, so for "*.wild.test" deeper names such as a.b.wild.test still use the proxy.',
        'git matches one level of subdomains, so for "host.test:8443" deeper names such as a.b.host.test still use the proxy.',
        'git URL patterns express IPv4 ranges only as whole-octet wildcards (10.*.*.*), so the range "64.0.0.0/2" is left out.',
        'git URL patterns cannot express the IPv6 range "fd00:1::/32", so it is left out.',
      ],
    });
  });

  it('leaves out "*" with a warning, and writes single addresses of ranges as addresses', () => {
    expect(toGitNoProxyUrls(rules('*, 10.9.8.7/32, 10.9.8.0/24, fd00::5/128'))).toEqual({
      value: ['https://10.9.8.7', 'https://10.9.8.*', 'https://[fd00::5]'],
      warnings: [
        'git cannot bypass every host with URL patterns, so "*" is left out; leave the git proxy unset instead.',
      ],
    });
  });
});

describe('fromWindowsOverride', () => {
  it('reads back what toWindowsOverride wrote, as the rules it came from', () => {
    const original = rules(
      'example.com, .sub.test, 10.1.2.3, fd00::1, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 192.0.2.0/24, <local>, *',
    );
    const back = fromWindowsOverride(toWindowsOverride(original).value);
    expect(back.map((r) => r.text)).toEqual([
      'example.com',
      '*.sub.test',
      '10.1.2.3',
      '[fd00::1]',
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '192.0.2.0/24',
      '<local>',
      '*',
    ]);
    // Same meaning: the read-back rules are written exactly as the originals.
    const some = (list: BypassRule[]) => list.filter((r) => r.kind !== 'all');
    expect(toWindowsOverride(back)).toEqual(toWindowsOverride(original));
    expect(toEnvNoProxy(some(back)).value).toBe(toEnvNoProxy(some(original)).value);
    expect(toGitNoProxyUrls(some(back)).value).toEqual(toGitNoProxyUrls(some(original)).value);
  });

  it('skips what it cannot read and joins wildcards that add up', () => {
    const back = fromWindowsOverride(
      ' <LOCAL>;*.Corp.Example; corp.example ;intranet;10.1.*;10.*;192.168.*.*;172.16.*;172.17.*;<-loopback>;' +
        '*intranet*;.bad.example;http://x.example;10.0.0.0/8;fd00::2;[fd00::3];host.example:8080;192.168.1.*;;' +
        '12.34.*.5;a.*;*.*,lone.example\t*.sub.example',
    );
    expect(back).toEqual([
      { kind: 'local', text: '<local>' },
      { kind: 'domain', text: 'corp.example', domain: 'corp.example', subdomainsOnly: false },
      { kind: 'domain', text: 'intranet', domain: 'intranet', subdomainsOnly: false },
      { kind: 'cidr', text: '10.0.0.0/8', ip: '10.0.0.0', prefix: 8 },
      { kind: 'cidr', text: '192.168.0.0/16', ip: '192.168.0.0', prefix: 16 },
      { kind: 'cidr', text: '172.16.0.0/15', ip: '172.16.0.0', prefix: 15 },
      { kind: 'ip', text: 'fd00::2', ip: 'fd00::2' },
      { kind: 'ip', text: '[fd00::3]', ip: 'fd00::3' },
      {
        kind: 'domain',
        text: 'host.example:8080',
        domain: 'host.example',
        subdomainsOnly: false,
        port: 8080,
      },
      { kind: 'domain', text: 'lone.example', domain: 'lone.example', subdomainsOnly: false },
      { kind: 'domain', text: '*.sub.example', domain: 'sub.example', subdomainsOnly: true },
    ]);
    // Every text is a valid entry that reads as the same rule.
    expect(rules(back.map((r) => r.text).join(','))).toEqual(back);
  });

  it('reads an empty value as no rules', () => {
    expect(fromWindowsOverride('')).toEqual([]);
    expect(fromWindowsOverride(' ; ')).toEqual([]);
  });
});

describe('the env list bypasses, under Go, the hosts the rules mean', () => {
  const config = (noProxy: string): ProxyConfig => ({
    httpProxy: 'http://proxy.invalid:3128',
    httpsProxy: 'http://proxy.invalid:3128',
    noProxy,
    cgi: false,
  });
  // A list in Go's own syntax, and for each canonical "host:port" whether Go goes direct.
  const list =
    'example.com,.sub.test,*.wild.test,host.test:8443,192.168.1.1,192.0.2.7:8080,[fd00::1]:8443,fd00::2,' +
    '10.0.0.0/8,172.16.0.0/12,fd00:1::/32,010.0.0.1';
  const direct: [string, boolean][] = [
    ['example.com:443', true],
    ['www.example.com:443', true],
    ['a.b.example.com:80', true],
    ['notexample.com:443', false],
    ['example.com.evil.test:443', false],
    ['sub.test:443', false],
    ['a.sub.test:443', true],
    ['wild.test:443', false],
    ['x.wild.test:443', true],
    ['host.test:8443', true],
    ['a.host.test:8443', true],
    ['host.test:443', false],
    ['192.168.1.1:443', true],
    ['192.168.1.2:443', false],
    ['192.0.2.7:8080', true],
    ['192.0.2.7:443', false],
    ['[fd00::1]:8443', true],
    ['[fd00::1]:443', false],
    ['[fd00::2]:443', true],
    ['[fd00:1::5]:443', true],
    ['[fd00:2::5]:443', false],
    ['10.9.9.9:443', true],
    ['11.0.0.1:443', false],
    ['172.20.1.1:80', true],
    ['172.32.0.1:80', false],
    ['010.0.0.1:443', true],
    ['intranet:80', false],
  ];
  const translated = toEnvNoProxy(rules(list)).value;

  it.each(direct)('%s: direct = %s', (addr, goesDirect) => {
    expect(useProxy(config(list), addr)).toBe(!goesDirect);
    expect(useProxy(config(translated), addr)).toBe(!goesDirect);
  });

  it('"*" bypasses everything; "<local>" cannot be written, so dotless names still use the proxy', () => {
    expect(useProxy(config(toEnvNoProxy(rules('*')).value), 'anything.example:443')).toBe(false);
    expect(useProxy(config(toEnvNoProxy(rules('<local>')).value), 'intranet:80')).toBe(true);
  });
});

// Real peers, when installed: the lists as curl and git read them.

const has = (cmd: string) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!has('curl'))('the env list as the real curl reads it', () => {
  const noProxy = toEnvNoProxy(
    rules('curl.test, .sub.curl.test, 127.1.0.0/16, 127.2.3.4, ::1, port.example:7'),
  ).value;
  /** Which port curl first connects to: 7 is the target (direct), 9 the proxy. */
  function firstPort(url: string): string | undefined {
    const host = /^http:\/\/([a-z.]+):/.exec(url)?.[1];
    const args = [
      '-sv',
      '--max-time',
      '3',
      '-o',
      '/dev/null',
      '-x',
      'http://127.0.0.1:9',
      '--noproxy',
      noProxy,
    ];
    if (host) args.push('--resolve', `${host}:7:127.0.0.1`);
    const run = spawnSync('curl', [...args, url], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    return /Trying \S+:(\d+)/.exec(run.stderr)?.[1];
  }
  const cases: [string, 'direct' | 'proxy'][] = [
    ['http://curl.test:7/', 'direct'],
    ['http://a.curl.test:7/', 'direct'],
    ['http://notcurl.test:7/', 'proxy'],
    ['http://a.sub.curl.test:7/', 'direct'],
    // curl's own reading, warned about: ".sub.curl.test" covers sub.curl.test itself.
    ['http://sub.curl.test:7/', 'direct'],
    ['http://127.1.9.9:7/', 'direct'],
    ['http://127.2.3.4:7/', 'direct'],
    ['http://127.2.3.5:7/', 'proxy'],
    ['http://[::1]:7/', 'direct'],
    // Warned about: curl ignores entries with a port.
    ['http://port.example:7/', 'proxy'],
  ];
  it.each(cases)('%s goes %s', (url, way) => {
    expect(firstPort(url)).toBe(way === 'direct' ? '7' : '9');
  });
});

describe.skipIf(!has('git'))('the git URL patterns as the real git matches them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bypass-git-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'config');
  const env = { PATH: process.env.PATH ?? '', HOME: dir, GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) =>
    spawnSync('git', ['config', '--file', file, ...args], { encoding: 'utf8', env });
  beforeAll(() => {
    git('http.proxy', 'http://proxy.invalid:3128');
    const list = 'example.com, .sub.test, 172.16.0.0/12, 10.1.2.3:8443, fd00::1, <local>';
    for (const url of toGitNoProxyUrls(rules(list)).value) git(`http.${url}.proxy`, '');
  });
  const cases: [string, 'direct' | 'proxy'][] = [
    ['https://example.com/mod', 'direct'],
    ['https://www.example.com/mod', 'direct'],
    ['https://example.com:443/mod', 'direct'],
    ['https://notexample.com/mod', 'proxy'],
    // Warned about: one level of subdomains only.
    ['https://a.b.example.com/mod', 'proxy'],
    // Documented: https patterns only, default port only.
    ['http://example.com/mod', 'proxy'],
    ['https://example.com:8443/mod', 'proxy'],
    ['https://sub.test/mod', 'proxy'],
    ['https://a.sub.test/mod', 'direct'],
    ['https://172.20.0.1/mod', 'direct'],
    ['https://172.32.0.1/mod', 'proxy'],
    ['https://10.1.2.3:8443/mod', 'direct'],
    ['https://10.1.2.3/mod', 'proxy'],
    ['https://[fd00::1]/mod', 'direct'],
    ['https://intranet/mod', 'direct'],
    ['https://intranet.example/mod', 'proxy'],
  ];
  it.each(cases)('%s goes %s', (url, way) => {
    const run = git('--get-urlmatch', 'http.proxy', url);
    expect(run.stdout.trim()).toBe(way === 'direct' ? '' : 'http://proxy.invalid:3128');
  });
});

describe('mergeBlocks (IPv4 blocks of a bypass list)', () => {
  type Block = { at: number; base: number; prefix: number };
  /** The pairwise search it replaced, as the oracle: right, but cubic. */
  function pairwise(input: Block[]): Block[] {
    const size = (prefix: number) => 2 ** (32 - prefix);
    const inside = (a: Block, b: Block) =>
      b.prefix <= a.prefix && Math.floor(a.base / size(b.prefix)) === Math.floor(b.base / size(b.prefix));
    let blocks = input;
    for (let changed = true; changed;) {
      changed = false;
      const all = blocks;
      blocks = all
        .filter((a, i) => !all.some((b, j) => j !== i && inside(a, b) && (b.prefix < a.prefix || j < i)))
        .map((b) => ({ ...b, at: all.reduce((at, a) => (inside(a, b) ? Math.min(at, a.at) : at), b.at) }));
      for (let i = 0; i < blocks.length && !changed; i++) {
        const a = blocks[i]!;
        if (a.prefix === 0) continue;
        const j = blocks.findIndex(
          (b, k) =>
            k !== i &&
            b.prefix === a.prefix &&
            b.base !== a.base &&
            inside(b, { at: 0, base: a.base, prefix: a.prefix - 1 }),
        );
        if (j === -1) continue;
        const b = blocks[j]!;
        const merged = { at: Math.min(a.at, b.at), base: Math.min(a.base, b.base), prefix: a.prefix - 1 };
        blocks = [...blocks.filter((_, k) => k !== i && k !== j), merged];
        changed = true;
      }
    }
    return blocks;
  }
  const byAt = (blocks: Block[]) => blocks.slice().sort((a, b) => a.at - b.at);
  // Blocks near each other (and past 2^31, where 32-bit integer arithmetic goes wrong), as wildcards give.
  const block = fc
    .tuple(
      fc.constantFrom(0x0a000000, 0xc0a80000, 0xfffffc00),
      fc.integer({ min: 0, max: 1023 }),
      fc.constantFrom(8, 16, 22, 23, 24, 30, 31, 32),
    )
    .map(([net, offset, prefix]) => {
      const size = 2 ** (32 - prefix);
      return { base: Math.floor((net + offset) / size) * size, prefix };
    });

  it('gives what the pairwise search gave, each block at the earliest place it covers', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 40 }), (blocks) => {
        const input = blocks.map((b, at) => ({ ...b, at }));
        expect(byAt(mergeBlocks(input))).toEqual(byAt(pairwise(input)));
      }),
      { numRuns: 500 },
    );
  });

  it('merges 100,000 blocks in bounded time (the pairwise search took 100 s for 1,000)', () => {
    const input = Array.from({ length: 100_000 }, (_, at) => ({
      at,
      base: 0x0a000000 + at * 256,
      prefix: 24,
    }));
    const started = Date.now();
    // 100,000 = 65,536 + 32,768 + 1,024 + 512 + 128 + 32 aligned /24s: six blocks.
    expect(mergeBlocks(input)).toHaveLength(6);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
