import { liveQuery } from 'dexie';
import { correctTo, previewCorrections } from '../db/corrections';
import { db } from '../db/instance';
import { getLocalChangeSeq } from '../db/meta';
import { replaceLocalState } from '../db/replace';
import { openStatusChannel } from './channel';
import { dexieReplica } from './local-replica';
import { createSyncService, type SyncService } from './service';
import { RECORD_KEY, SETTINGS_KEY } from './store';

let service: SyncService | null = null;

/**
 * The app's one sync service, created and started on first use: it listens to the
 * network, visibility, other tabs and the database's change counter for as long as
 * the page lives. The header badge asks for it, so sync runs from the first paint.
 */
export function getSyncService(): SyncService {
  if (service) return service;
  const created = createSyncService({
    local: dexieReplica(db),
    recovery: {
      correctTo: (target) => correctTo(db, target),
      previewCorrections: (target) => previewCorrections(db, target),
      replaceWith: (state, server) => replaceLocalState(db, state, server),
    },
    store: localStorage,
    defaultUrl: location.origin,
    channel: openStatusChannel(),
  });
  service = created;
  window.addEventListener('online', () => created.scheduler.setOnline(true));
  window.addEventListener('offline', () => created.scheduler.setOnline(false));
  document.addEventListener('visibilitychange', () =>
    created.scheduler.setVisible(document.visibilityState === 'visible'),
  );
  // Another tab changed the settings, or finished a sync.
  window.addEventListener('storage', (event) => {
    if (event.key === SETTINGS_KEY || event.key === RECORD_KEY) created.reloadStored();
  });
  // Dexie's live queries also fire for writes made in other tabs.
  liveQuery(() => getLocalChangeSeq(db)).subscribe({
    next: (seq) => created.noteLocalSeq(seq),
    error: () => {},
  });
  created.scheduler.request('start');
  return created;
}
