import { X509Certificate } from 'node:crypto';
import tls, { type SecureContext } from 'node:tls';
import type { Host } from '../host';

/**
 * The certificate authorities go trusts, so that a mirror behind TLS interception fails (or passes)
 * here as it would for go. On Linux and other Unix systems go reads the first bundle file it finds
 * (SSL_CERT_FILE replaces the list) and every file in the certificate directories (SSL_CERT_DIR, ':'
 * separated, replaces those): crypto/x509 root_linux.go and root_unix.go. Node's own bundled roots
 * ignore all of that, so the same files are read here. On macOS and Windows go asks the system's
 * verifier; Node can read the system store from 22.15 on (Electron's main process), and with older
 * Node (the CLI on Node 20) its bundled Mozilla roots are the closest available.
 */

const CERT_FILES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];
const CERT_DIRECTORIES = ['/etc/ssl/certs', '/etc/pki/tls/certs', '/system/etc/security/cacerts'];

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

type CaReader = (scope: 'system' | 'bundled') => string[];

/** The secure context every TLS handshake of one probe run uses; undefined means Node's defaults. */
export async function loadTrust(host: Host): Promise<SecureContext | undefined> {
  if (host.platform === 'darwin' || host.platform === 'win32') {
    const getCACertificates = (tls as unknown as { getCACertificates?: CaReader }).getCACertificates;
    const system = getCACertificates?.('system') ?? [];
    return system.length > 0 ? tls.createSecureContext({ ca: system }) : undefined;
  }
  return tls.createSecureContext({ ca: await unixRoots(host) });
}

async function unixRoots(host: Host): Promise<string[]> {
  const found = new Set<string>();
  const add = (text: string | null): void => {
    for (const pem of text?.match(PEM_CERTIFICATE) ?? []) if (parses(pem)) found.add(pem);
  };
  const files = host.env.SSL_CERT_FILE ? [host.env.SSL_CERT_FILE] : CERT_FILES;
  for (const file of files) {
    const text = await readQuietly(host, file);
    if (text !== null) {
      add(text);
      break;
    }
  }
  const dirs = host.env.SSL_CERT_DIR ? host.env.SSL_CERT_DIR.split(':') : CERT_DIRECTORIES;
  for (const dir of dirs) {
    const names = await host.listDir(dir).catch(() => null);
    for (const name of names ?? []) add(await readQuietly(host, `${dir}/${name}`));
  }
  return [...found];
}

/** Like go's AppendCertsFromPEM, a block that is not a certificate is skipped (OpenSSL would refuse all). */
function parses(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/** Like go, a file that cannot be read (missing, a directory, no permission) is skipped. */
async function readQuietly(host: Host, file: string): Promise<string | null> {
  try {
    return await host.readText(file);
  } catch {
    return null;
  }
}
