import { describe, expect, it } from 'vitest';
import { parseGoProxy, type ProxyEntry } from '../../shared/go/goproxy';
import { createI18n } from '../../shared/i18n';
import { uiMessages } from '../../renderer/messages';
import {
  insertMirror,
  semicolonEntries,
  unreadEntries,
  withCommas,
} from '../../renderer/pages/Mirrors/chainEdit';
import { describeChain } from '../../renderer/pages/Mirrors/chainWords';
import { checkMirrorUrl } from '../../renderer/pages/Mirrors/addMirror';
import type { MirrorEntry } from '../../shared/contract';

const en = createI18n('en', uiMessages).t;
const zh = createI18n('zh-CN', uiMessages).t;

function entries(value: string): ProxyEntry[] {
  const parsed = parseGoProxy(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('describeChain', () => {
  it('says which failure moves go on: any error after |, only not-found after ,', () => {
    expect(describeChain(entries('goproxy.cn|goproxy.io,direct'), en)).toBe(
      'goproxy.cn, then goproxy.io on any error, then direct (the version control server) only if not found (404/410)',
    );
  });

  it('says go stops when the last entry is a mirror, and keeps http and paths whole', () => {
    expect(describeChain(entries('http://10.0.0.1:3000/go/'), en)).toBe(
      'http://10.0.0.1:3000/go/, and if that fails, go stops with the error',
    );
    expect(describeChain(entries('https://goproxy.cn/sub/,off'), en)).toBe(
      'goproxy.cn/sub, then off (downloads refused) only if not found (404/410)',
    );
  });

  it('speaks Chinese with Chinese punctuation', () => {
    expect(describeChain(entries('goproxy.cn|direct'), zh)).toBe(
      'goproxy.cn，出现任何错误时转到 direct（直连版本控制服务器）',
    );
  });
});

describe('insertMirror', () => {
  it('puts a mirror before direct or off, keeping the separators already there', () => {
    expect(insertMirror('https://goproxy.cn|direct', 'https://goproxy.io')).toBe(
      'https://goproxy.cn|https://goproxy.io,direct',
    );
    expect(insertMirror('https://a.example,off', 'https://b.example')).toBe(
      'https://a.example,https://b.example,off',
    );
  });

  it('appends when there is no end, starts a chain from nothing, and never repeats a mirror', () => {
    expect(insertMirror('https://a.example|', 'https://b.example')).toBe(
      'https://a.example|https://b.example',
    );
    expect(insertMirror('  ', 'https://b.example')).toBe('https://b.example,direct');
    expect(insertMirror('goproxy.cn/,direct', 'https://goproxy.cn')).toBe('goproxy.cn/,direct');
  });
});

describe('what go silently misreads', () => {
  it('finds entries after direct/off that go never reads', () => {
    expect(unreadEntries('https://a.example,direct, https://b.example|off')).toEqual([
      'https://b.example',
      'off',
    ]);
    expect(unreadEntries('https://a.example,direct')).toEqual([]);
  });

  it('finds ";" inside an accepted entry and offers commas instead', () => {
    expect(semicolonEntries(entries('https://goproxy.cn;direct'))).toEqual(['https://goproxy.cn;direct']);
    expect(semicolonEntries(entries('https://goproxy.cn,direct'))).toEqual([]);
    expect(withCommas('https://goproxy.cn;direct')).toBe('https://goproxy.cn,direct');
  });
});

describe('checkMirrorUrl', () => {
  const listed: MirrorEntry[] = [
    {
      id: 'goproxy.cn',
      name: 'Goproxy.cn',
      url: 'https://goproxy.cn',
      region: 'cn',
      notes: '',
      custom: false,
    },
  ];

  it('accepts what go accepts as one http(s) mirror, https:// added to a bare host', () => {
    expect(checkMirrorUrl(' goproxy.example.com/go/ ', listed)).toEqual({
      ok: true,
      url: 'https://goproxy.example.com/go',
    });
  });

  it('refuses empty, unusable, non-http and already listed URLs with a reason', () => {
    expect(checkMirrorUrl('', listed)).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkMirrorUrl('ftp://x', listed)).toEqual({
      ok: false,
      reason: 'invalid',
      detail: 'invalid proxy URL scheme (must be https, http, file): ftp://x',
    });
    expect(checkMirrorUrl('file:///srv/mirror', listed)).toMatchObject({ ok: false, reason: 'notHttp' });
    expect(checkMirrorUrl('https://a.example,direct', listed)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(checkMirrorUrl('https://GOPROXY.cn/', listed)).toEqual({
      ok: false,
      reason: 'duplicate',
      detail: 'Goproxy.cn',
    });
  });
});
