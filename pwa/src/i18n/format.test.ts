import { afterAll, describe, expect, it } from 'vitest';
import { absoluteTime, distinctTimes, formatBytes } from './format';
import { initI18n, setLanguage } from './index';

// Intl puts a no-break space between number and unit; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatBytes', () => {
  afterAll(async () => {
    await setLanguage('en');
  });

  it('English: bytes spelled out, then kB / MB / GB', async () => {
    await initI18n('en');
    expect(plain(formatBytes(1))).toBe('1 byte');
    expect(plain(formatBytes(111))).toBe('111 bytes');
    expect(plain(formatBytes(1500))).toBe('1.5 kB');
    expect(plain(formatBytes(2_000_000))).toBe('2 MB');
    expect(plain(formatBytes(3_250_000_000))).toBe('3.3 GB');
  });

  it('Russian: байт with its plural forms, then кБ / МБ / ГБ', async () => {
    await initI18n('ru');
    expect(plain(formatBytes(111))).toBe('111 байт');
    expect(plain(formatBytes(2))).toBe('2 байта');
    expect(plain(formatBytes(1500))).toBe('1,5 кБ');
    expect(plain(formatBytes(2_000_000))).toBe('2 МБ');
    expect(plain(formatBytes(3_250_000_000))).toBe('3,3 ГБ');
  });
});

describe('distinctTimes', () => {
  afterAll(async () => {
    await setLanguage('en');
  });
  const withSeconds = (lang: string, iso: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(
      new Date(iso),
    );

  it.each(['en', 'ru'] as const)(
    'says seconds only for times that would read the same to the minute (%s)',
    async (lang) => {
      await initI18n(lang);
      const a = '2026-11-23T09:00:05.000Z';
      const b = '2026-11-23T09:00:40.000Z';
      const c = '2026-11-23T09:07:00.000Z';
      // The fault: to the minute, two steps 35 s apart read as the same time.
      expect(absoluteTime(a)).toBe(absoluteTime(b));
      const pair = distinctTimes([a, b]);
      expect(pair).toEqual([withSeconds(lang, a), withSeconds(lang, b)]);
      expect(pair[0]).not.toBe(pair[1]);
      // Apart by minutes: as before.
      expect(distinctTimes([a, c])).toEqual([absoluteTime(a), absoluteTime(c)]);
      // In a list, only the ones that collide.
      expect(distinctTimes([c, b, a])).toEqual([
        absoluteTime(c),
        withSeconds(lang, b),
        withSeconds(lang, a),
      ]);
    },
  );
});
