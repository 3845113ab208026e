import { API_WRITER } from '@mpt/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../../i18n';
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
      'с устройства Chrome на Android (3f2a)',
    );
    expect(deviceText(deviceName(refused, AGENTS.unknown))).toBe(
      'с устройства браузер на неизвестной системе',
    );
    expect(deviceText('backup-script')).toBe('от backup-script');
    // A backup of two devices' changes (found by the newcomer review: shown raw).
    expect(deviceText('Chrome on Linux - 0a18, Firefox on Windows')).toBe(
      'с устройств: Chrome на Linux (0a18) и Firefox на Windows',
    );
    // Changes made through the API with no device name: said so, alone or beside devices.
    expect(deviceText(API_WRITER)).toBe('через API (импорт или скрипт)');
    expect(deviceText(`${API_WRITER}, Chrome on Linux - 0a18`)).toBe(
      'с устройств: API и Chrome на Linux (0a18)',
    );
    await setLanguage('en');
    expect(deviceText(API_WRITER)).toBe('through the API (an import or a script)');
    expect(deviceText(`${API_WRITER}, Chrome on Linux - 0a18`)).toBe(
      'from the API and Chrome on Linux (0a18)',
    );
    expect(deviceText(deviceName(storage('00ff'), AGENTS.iphone))).toBe(
      'from Safari on iOS (00ff)',
    );
    expect(deviceText(deviceName(refused, AGENTS.unknown))).toBe(
      'from a browser on an unknown system',
    );
    expect(deviceText('backup-script, Firefox on Windows')).toBe(
      'from backup-script and Firefox on Windows',
    );
  });

  // Review: "Chrome on Android (3f2a)" alone but "Chrome (Android, 3f2a)" in a list.
  it('names a device the same way alone and in a list', async () => {
    await setLanguage('ru');
    expect(deviceText('Chrome on Android - 66e9')).toBe('с устройства Chrome на Android (66e9)');
    expect(deviceText('Safari on iOS')).toBe('с устройства Safari на iOS');
    expect(deviceText('Chrome on Linux - 0a18, Chrome on Android - 66e9, Safari on iOS')).toBe(
      'с устройств: Chrome на Linux (0a18), Chrome на Android (66e9) и Safari на iOS',
    );
    await setLanguage('en');
    expect(deviceText('Chrome on Android - 66e9')).toBe('from Chrome on Android (66e9)');
    expect(deviceText('Safari on iOS')).toBe('from Safari on iOS');
    expect(deviceText('Chrome on Linux - 0a18, Chrome on Android - 66e9, Safari on iOS')).toBe(
      'from Chrome on Linux (0a18), Chrome on Android (66e9), and Safari on iOS',
    );
  });
});

// Review: two phones of one kind, and nothing said which backup was this phone's.
describe('this device in the server’s backup list', () => {
  const own = deviceName(storage('3f2a'), AGENTS.android);
  // Another phone of the same kind: same browser and system, another tag.
  const twin = deviceName(storage('66e9'), AGENTS.android);

  it('is marked in English, alone and in a list; a twin phone is not', () => {
    expect(twin).not.toBe(own);
    expect(deviceText(own, own)).toBe('from this device (Chrome on Android, 3f2a)');
    expect(deviceText(twin, own)).toBe('from Chrome on Android (66e9)');
    expect(deviceText(`${own}, Firefox on Windows`, own)).toBe(
      'from this device (Chrome on Android, 3f2a) and Firefox on Windows',
    );
    expect(deviceText(`${twin}, ${own}`, own)).toBe(
      'from Chrome on Android (66e9) and this device (Chrome on Android, 3f2a)',
    );
    expect(deviceText(`${API_WRITER}, ${own}`, own)).toBe(
      'from the API and this device (Chrome on Android, 3f2a)',
    );
  });

  it('is marked in Russian, alone and in a list; a twin phone is not', async () => {
    await setLanguage('ru');
    expect(deviceText(own, own)).toBe('с этого устройства (Chrome на Android, 3f2a)');
    expect(deviceText(twin, own)).toBe('с устройства Chrome на Android (66e9)');
    expect(deviceText(`${own}, Firefox on Windows`, own)).toBe(
      'с устройств: это устройство (Chrome на Android, 3f2a) и Firefox на Windows',
    );
    expect(deviceText(`${twin}, ${own}`, own)).toBe(
      'с устройств: Chrome на Android (66e9) и это устройство (Chrome на Android, 3f2a)',
    );
  });

  it('is not claimed without a tag, by a name from elsewhere, or by the API', async () => {
    // Storage refused: the name has no tag, and any phone of the kind sends the same.
    const untagged = deviceName(refused, AGENTS.android);
    expect(deviceText(untagged, untagged)).toBe('from Chrome on Android');
    expect(deviceText('backup-script', 'backup-script')).toBe('from backup-script');
    expect(deviceText(API_WRITER, own)).toBe('through the API (an import or a script)');
    await setLanguage('ru');
    expect(deviceText(untagged, untagged)).toBe('с устройства Chrome на Android');
    expect(deviceText(`${untagged}, ${twin}`, untagged)).toBe(
      'с устройств: Chrome на Android и Chrome на Android (66e9)',
    );
  });
});
