import { useTranslation } from 'react-i18next';
import { visible } from '../../shared/visible';

/** A unified diff (or any preview text) with added and removed lines marked, as `diff -u` shows it. */
export function DiffView({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  if (text.trim() === '') return <p className="muted">{t('common.diff.none')}</p>;
  const lines = text.replace(/\n$/, '').split('\n');
  return (
    <pre className="diff" aria-label={label ?? t('common.diff.label')} tabIndex={0} data-testid="diff">
      {lines.map((line, i) => {
        const kind = line.startsWith('@@')
          ? 'hunk'
          : line.startsWith('+') && !line.startsWith('+++')
            ? 'add'
            : line.startsWith('-') && !line.startsWith('---')
              ? 'del'
              : 'ctx';
        return (
          <span key={i} className={kind}>
            {visible(line)}
          </span>
        );
      })}
    </pre>
  );
}
