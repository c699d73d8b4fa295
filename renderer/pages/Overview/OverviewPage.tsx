import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function OverviewPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="overview-heading">
      <PageHeader id="overview-heading" title={t('common.nav.overview')} intro="" />
    </section>
  );
}
