import { useTranslation } from 'react-i18next';
import { visible } from '../../shared/visible';
import { diffRows } from './diffRows';
import './DiffView.css';

/**
 * A unified diff (or any preview text) in the one layout every preview uses: unchanged, added and
 * removed lines across the whole width, and each replaced line as before → after, the old line on
 * the left and what replaces it on the right.
 */
export function DiffView({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  if (text.trim() === '') return <p className="muted">{t('common.diff.none')}</p>;
  const rows = diffRows(text);
  const changes = rows.some((r) => r.kind === 'change');
  return (
    <pre
      className={changes ? 'diff diff-split' : 'diff'}
      aria-label={label ?? t('common.diff.label')}
      tabIndex={0}
      data-testid="diff"
    >
      {changes && (
        <>
          <span className="diff-head">{t('common.diff.before')}</span>
          <span className="diff-head">{t('common.diff.after')}</span>
        </>
      )}
      {rows.map((row, i) =>
        row.kind === 'change' ? (
          [
            row.del === null ? (
              <span key={`${i}d`} className="none" />
            ) : (
              <span key={`${i}d`} className="del">
                {visible(row.del)}
              </span>
            ),
            row.add === null ? (
              <span key={`${i}a`} className="none" />
            ) : (
              <span key={`${i}a`} className="add">
                {visible(row.add)}
              </span>
            ),
          ]
        ) : (
          <span key={i} className={row.kind === 'add' || row.kind === 'del' ? `${row.kind} wide` : row.kind}>
            {visible(row.line)}
          </span>
        ),
      )}
    </pre>
  );
}
