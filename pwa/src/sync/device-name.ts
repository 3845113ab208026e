const KEY = 'mpt.device';

/** The browser named when none is recognized, and the system likewise (see deviceParts). */
export const SOME_BROWSER = 'Browser';
export const SOME_SYSTEM = 'unknown system';

/** "Chrome on Android", "Firefox on Linux": what the browser says about itself. */
export function describeBrowser(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /(Chrome|Chromium|CriOS)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : SOME_BROWSER;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(userAgent)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Linux|X11/.test(userAgent)
            ? 'Linux'
            : SOME_SYSTEM;
  return `${browser} on ${system}`;
}

/**
 * This device's name in the server's backup list (the X-Device header, SPEC §10):
 * the browser and system, and a short random tag kept in this browser so two phones
 * of one kind tell apart, e.g. "Chrome on Android - 3f2a". Printable ASCII only (a
 * header), so English; the app shows it in the user's language through deviceParts.
 */
export function deviceName(
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = globalThis.localStorage ?? null,
  userAgent: string = globalThis.navigator?.userAgent ?? '',
): string {
  let tag: string | null = null;
  try {
    tag = storage?.getItem(KEY) ?? null;
    if (!tag || !/^[0-9a-f]{4}$/.test(tag)) {
      tag = Math.floor(Math.random() * 0x10000)
        .toString(16)
        .padStart(4, '0');
      storage?.setItem(KEY, tag);
    }
  } catch {
    tag = null; // storage disabled: the name alone
  }
  return tag ? `${describeBrowser(userAgent)} - ${tag}` : describeBrowser(userAgent);
}

/**
 * The parts of a name deviceName made (browser, system, tag), so the app can word it in
 * the user's language; null for any other name (an older app, a tool), shown as sent.
 */
export function deviceParts(
  name: string,
): { browser: string; system: string; tag: string | null } | null {
  const match = /^(\w+) on (\w+(?: \w+)?)(?: - ([0-9a-f]{4}))?$/.exec(name);
  if (!match) return null;
  return { browser: match[1]!, system: match[2]!, tag: match[3] ?? null };
}
