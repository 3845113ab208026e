/**
 * Small choices remembered on this device only (the list's view, Activity's view): JSON
 * in localStorage. A convenience: storage that is off (a private window, a sandboxed
 * frame), full or holding something unreadable never breaks a screen, it only forgets.
 */

/** localStorage, or null where reaching it throws. */
export function deviceStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The value remembered under `key`, read back through `parse` (which checks each part
 * of any JSON value); `fallback` when there is none, it is not JSON or storage is off.
 */
export function recall<T>(
  key: string,
  parse: (raw: unknown) => T,
  fallback: T,
  storage: Pick<Storage, 'getItem'> | null = deviceStorage(),
): T {
  try {
    const text = storage?.getItem(key);
    return text ? parse(JSON.parse(text)) : fallback;
  } catch {
    return fallback;
  }
}

/** Remembers `value` as JSON under `key`; storage that is off or full just forgets it. */
export function remember(
  key: string,
  value: unknown,
  storage: Pick<Storage, 'setItem'> | null = deviceStorage(),
): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // not remembered: the screen still works
  }
}
