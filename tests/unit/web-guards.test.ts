import { describe, expect, it } from 'vitest';
import {
  cookieValue,
  isJsonContentType,
  isLoopback,
  isOwnHost,
  isSameOrigin,
  parseHostHeader,
} from '../../electron/web/guards';
import { browserCommand } from '../../electron/web/open-browser';

describe('browser mode: Host header (DNS rebinding)', () => {
  const loopback = { address: '127.0.0.1', port: 4321 };

  it('accepts only its own address or localhost, with its port', () => {
    expect(isOwnHost('127.0.0.1:4321', loopback)).toBe(true);
    expect(isOwnHost('localhost:4321', loopback)).toBe(true);
    expect(isOwnHost('LOCALHOST:4321', loopback)).toBe(true);
    for (const refused of [
      undefined,
      '',
      '127.0.0.1',
      '127.0.0.1:80',
      '127.0.0.1:04321x',
      '127.0.0.2:4321',
      'evil.example:4321',
      'localtest.me:4321',
      '127.0.0.1.nip.io:4321',
      'localhost.:4321',
      '[::1]:4321',
      '127.0.0.1:4321:4321',
      '127.0.0.1:99999',
    ]) {
      expect(isOwnHost(refused, loopback), String(refused)).toBe(false);
    }
  });

  it('reads IPv6 literals in brackets', () => {
    expect(parseHostHeader('[::1]:8080')).toEqual({ name: '::1', port: 8080 });
    expect(parseHostHeader('[::1]')).toEqual({ name: '::1', port: 80 });
    expect(parseHostHeader('[evil.example]:80')).toBeNull();
    expect(parseHostHeader('[::1]x')).toBeNull();
    expect(isOwnHost('[::1]:4321', { address: '::1', port: 4321 })).toBe(true);
    expect(isOwnHost('localhost:4321', { address: '::1', port: 4321 })).toBe(true);
  });

  it('on every address (--host 0.0.0.0) takes any IP literal, never a name but localhost', () => {
    const all = { address: '0.0.0.0', port: 4321 };
    expect(isOwnHost('192.168.1.20:4321', all)).toBe(true);
    expect(isOwnHost('localhost:4321', all)).toBe(true);
    expect(isOwnHost('dev-box.corp.example:4321', all)).toBe(false);
    expect(isOwnHost('192.168.1.20:4322', all)).toBe(false);
    // On one named address, only that one.
    const lan = { address: '192.168.1.20', port: 4321 };
    expect(isOwnHost('192.168.1.20:4321', lan)).toBe(true);
    expect(isOwnHost('localhost:4321', lan)).toBe(false);
    expect(isOwnHost('127.0.0.1:4321', lan)).toBe(false);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.2', '::', '128.0.0.1', 'localhost'].some(isLoopback)).toBe(false);
  });
});

describe('browser mode: cross-site requests', () => {
  const host = '127.0.0.1:4321';

  it('wants an Origin equal to http://<Host>, and same-origin when the browser says where it came from', () => {
    expect(isSameOrigin({ host, origin: 'http://127.0.0.1:4321' })).toBe(true);
    expect(isSameOrigin({ host, origin: 'http://127.0.0.1:4321', 'sec-fetch-site': 'same-origin' })).toBe(
      true,
    );
    expect(isSameOrigin({ host, origin: 'http://127.0.0.1:4321', 'sec-fetch-site': 'same-site' })).toBe(
      false,
    );
    expect(isSameOrigin({ host, origin: 'http://127.0.0.1:4321', 'sec-fetch-site': 'cross-site' })).toBe(
      false,
    );
    expect(isSameOrigin({ host, origin: 'http://127.0.0.1:4321', 'sec-fetch-site': ['same-origin'] })).toBe(
      false,
    );
    for (const origin of [
      undefined,
      'null',
      'https://127.0.0.1:4321',
      'http://127.0.0.1:4322',
      'http://localhost:4321',
      'http://127.0.0.1:4321/',
      'http://evil.example',
    ]) {
      expect(isSameOrigin({ host, origin }), String(origin)).toBe(false);
    }
  });

  it('takes JSON only as application/json', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    for (const type of [
      undefined,
      '',
      'text/plain',
      'text/plain; application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/json-patch+json',
    ]) {
      expect(isJsonContentType(type), String(type)).toBe(false);
    }
  });

  it('reads one cookie by its exact name', () => {
    expect(cookieValue('a=1; goproxy-desk-4321=abc; b=2', 'goproxy-desk-4321')).toBe('abc');
    expect(cookieValue('goproxy-desk-43210=abc', 'goproxy-desk-4321')).toBeUndefined();
    expect(cookieValue('xgoproxy-desk-4321=abc', 'goproxy-desk-4321')).toBeUndefined();
    expect(cookieValue('goproxy-desk-4321=first; goproxy-desk-4321=second', 'goproxy-desk-4321')).toBe(
      'first',
    );
    expect(cookieValue(undefined, 'goproxy-desk-4321')).toBeUndefined();
    expect(cookieValue(`goproxy-desk-4321=${'a'.repeat(9000)}`, 'goproxy-desk-4321')).toBeUndefined();
  });
});

describe('browser mode: opening the browser', () => {
  const url = 'http://127.0.0.1:4321/?token=abc&x=^1';

  it('runs an argv, never a shell string, per OS', () => {
    expect(browserCommand('darwin', {}, url)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand('win32', {}, url)).toEqual({
      command: 'rundll32.exe',
      args: ['url.dll,FileProtocolHandler', url],
    });
    expect(browserCommand('linux', { DISPLAY: ':0' }, url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand('linux', { WAYLAND_DISPLAY: 'wayland-0' }, url)).toEqual({
      command: 'xdg-open',
      args: [url],
    });
  });

  it('does not try on a machine without a desktop (SSH, containers)', () => {
    expect(browserCommand('linux', { SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 22' }, url)).toBeNull();
    expect(browserCommand('freebsd', {}, url)).toBeNull();
  });
});
