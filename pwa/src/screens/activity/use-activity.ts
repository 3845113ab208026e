import type { ErrorCode, ErrorDetails } from '@mpt/shared';
import { type Signal, useSignal } from '@preact/signals';
import { liveQuery } from 'dexie';
import { useEffect } from 'preact/hooks';
import { ensureActivityIndex } from '../../db/activity-index';
import type { TrackerDb } from '../../db/schema';
import { toDomainError } from '../../db/storage-error';
import { type ActivityData, readActivity } from './read-activity';

/** What the Activity screen can show: never a zero before the numbers are known. */
export type ActivityView =
  | { kind: 'loading' }
  | { kind: 'building'; done: number; total: number }
  | ({ kind: 'ready' } & ActivityData)
  | { kind: 'error'; code: ErrorCode; details: ErrorDetails };

/**
 * Activity as a live signal: re-read whenever events change (this tab or another).
 * When the Activity index is missing or out of step, it is built first (or the build
 * already running since start-up is joined), with its progress in the view.
 */
export function useActivity(db: TrackerDb): Signal<ActivityView> {
  const view = useSignal<ActivityView>({ kind: 'loading' });
  useEffect(() => {
    let alive = true;
    let build: ReturnType<typeof ensureActivityIndex> | null = null;
    const fail = (error: unknown) => {
      const e = toDomainError(error);
      if (alive) view.value = { kind: 'error', code: e.code, details: e.details };
    };
    const sub = liveQuery(() => readActivity(db, new Date())).subscribe({
      next: (data) => {
        if (!alive) return;
        if (data) {
          view.value = { kind: 'ready', ...data };
          return;
        }
        if (build) return;
        // Once stored, the live query sees the new index and shows it.
        build = ensureActivityIndex(db, (done, total) => {
          if (alive) view.value = { kind: 'building', done, total };
        });
        build.done.then(() => (build = null), fail);
      },
      error: fail,
    });
    return () => {
      alive = false;
      build?.stop();
      sub.unsubscribe();
    };
  }, [db]);
  return view;
}
