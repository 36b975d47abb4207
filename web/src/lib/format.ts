/**
 * Dates, numbers and money in the reader's language (Intl): one formatter per locale and kind,
 * reused. Money arrives as integer cents with its ISO currency.
 */
import i18n from '../i18n';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  const full = `${i18n.language}|${key}`;
  let formatter = cache.get(full) as T | undefined;
  if (!formatter) cache.set(full, (formatter = make()));
  return formatter;
}

export function formatNumber(value: number): string {
  return cached('n', () => new Intl.NumberFormat(i18n.language)).format(value);
}

export function formatMoney(cents: number, currency: string): string {
  return cached(`m:${currency}`, () => new Intl.NumberFormat(i18n.language, { style: 'currency', currency })).format(
    cents / 100,
  );
}

/** A calendar date (`2026-12-02`) is shown as that day, whatever the reader's time zone. */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return cached(
      'd:utc',
      () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }),
    ).format(new Date(`${value}T12:00:00Z`));
  return cached('d', () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' })).format(new Date(value));
}

export function formatDateTime(value: string | Date): string {
  return cached('dt', () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })).format(
    new Date(value),
  );
}
