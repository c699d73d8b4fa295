import { describe, expect, it } from 'vitest';
import { chainWithMirror, normalizeMirrorUrl } from '../../shared/go/chain';

const use = (current: string, url: string, fallback?: string) => {
  const r = chainWithMirror(current, url, fallback);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('chainWithMirror (what `use` writes)', () => {
  it('turns the default or a single-mirror chain into <url>,direct', () => {
    expect(use('https://proxy.golang.org,direct', 'https://goproxy.cn')).toBe('https://goproxy.cn,direct');
    expect(use('https://goproxy.io', 'https://goproxy.cn')).toBe('https://goproxy.cn,direct');
    expect(use('off', 'https://goproxy.cn')).toBe('https://goproxy.cn,direct');
    expect(use('direct', 'https://goproxy.cn')).toBe('https://goproxy.cn,direct');
  });

  it('keeps the shape of a multi-mirror chain: other mirrors, separators and the end', () => {
    expect(use('https://goproxy.cn|https://goproxy.io,direct', 'https://mirrors.aliyun.com/goproxy')).toBe(
      'https://mirrors.aliyun.com/goproxy|https://goproxy.io,direct',
    );
    expect(use('https://a.example,https://b.example|https://c.example,off', 'https://c.example')).toBe(
      'https://c.example,https://b.example|https://a.example,off',
    );
  });

  it('builds <url>|<fallback>,direct when a second mirror is chosen', () => {
    expect(use('https://proxy.golang.org,direct', 'https://goproxy.cn', 'https://goproxy.io')).toBe(
      'https://goproxy.cn|https://goproxy.io,direct',
    );
    expect(chainWithMirror('', 'https://goproxy.cn', 'https://goproxy.cn/')).toMatchObject({ ok: false });
  });
});

describe('normalizeMirrorUrl', () => {
  it('accepts what go accepts as one mirror, normalised', () => {
    expect(normalizeMirrorUrl('goproxy.cn')).toEqual({ ok: true, value: 'https://goproxy.cn' });
    expect(normalizeMirrorUrl(' https://mirrors.aliyun.com/goproxy/ ')).toEqual({
      ok: true,
      value: 'https://mirrors.aliyun.com/goproxy',
    });
    expect(normalizeMirrorUrl('file:///srv/goproxy')).toEqual({ ok: true, value: 'file:///srv/goproxy' });
  });

  it('refuses lists, keywords and what go refuses, with go’s message', () => {
    expect(normalizeMirrorUrl('https://a.example,direct')).toMatchObject({ ok: false });
    expect(normalizeMirrorUrl('direct')).toMatchObject({ ok: false });
    expect(normalizeMirrorUrl('ftp://x')).toEqual({
      ok: false,
      error: 'invalid proxy URL scheme (must be https, http, file): ftp://x',
    });
  });
});
