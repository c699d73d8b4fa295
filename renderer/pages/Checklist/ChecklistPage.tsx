import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function ChecklistPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-heading">
      <PageHeader id="page-heading" title={t('common.nav.checklist')} intro="" />
    </section>
  );
}
