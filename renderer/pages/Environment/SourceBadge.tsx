import { useTranslation } from 'react-i18next';
import type { GoEnvSource } from '../../../shared/contract';

export function SourceBadge({ source }: { source: GoEnvSource }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${source}`} data-source={source}>
      {t(`env.sources.${source}`)}
    </span>
  );
}
