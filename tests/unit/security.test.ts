import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isTrustedRendererUrl } from '../../electron/security';

describe('isTrustedRendererUrl', () => {
  const built = 'file:///opt/GoProxy%20Desk/resources/app.asar/out/renderer/index.html';

  it('trusts our built page, with or without a hash', () => {
    expect(isTrustedRendererUrl(built, built)).toBe(true);
    expect(isTrustedRendererUrl(`${built}#/mirrors`, built)).toBe(true);
  });

  it('refuses other files, other schemes and garbage', () => {
    expect(isTrustedRendererUrl('file:///tmp/evil.html', built)).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/index.html', built)).toBe(false);
    expect(isTrustedRendererUrl('', built)).toBe(false);
    expect(isTrustedRendererUrl('not a url', built)).toBe(false);
  });

  it('compares origins for the dev server', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it('opens https documentation hosts only', () => {
    expect(isAllowedExternalUrl('https://go.dev/dl/')).toBe(true);
    expect(isAllowedExternalUrl('https://golang.google.cn/dl/')).toBe(true);
    expect(isAllowedExternalUrl('http://go.dev/dl/')).toBe(false);
    expect(isAllowedExternalUrl('https://go.dev.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@go.dev/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });
});
