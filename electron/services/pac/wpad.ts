/**
 * Where WPAD auto-detection looks for wpad.dat: pure, so the walk is tested without a network.
 */

/**
 * Second-level labels that, under a two-letter country code, form a registry suffix (example.co.uk):
 * wpad.co.uk would be a stranger's server, the hole behind MS09-008. Not the full Public Suffix
 * List, which the app does not ship; the two-label floor below already rules out wpad.com.
 */
const REGISTRY_SECOND_LEVEL = new Set(['ac', 'co', 'com', 'edu', 'gov', 'go', 'ne', 'net', 'or', 'org']);

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * http://wpad.<domain>/wpad.dat for each search domain and each of its parents down to two labels,
 * most specific first, as browsers walk it: a.b.corp.example gives wpad.a.b.corp.example,
 * wpad.b.corp.example, wpad.corp.example, never wpad.example. Duplicates and invalid names are dropped.
 */
export function wpadCandidates(searchDomains: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of searchDomains) {
    const labels = raw.trim().toLowerCase().replace(/\.$/, '').split('.');
    if (!labels.every((label) => LABEL.test(label))) continue;
    for (let start = 0; labels.length - start >= 2; start++) {
      const rest = labels.slice(start);
      if (rest.length === 2 && isRegistrySuffix(rest)) break;
      const url = `http://wpad.${rest.join('.')}/wpad.dat`;
      if (!seen.has(url)) {
        seen.add(url);
        out.push(url);
      }
    }
  }
  return out;
}

function isRegistrySuffix([second = '', top = '']: string[]): boolean {
  return top.length === 2 && REGISTRY_SECOND_LEVEL.has(second);
}

/**
 * The search domains of /etc/resolv.conf. `search` and `domain` replace each other and the last one
 * wins (resolv.conf(5)); `#` and `;` start comments.
 */
export function readSearchDomains(text: string): string[] {
  let domains: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const words = line
      .replace(/[#;].*$/, '')
      .trim()
      .split(/\s+/);
    const keyword = words[0];
    if (keyword !== 'search' && keyword !== 'domain') continue;
    const names = words.slice(1).filter((name) => name !== '' && name !== '.');
    domains = keyword === 'domain' ? names.slice(0, 1) : names;
  }
  return domains.map((name) => name.replace(/\.$/, '').toLowerCase());
}
