import { MIRRORS } from '../../../shared/mirrors';

/**
 * What a host name says about who can reach it, for the leak and integrity rules. Offline by design:
 * deciding whether a module is private must never send its path anywhere, so this is a judgement
 * from the name alone (and from the user's own git remotes, see rules-integrity.ts).
 */

/** Public code hosts: a repository there may be private, but the host name alone says nothing. */
const PUBLIC_CODE_HOSTS = new Set([
  'github.com',
  'ssh.github.com',
  'gist.github.com',
  'gitlab.com',
  'altssh.gitlab.com',
  'bitbucket.org',
  'altssh.bitbucket.org',
  'gitee.com',
  'gitcode.com',
  'gitcode.net',
  'jihulab.com',
  'codeberg.org',
  'git.sr.ht',
  'gitea.com',
  'launchpad.net',
  'git.launchpad.net',
  'salsa.debian.org',
  'gitlab.gnome.org',
  'gitlab.freedesktop.org',
  'invent.kde.org',
  'git.kernel.org',
  'gitlab.torproject.org',
]);

/**
 * Hosts of public Go modules, each with one real module path: what a GONOSUMDB or GOINSECURE pattern
 * is tested against, and the evidence shown when it matches.
 */
export const PUBLIC_MODULE_SAMPLES: ReadonlyArray<readonly [host: string, module: string]> = [
  ['github.com', 'github.com/gin-gonic/gin'],
  ['golang.org', 'golang.org/x/net'],
  ['google.golang.org', 'google.golang.org/grpc'],
  ['gopkg.in', 'gopkg.in/yaml.v3'],
  ['go.googlesource.com', 'go.googlesource.com/oauth2'],
  ['cloud.google.com', 'cloud.google.com/go'],
  ['k8s.io', 'k8s.io/client-go'],
  ['sigs.k8s.io', 'sigs.k8s.io/yaml'],
  ['go.uber.org', 'go.uber.org/zap'],
  ['gitee.com', 'gitee.com/chunanyong/zorm'],
  ['gitlab.com', 'gitlab.com/gitlab-org/api/client-go'],
  ['bitbucket.org', 'bitbucket.org/creachadair/shell'],
  ['go.etcd.io', 'go.etcd.io/etcd/client/v3'],
  ['go.opentelemetry.io', 'go.opentelemetry.io/otel'],
  ['go.mongodb.org', 'go.mongodb.org/mongo-driver'],
  ['gorm.io', 'gorm.io/gorm'],
  ['honnef.co', 'honnef.co/go/tools'],
  ['rsc.io', 'rsc.io/quote'],
  ['mvdan.cc', 'mvdan.cc/gofumpt'],
  ['modernc.org', 'modernc.org/sqlite'],
  ['codeberg.org', 'codeberg.org/gruf/go-bytesize'],
  ['git.sr.ht', 'git.sr.ht/~sbinet/gg'],
];

const PUBLIC_MODULE_HOSTS = new Set(PUBLIC_MODULE_SAMPLES.map(([host]) => host));

/**
 * A public code host or the host of well-known public modules: never judged private from its name
 * or from a remote. (googlesource.com serves every Google Git project from its own subdomain.)
 */
export function isKnownPublicHost(host: string): boolean {
  const h = host.toLowerCase();
  return PUBLIC_CODE_HOSTS.has(h) || PUBLIC_MODULE_HOSTS.has(h) || h.endsWith('.googlesource.com');
}

/** Hosts of the catalogued public mirrors: module paths sent there leave the company. */
const PUBLIC_MIRROR_HOSTS = new Set(MIRRORS.map((m) => new URL(m.url).hostname));

export function isPublicMirrorHost(host: string): boolean {
  return PUBLIC_MIRROR_HOSTS.has(host.toLowerCase());
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function isIpAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || (h.includes(':') && /^[0-9A-Fa-f:.]+(%.+)?$/.test(h));
}

/** Top-level names reserved or customary for networks that are not the Internet (RFC 6762, 8375, ICANN .internal). */
const INTERNAL_TLDS = new Set([
  'corp',
  'internal',
  'intranet',
  'intra',
  'lan',
  'local',
  'localdomain',
  'private',
  'home',
]);
/** Labels that name an internal zone anywhere in a name: git.corp.example.com, gitlab.internal.acme.cn. */
const INTERNAL_LABELS = new Set(['corp', 'internal', 'intranet', 'intra']);
/** First labels of self-hosted code servers (gitlab.acme.com): likely, not certainly, private. */
const FORGE_LABELS = new Set(['git', 'gitlab', 'gitea', 'gogs', 'gerrit', 'scm', 'stash', 'bitbucket']);

export type HostLook = 'ip' | 'internal-name' | 'single-label' | 'self-hosted-forge';

/** Why a host name (without port) looks private, or null when the name alone does not say so. */
export function privateLook(host: string): HostLook | null {
  const h = host.toLowerCase();
  if (h === '' || isKnownPublicHost(h) || isPublicMirrorHost(h)) return null;
  if (isIpAddress(h)) return 'ip';
  const labels = h.replace(/\.$/, '').split('.');
  if (labels.length === 1) return 'single-label';
  if (h.endsWith('.home.arpa') || INTERNAL_TLDS.has(labels[labels.length - 1]!)) return 'internal-name';
  if (labels.slice(0, -1).some((l) => INTERNAL_LABELS.has(l))) return 'internal-name';
  if (FORGE_LABELS.has(labels[0]!) && labels.length >= 3) return 'self-hosted-forge';
  return null;
}
