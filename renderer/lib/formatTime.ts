const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An ISO time as the user's language writes a date and time: the one date format of the UI
 * ("Dec 7, 2026, 06:08:16" / "2026年12月7日 06:08:16"), 24-hour in both languages.
 */
export function formatTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      hourCycle: 'h23',
    });
    formats.set(language, format);
  }
  return format.format(date);
}
