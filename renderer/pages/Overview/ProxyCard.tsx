import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useOverview } from '../../store/overview';

interface Place {
  key: string;
  http: string | null;
  https: string | null;
  available: boolean;
}

/** The proxy URLs a place sets, the same one written once. */
function proxies({ http, https }: Place): string[] {
  return [...new Set([https, http].filter((v): v is string => v !== null && v !== ''))];
}

/** The HTTP proxy in each place that go, git and the OS read it from. */
export function ProxyCard() {
  const { t } = useTranslation();
  const netproxy = useOverview((s) => s.netproxy);
  const report = netproxy.value;
  const places: Place[] = report
    ? [
        { key: 'process', ...report.process, available: true },
        ...report.scopes.map((s) => ({ key: s.scope, http: s.http, https: s.https, available: s.available })),
      ]
    : [];
  return (
    <article className="card" aria-labelledby="overview-proxy-heading">
      <h2 id="overview-proxy-heading">{t('overview.proxy.heading')}</h2>
      {netproxy.error && (
        <ErrorBanner error={netproxy.error} onRetry={() => void useOverview.getState().loadNetproxy()} />
      )}
      {report === null ? (
        !netproxy.error && (
          <p className="muted" aria-busy="true">
            {t('app.loading')}
          </p>
        )
      ) : (
        <dl className="facts" data-testid="proxy-places">
          {places.map((place) => {
            const urls = proxies(place);
            return (
              <div key={place.key} className="overview-fact" data-place={place.key}>
                <dt>{t(`overview.proxy.scopes.${place.key}`)}</dt>
                <dd>
                  {!place.available ? (
                    <span className="muted">{t('overview.proxy.unavailable')}</span>
                  ) : urls.length === 0 ? (
                    <span className="muted">{t('overview.proxy.none')}</span>
                  ) : (
                    urls.map((url) => <code key={url}>{visible(url)}</code>)
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </article>
  );
}
