import { type ErrorCode, type ErrorDetails, isSkewShown } from '@mpt/shared';
import { computed, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import type { SyncPhase } from './attempt';
import type { SchedulerState } from './scheduler';
import type { SyncRecord, SyncSettings } from './store';

/** What the header badge shows, most urgent first. */
export type BadgeKind =
  | 'off'
  | 'syncing'
  | 'offline'
  | 'unauthorized'
  | 'error'
  | 'clock'
  | 'conflicts'
  | 'doubles'
  | 'pending'
  | 'ok';

/** The sync status as signals; the service changes them, components read them. */
export interface SyncState {
  settings: Signal<SyncSettings>;
  record: Signal<SyncRecord>;
  /** local_change_seq of the database, kept live. */
  localSeq: Signal<number>;
  /** The phase of a sync this tab runs. */
  phase: Signal<SyncPhase | null>;
  /** The phase of a sync another tab runs (it holds the lock). */
  otherTabPhase: Signal<SyncPhase | null>;
  scheduler: Signal<SchedulerState>;
  /** The result of the last "test connection". */
  connection: Signal<ConnectionCheck>;
  /** Local changes not yet in a successful push. */
  pending: ReadonlySignal<number>;
  /** This tab's or another tab's phase. */
  activePhase: ReadonlySignal<SyncPhase | null>;
  /** The device clock is over 5 minutes off the server's, or changes wait for it (SPEC §10). */
  clockWrong: ReadonlySignal<boolean>;
  badge: ReadonlySignal<BadgeKind>;
}

export type ConnectionCheck =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ok'; revision: number | null }
  | { state: 'failed'; code: ErrorCode; details: ErrorDetails };

/** Builds the signals from what was stored. */
export function createSyncState(settings: SyncSettings, record: SyncRecord): SyncState {
  const state = {
    settings: signal(settings),
    record: signal(record),
    localSeq: signal(0),
    phase: signal<SyncPhase | null>(null),
    otherTabPhase: signal<SyncPhase | null>(null),
    scheduler: signal<SchedulerState>({ mode: 'idle', failures: 0, nextRetryAt: null }),
    connection: signal<ConnectionCheck>({ state: 'idle' }),
  };
  const pending = computed(() =>
    Math.max(0, state.localSeq.value - state.record.value.last_pushed_seq),
  );
  const activePhase = computed(() => state.phase.value ?? state.otherTabPhase.value);
  const clockWrong = computed(() => {
    const { clock, refused } = state.record.value;
    return (clock !== null && isSkewShown(clock.skew_ms)) || refused !== null;
  });
  const badge = computed<BadgeKind>(() => {
    if (!state.settings.value.enabled) return 'off';
    if (activePhase.value) return 'syncing';
    if (state.scheduler.value.mode === 'offline') return 'offline';
    const error = state.record.value.last_error;
    if (error?.code === 'ERR_UNAUTHORIZED') return 'unauthorized';
    if (error) return 'error';
    if (clockWrong.value) return 'clock';
    if (state.record.value.conflicts.length > 0) return 'conflicts';
    // A step perhaps entered on two devices asks the user (Settings → Sync): the header
    // says so, or the question waits unseen (review).
    if (state.record.value.doubles.length > 0) return 'doubles';
    // Never synced with this server: not "synced", whatever this device made itself.
    if (pending.value > 0 || state.record.value.last_sync_at === null) return 'pending';
    return 'ok';
  });
  return { ...state, pending, activePhase, clockWrong, badge };
}
