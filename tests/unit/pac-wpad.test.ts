import { describe, expect, it } from 'vitest';
import { readSearchDomains, wpadCandidates } from '../../electron/services/pac';

describe('wpadCandidates', () => {
  it('walks up to two labels, most specific first', () => {
    expect(wpadCandidates(['a.b.corp.example'])).toEqual([
      'http://wpad.a.b.corp.example/wpad.dat',
      'http://wpad.b.corp.example/wpad.dat',
      'http://wpad.corp.example/wpad.dat',
    ]);
  });

  it('never reaches a top-level domain or a single label', () => {
    expect(wpadCandidates(['example.com', 'corp', 'com'])).toEqual(['http://wpad.example.com/wpad.dat']);
  });

  it('stops above a country registry suffix such as co.uk', () => {
    expect(wpadCandidates(['eng.example.co.uk'])).toEqual([
      'http://wpad.eng.example.co.uk/wpad.dat',
      'http://wpad.example.co.uk/wpad.dat',
    ]);
  });

  it('lowercases, drops a trailing dot, duplicates and invalid names', () => {
    expect(
      wpadCandidates(['B.Corp.Example.', 'corp.example', 'bad..name.example', 'sp ace.example', '']),
    ).toEqual(['http://wpad.b.corp.example/wpad.dat', 'http://wpad.corp.example/wpad.dat']);
  });
});

describe('readSearchDomains', () => {
  it('reads the search line', () => {
    expect(
      readSearchDomains(
        '# generated\nnameserver 10.0.0.53\nsearch eng.corp.example corp.example.\noptions ndots:2\n',
      ),
    ).toEqual(['eng.corp.example', 'corp.example']);
  });

  it('lets the last of search and domain win, as resolv.conf(5) says', () => {
    expect(readSearchDomains('search a.example b.example\ndomain c.example\n')).toEqual(['c.example']);
    expect(readSearchDomains('domain c.example\nsearch a.example\n')).toEqual(['a.example']);
  });

  it('ignores comments, the root domain and a file without either line', () => {
    expect(readSearchDomains('search corp.example . # office\r\n; search x.example\n')).toEqual([
      'corp.example',
    ]);
    expect(readSearchDomains('nameserver 1.1.1.1\n')).toEqual([]);
  });
});
