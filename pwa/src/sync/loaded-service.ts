import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { SyncService } from './service';

// The sync code loads after the first paint, in its own chunk: the list must not wait
// for it. This module stays small (no sync code, no texts), so any screen may ask.
const loaded = signal<SyncService | null>(null);
let loading = false;

/** Starts loading the app's sync service (once); `loaded` holds it when it is there. */
export function loadSyncService(): void {
  if (loading) return;
  loading = true;
  void import('./instance').then((m) => {
    loaded.value = m.getSyncService();
  });
}

/** The app's sync service once its chunk has loaded, else null (a signal read: reactive). */
export const loadedSyncService = (): SyncService | null => loaded.value;

/** The app's sync service once its chunk has loaded (null before); starts loading it. */
export function useSyncService(): SyncService | null {
  useEffect(() => loadSyncService(), []);
  return loaded.value;
}

/** The notice of a restore made on this device only, which holds while sync is off. */
export const SYNC_OFF_NOTICE = 'settings.restore.choice.doneHere';
