import type { MiniatureType } from '@mpt/shared';
import { effect, signal } from '@preact/signals';
import type { TrackerDb } from '../db/schema';
import { type ListView, recordChangedAt } from './list-view';
import { latestEventTimes } from './recent-changes';
import { readView, saveView } from './view-store';

/** The list's view, read from the device once and saved on every change. */
export const listView = signal<ListView>(readView());

/** Changes the view (and remembers it on the device). */
export function setListView(next: ListView): void {
  listView.value = next;
  saveView(next);
}

/** Each type's newest event time (only read while the list is sorted by recent change). */
export const recentEvents = signal<ReadonlyMap<string, string>>(new Map());

/**
 * Keeps recentEvents current while the sort is "recently changed": read again after
 * each change of the types (a move makes a new type record). Returns the stop function.
 */
export function followRecent(db: TrackerDb, types: () => readonly MiniatureType[] | null) {
  let run = 0;
  return effect(() => {
    if (listView.value.sort !== 'recent') return;
    types(); // re-read when the types change
    const mine = ++run;
    void latestEventTimes(db).then((m) => {
      if (mine === run) recentEvents.value = m;
    });
  });
}

/** A type's last change: the newer of its record's times and its newest event. */
export function changedAt(t: MiniatureType, events: ReadonlyMap<string, string>): string {
  const record = recordChangedAt(t);
  const event = events.get(t.id);
  return event !== undefined && event > record ? event : record;
}
