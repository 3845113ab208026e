import { signal } from '@preact/signals';

/** Set when a new service worker is installed and waiting; calling it activates it. */
export const pendingUpdate = signal<null | (() => void)>(null);
