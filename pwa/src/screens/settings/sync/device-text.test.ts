import { API_WRITER } from '@mpt/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage, t } from '../../../i18n';
import { describeBrowser, deviceName, deviceParts } from '../../../sync/device-name';
import { deviceText } from './sync-text';

const AGENTS = {
  android:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  unknown: 'curl/8.5.0',
};

const storage = (tag: string | null) => {
  const items = new Map(tag ? [['mpt.device', tag]] : []);
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
};

/** Storage the browser refuses (private mode, disabled): the name comes without a tag. */
const refused = {
  getItem: (): string | null => {
    throw new Error('SecurityError');
  },
  setItem: () => {},
};

beforeEach(async () => {
  await initI18n('en');
});
afterEach(async () => {
  await setLanguage('en');
});

describe('the device that wrote a server backup', () => {
  it('reads back every name deviceName makes, with or without a tag', () => {
    for (const agent of Object.values(AGENTS)) {
      const [browser, system] = describeBrowser(agent).split(' on ');
      expect(deviceParts(deviceName(storage('3f2a'), agent))).toEqual({
        browser,
        system,
        tag: '3f2a',
      });
      expect(deviceParts(deviceName(refused, agent))).toEqual({ browser, system, tag: null });
    }
  });

  it('is worded in the user’s language; a name from elsewhere is shown as sent', async () => {
    await setLanguage('ru');
    expect(deviceText(deviceName(storage('3f2a'), AGENTS.android))).toBe(
      t('sync.backups.deviceTagged', { browser: 'Chrome', system: 'Android', tag: '3f2a' }),
    );
    expect(deviceText(deviceName(refused, AGENTS.unknown))).toBe(
      t('sync.backups.deviceNamed', {
        browser: t('sync.backups.someBrowser'),
        system: t('sync.backups.someSystem'),
      }),
    );
    expect(deviceText(deviceName(refused, AGENTS.unknown))).toBe(
      'с устройства браузер, неизвестная система',
    );
    expect(deviceText('backup-script')).toBe('от backup-script');
    // A backup of two devices' changes (found by the newcomer review: shown raw).
    expect(deviceText('Chrome on Linux - 0a18, Firefox on Windows')).toBe(
      'с устройств Chrome (Linux, 0a18) и Firefox (Windows)',
    );
    // Changes made through the API with no device name: said so, alone or beside devices.
    expect(deviceText(API_WRITER)).toBe('через API (импорт или скрипт)');
    expect(deviceText(`${API_WRITER}, Chrome on Linux - 0a18`)).toBe(
      'с устройств API и Chrome (Linux, 0a18)',
    );
    await setLanguage('en');
    expect(deviceText(API_WRITER)).toBe('through the API (an import or a script)');
    expect(deviceText(`${API_WRITER}, Chrome on Linux - 0a18`)).toBe(
      'from the API and Chrome (Linux, 0a18)',
    );
    expect(deviceText(deviceName(storage('00ff'), AGENTS.iphone))).toBe(
      'from Safari on iOS (00ff)',
    );
    expect(deviceText('Chrome on Linux - 0a18, Chrome on Android - 66e9, Safari on iOS')).toBe(
      'from Chrome (Linux, 0a18), Chrome (Android, 66e9), and Safari (iOS)',
    );
  });
});
