import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TrackerDb } from '../db/schema';
import type { Actions } from './actions';
import type { AppState } from './app-state';

/** What every screen needs: the database (for live reads), the state and the actions. */
export interface App {
  db: TrackerDb;
  state: AppState;
  actions: Actions;
}

export const AppContext = createContext<App | null>(null);

/** The app from context (throws when a component is rendered outside the provider). */
export function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside AppContext');
  return app;
}
