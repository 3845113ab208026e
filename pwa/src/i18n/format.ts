import { language } from './index';

export { formatNumber } from './number';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

// Building an Intl formatter costs far more than using one (a history of 300 entries
// built 600 of them): one per language and kind, made on first use.
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(
  kind: string,
  make: (lang: string) => F,
): F {
  const key = `${language.value}:${kind}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make(language.value);
    formatters.set(key, f);
  }
  return f;
}
const dateTime = () =>
  cached('dt', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }));

/** "5 minutes ago" / "5 минут назад" in the current language; "now" under a minute. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const rtf = cached('rel', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'second');
}

/** Date and time in the current language, e.g. "23 Nov 2026, 11:05". */
export function absoluteTime(iso: string): string {
  return dateTime().format(new Date(iso));
}

const dateTimeSeconds = () =>
  cached('dts', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium' }));

/**
 * Times that must be told apart (a step and its twin, the rows of a list), each as
 * absoluteTime says it, except those that would then read the same as another one (one
 * minute): these get their seconds, "23 Nov 2026, 09:00:05" / "…, 09:00:40".
 * Takes ISO timestamps; returns the texts in the same order.
 */
export function distinctTimes(isos: readonly string[]): string[] {
  const texts = isos.map(absoluteTime);
  const seen = new Map<string, number>();
  for (const text of texts) seen.set(text, (seen.get(text) ?? 0) + 1);
  return texts.map((text, i) =>
    (seen.get(text) ?? 0) > 1 ? dateTimeSeconds().format(new Date(isos[i]!)) : text,
  );
}

/**
 * From one time to another as one span in the current language, the shared parts said
 * once: "Nov 28, 2026, 8:00 – 8:12 PM", "28 нояб. 2026 г., 20:00–20:12"; one time when
 * both fall in the same minute.
 */
export function timeSpan(fromIso: string, toIso: string): string {
  return dateTime().formatRange(new Date(fromIso), new Date(toIso));
}

/** A short date, e.g. "23 Nov". */
export function shortDate(date: Date): string {
  return cached(
    'short',
    (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short' }),
  ).format(date);
}

/** Bytes as "111 bytes" / "111 байт", then kB / MB / GB, in the current language. */
export function formatBytes(bytes: number): string {
  const steps: [string, number][] = [
    ['gigabyte', 1e9],
    ['megabyte', 1e6],
    ['kilobyte', 1e3],
  ];
  for (const [unit, size] of steps) {
    if (bytes >= size) {
      return new Intl.NumberFormat(language.value, {
        style: 'unit',
        unit,
        maximumFractionDigits: 1,
      }).format(bytes / size);
    }
  }
  // The short form of "byte" is "byte" in English ("111 byte"): spell it out, with plurals.
  return new Intl.NumberFormat(language.value, {
    style: 'unit',
    unit: 'byte',
    unitDisplay: 'long',
  }).format(bytes);
}

/** A period's short chart label: "23 Nov" for a week, "Nov" for a month, "2026" for a year. */
export function periodLabel(start: Date, period: 'week' | 'month' | 'year'): string {
  if (period === 'week') return shortDate(start);
  const options: Intl.DateTimeFormatOptions =
    period === 'month' ? { month: 'short' } : { year: 'numeric' };
  return cached(`label-${period}`, (l) => new Intl.DateTimeFormat(l, options)).format(start);
}

/** A period named in full for screen readers: "November 2026", "2026" (weeks: their key). */
export function periodName(start: Date, period: 'month' | 'year'): string {
  const options: Intl.DateTimeFormatOptions =
    period === 'month' ? { month: 'long', year: 'numeric' } : { year: 'numeric' };
  return cached(`name-${period}`, (l) => new Intl.DateTimeFormat(l, options)).format(start);
}
