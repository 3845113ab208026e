import { openTrackerDb } from './schema';

/** The one database instance the app uses. */
export const db = openTrackerDb();
