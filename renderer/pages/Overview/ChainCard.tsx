import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { Ident } from '../../components/Ident';
import type { ActiveMirror } from './activeMirror';
import { describeChain } from '../Mirrors/chainWords';

/** GOPROXY as go reads it: who is asked after whom, and when go moves on. */
export function ChainCard({ mirror, goproxy }: { mirror: ActiveMirror | null; goproxy: string | null }) {
  const { t } = useTranslation();
  return (
    <article className="card" aria-labelledby="overview-chain-heading">
      <h2 id="overview-chain-heading">{t('overview.chain.heading')}</h2>
      {mirror === null || goproxy === null ? (
        <p className="muted" aria-busy="true">
          {t('overview.loading')}
        </p>
      ) : (
        <dl className="facts">
          <dt>{t('overview.chain.label')}</dt>
          <dd data-testid="chain-words">
            {mirror.kind === 'invalid' ? (
              <span className="banner banner-error">{t('overview.mirror.invalid')}</span>
            ) : (
              describeChain(mirror.entries, t)
            )}
          </dd>
          <dt>{t('overview.chain.value')}</dt>
          <dd className="value">
            <Ident value={`GOPROXY=${visible(goproxy)}`} />
          </dd>
        </dl>
      )}
    </article>
  );
}
