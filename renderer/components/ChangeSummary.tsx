import { useTranslation } from 'react-i18next';
import { readSummary } from '../../shared/change-summary';
import { visible } from '../../shared/visible';

export { changeSummaryText, readSummary } from '../../shared/change-summary';

/**
 * A journal entry's summary (written by the services in a fixed English form, and kept in the journal
 * file) said in the user's language: what was set, with the values as code. A summary of another form
 * is shown as it is.
 */
export function ChangeSummary({ summary }: { summary: string }) {
  const { t } = useTranslation();
  const read = readSummary(summary);
  if (read === null) return <span lang="en">{visible(summary)}</span>;
  return (
    <span data-change={read.kind}>
      {t(`changeSummary.${read.kind}`)}
      {read.values.length > 0 && ' '}
      {read.values.map((v, i) => (
        <span key={i}>
          {i > 0 && ' '}
          <code className="value">{visible(v)}</code>
        </span>
      ))}
    </span>
  );
}
