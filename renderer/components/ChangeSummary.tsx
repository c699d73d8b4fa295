import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { visible } from '../../shared/visible';

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

/** The same as plain text, for a sentence that quotes it ("It started at … (summary)"). */
export function changeSummaryText(t: TFunction, summary: string): string {
  const read = readSummary(summary);
  if (read === null) return summary;
  return [t(`changeSummary.${read.kind}`), ...read.values].join(' ');
}

type Read = { kind: 'set' | 'unset' | 'profile' | 'project'; values: string[] };

/** The forms electron/services/netproxy/index.ts, store/profiles.ts and projects/index.ts write. */
export function readSummary(summary: string): Read | null {
  let m = /^proxy set (.+) \([^()]*\)$/.exec(summary);
  if (m) return { kind: 'set', values: m[1]!.split(' ') };
  if (/^proxy unset \([^()]*\)$/.test(summary)) return { kind: 'unset', values: [] };
  m = /^profile "(.*)"$/.exec(summary);
  if (m) return { kind: 'profile', values: [m[1]!] };
  m = /^project apply --to (\S+) (.+) \((.+)\)$/.exec(summary);
  if (m) return { kind: 'project', values: [m[3]!, m[2]!, m[1]!] };
  return null;
}
