import type { TFunction } from 'i18next';
import type { ProbeError } from '../../../shared/contract';

/** Why a probe failed, in the user's language: the kind and phase (and certificate problem) in words. */
export function probeReason(t: TFunction, error: ProbeError | undefined): string {
  if (!error) return t('wizard.network.mirror.unknownReason');
  const what = t(`probe.failures.${error.kind}`, {
    phase: t(`probe.phases.${error.phase}`),
    status: error.status ?? '',
  });
  const detailKey = `probe.details.${error.detail ?? ''}`;
  const detail = error.detail !== undefined && t(detailKey) !== detailKey ? ` (${t(detailKey)})` : '';
  return `${what}${detail}`;
}
