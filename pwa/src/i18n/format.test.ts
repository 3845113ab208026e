import { afterAll, describe, expect, it } from 'vitest';
import { formatBytes } from './format';
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
