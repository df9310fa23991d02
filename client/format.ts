/** How dates read on screen, in British English. */

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-12-01" → "1 December 2026". Anything that is not such a date is shown as it is. */
export function formatIsoDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  return longDate.format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
}
