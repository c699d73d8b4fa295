import { isIP } from 'node:net';

/**
 * The checks the browser-mode server makes on every request, as pure functions. The server is meant
 * for a hostile local network and hostile web pages: a page on another site can make the user's browser
 * send requests to 127.0.0.1 (cross-site requests), and a name it controls can resolve to 127.0.0.1
 * (DNS rebinding), so neither the address nor the browser's same-origin policy is a guard by itself.
 */

/** Where the server listens: an IP literal (or 'localhost', read as 127.0.0.1) and its port. */
export interface Listening {
  address: string;
  port: number;
}

/** Loopback addresses: 127.0.0.0/8 and ::1 (and IPv4-mapped loopback). */
export function isLoopback(address: string): boolean {
  const bare = address.toLowerCase().replace(/^::ffff:/, '');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}

/** 0.0.0.0 or :: — every address of the machine. */
export function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '0:0:0:0:0:0:0:0';
}

/** The address as it appears in a URL's host (IPv6 in brackets). */
export function urlHost(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}

/** Splits a Host header into name and port ('[::1]:8080' → ['::1', 8080]); null when malformed. */
export function parseHostHeader(value: string): { name: string; port: number } | null {
  if (value.length === 0 || value.length > 300) return null;
  let name: string;
  let portText: string | undefined;
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return null;
    name = value.slice(1, end);
    const rest = value.slice(end + 1);
    if (rest !== '' && !rest.startsWith(':')) return null;
    portText = rest === '' ? undefined : rest.slice(1);
    if (isIP(name) !== 6) return null;
  } else {
    const colon = value.indexOf(':');
    if (colon !== value.lastIndexOf(':')) return null;
    name = colon < 0 ? value : value.slice(0, colon);
    portText = colon < 0 ? undefined : value.slice(colon + 1);
  }
  let port = 80;
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText)) return null;
    port = Number(portText);
    if (port > 65535) return null;
  }
  if (name === '') return null;
  return { name: name.toLowerCase(), port };
}

/**
 * Whether a Host header names this server: its own address or `localhost`, with its port. A name in
 * the Host header is what DNS rebinding needs, so no other name passes; an IP literal cannot be
 * rebound, so a server listening on every address (`--host 0.0.0.0`) accepts any literal with its port.
 */
export function isOwnHost(header: string | undefined, listening: Listening): boolean {
  if (header === undefined) return false;
  const host = parseHostHeader(header);
  if (host === null || host.port !== listening.port) return false;
  if (host.name === 'localhost') return isLoopback(listening.address) || isWildcard(listening.address);
  if (isIP(host.name) === 0) return false;
  if (isWildcard(listening.address)) return true;
  const plain = (x: string) => x.toLowerCase().replace(/^::ffff:/, '');
  return plain(host.name) === plain(listening.address);
}

/**
 * Whether a state-changing request comes from our own page: its Origin must be exactly
 * http://<the Host it was sent to>, and when the browser says where it came from (Sec-Fetch-Site),
 * that must be 'same-origin'. A request without an Origin is refused: every browser sends one on POST.
 */
export function isSameOrigin(headers: {
  origin?: string | undefined;
  host?: string | undefined;
  'sec-fetch-site'?: string | string[] | undefined;
}): boolean {
  if (headers.origin === undefined || headers.host === undefined) return false;
  if (headers.origin.toLowerCase() !== `http://${headers.host.toLowerCase()}`) return false;
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}

/** Whether a Content-Type header is application/json (parameters such as charset=utf-8 allowed). */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const media = value.split(';', 1)[0]!.trim().toLowerCase();
  return media === 'application/json';
}

/** The value of one cookie in a Cookie header, or undefined. Only the first of duplicates counts. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
