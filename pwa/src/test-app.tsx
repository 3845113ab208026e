import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { freshDb } from './db/test-db';
import { createActions } from './state/actions';
import { createAppState } from './state/app-state';
import { connectAppState } from './state/connect';
import { type App, AppContext } from './state/context';

/** A fresh database with the state connected, for screen tests. */
export function testApp(): App & { dispose: () => Promise<void> } {
  const db = freshDb();
  const state = createAppState();
  const stop = connectAppState(state, db);
  return {
    db,
    state,
    actions: createActions(db, state),
    dispose: async () => {
      stop();
      await db.delete();
    },
  };
}

/** Renders UI inside the app context. */
export function renderIn(app: App, ui: ComponentChildren) {
  return render(<AppContext.Provider value={app}>{ui}</AppContext.Provider>);
}

/** Waits until a condition holds (live queries answer asynchronously). */
export async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
