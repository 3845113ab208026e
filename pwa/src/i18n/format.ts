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

/** "5 minutes ago" / "5 минут назад" in the current language; "now" under a minute. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const rtf = new Intl.RelativeTimeFormat(language.value, { numeric: 'auto' });
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'second');
}

/** Date and time in the current language, e.g. "23 Nov 2026, 11:05". */
export function absoluteTime(iso: string): string {
  return new Intl.DateTimeFormat(language.value, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A short date, e.g. "23 Nov". */
export function shortDate(date: Date): string {
  return new Intl.DateTimeFormat(language.value, { day: 'numeric', month: 'short' }).format(date);
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
