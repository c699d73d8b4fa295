import type { GoEnvReport } from '../../../shared/contract';
import { chainWithMirror, normalizeMirrorUrl } from '../../../shared/go/chain';
import { MIRRORS, type MirrorInfo } from '../../../shared/mirrors';
import { AppError } from '../../dispatch';

/** A known mirror's id (`goproxy.cn`, `aliyun`, a custom mirror's...) or a mirror URL, as the URL go will use. */
export function resolveMirror(
  target: string,
  mirrors: readonly Pick<MirrorInfo, 'id' | 'url'>[] = MIRRORS,
): string {
  const known = mirrors.find((m) => m.id === target);
  if (known) return known.url;
  const url = normalizeMirrorUrl(target);
  if (!url.ok) {
    throw new AppError(
      'invalid-input',
      `${url.error}. Use a mirror id (${mirrors.map((m) => m.id).join(', ')}), a mirror URL, or "fastest".`,
    );
  }
  return url.value;
}

/** The GOPROXY value `use` writes: `url` first, keeping the shape of the current chain (see chainWithMirror). */
export function goproxyForUse(report: GoEnvReport, url: string, fallbackUrl?: string): string {
  const current = report.vars.GOPROXY?.value ?? '';
  const chain = chainWithMirror(current, url, fallbackUrl);
  if (!chain.ok) throw new AppError('invalid-input', chain.error);
  return chain.value;
}
