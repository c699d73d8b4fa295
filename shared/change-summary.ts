/**
 * A network-journal entry's summary is written by the services in a fixed English form (and kept so in
 * the journal file); these read it back so the window, the tray and its dialogs can say it in the
 * user's language (keys changeSummary.* in shared/i18n). A summary of another form stays as it is.
 */
export type ReadSummary = { kind: 'set' | 'unset' | 'profile' | 'project'; values: string[] };

/** The forms electron/services/netproxy/index.ts, store/profiles.ts and projects/index.ts write. */
export function readSummary(summary: string): ReadSummary | null {
  let m = /^proxy set (.+) \([^()]*\)$/.exec(summary);
  if (m) return { kind: 'set', values: m[1]!.split(' ') };
  if (/^proxy unset \([^()]*\)$/.test(summary)) return { kind: 'unset', values: [] };
  m = /^profile "(.*)"$/.exec(summary);
  if (m) return { kind: 'profile', values: [m[1]!] };
  m = /^project apply --to (\S+) (.+) \((.+)\)$/.exec(summary);
  if (m) return { kind: 'project', values: [m[3]!, m[2]!, m[1]!] };
  return null;
}

/** The summary as plain text in the user's language, for a sentence that quotes it. */
export function changeSummaryText(t: (key: string) => string, summary: string): string {
  const read = readSummary(summary);
  if (read === null) return summary;
  return [t(`changeSummary.${read.kind}`), ...read.values].join(' ');
}
