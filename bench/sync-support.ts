// Page-side helpers of the sync benchmark (sync-delta.bench.ts): count stored events.
// Code passed to page.evaluate defines no named functions: tsx (esbuild keepNames)
// would wrap them in a __name helper the page does not have.
import type { Page } from 'playwright-core';

/** Events stored in the app's IndexedDB, in both its stores (written inline: no named helpers in the page). */
export function countEvents(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('miniatures-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          // One row each, plus each history row's count `n` (pwa/src/db/event-store.ts).
          const tx = open.result.transaction(['events', 'histories']);
          const own = tx.objectStore('events').count();
          let inRows = 0;
          const counts = tx.objectStore('histories').index('n').openKeyCursor();
          counts.onsuccess = () => {
            if (!counts.result) return;
            inRows += Number(counts.result.key);
            counts.result.continue();
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve(own.result + inRows);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
