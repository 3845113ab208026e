import { ok, type Result } from '../errors';
import { LIMITS } from '../limits';
import {
  ledgerAfter,
  ledgerOf,
  planAdd,
  planDelete,
  planRemove,
  type TypeLedger,
} from '../pipeline/operations';
import { compareEvents, replay } from '../pipeline/replay';
import { type Counts, countsEqual, STAGES, zeroCounts } from '../pipeline/stages';
import { type HistoryLedger, planRevert } from '../pipeline/undo';
import type { HistoryEvent, MiniatureType, Tombstone } from '../schema/entities';
import { deterministicUuid } from '../transfer/deterministic-id';
import { foldedTarget } from '../transfer/folds';
import type { TrackerState } from '../transfer/state';
import { nextEventTime } from '../values/time';

/** What a set of corrections does, for the confirmation and the result line. */
export interface CorrectionSummary {
  /** Types created since the target, deleted now. */
  deleted: number;
  /** Their names, A–Z by code point, for the confirmation to say which. */
  deletedNames: string[];
  /** Types deleted since the target, created again (with a new id and their history). */
  recreated: number;
  renamed: number;
  /** Types whose counts change (each by add and remove events). */
  recounted: number;
  /** Add and remove events written to bring counts back. */
  events: number;
}

/** A summary with nothing corrected. */
export const noCorrections = (): CorrectionSummary => ({
  deleted: 0,
  deletedNames: [],
  recreated: 0,
  renamed: 0,
  recounted: 0,
  events: 0,
});

const createdFirst = (a: MiniatureType, b: MiniatureType) =>
  a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : a.id < b.id ? -1 : 1;

/**
 * The corrections that make `current` show what `target` (a restore point, a server
 * revision) shows, recorded as ordinary changes that sync like any other (SPEC §10,
 * "everywhere"): renames, deletes of types created since, adds and removes that bring
 * every stage's count back, and types deleted since created again under a new id
 * derived from the old one, with their history. Nothing is erased: deleted types stay
 * tombstones and history only grows. A type of `target` that was folded into another
 * since is counted in the type it was folded into. Returns the state after the
 * corrections (write diffStates(current, state)) and a summary; fails only with
 * ERR_TIME_OUT_OF_RANGE (a wild clock).
 */
export function planCorrections(
  current: TrackerState,
  target: TrackerState,
  ctx: { now: Date; newId: () => string },
): Result<{ state: TrackerState; summary: CorrectionSummary }> {
  const live = new Map(current.types.map((t) => [t.id, t]));
  const tombs = new Map(current.tombstones.map((t) => [t.id, t]));
  const byType = new Map<string, HistoryEvent[]>();
  for (const e of current.events) {
    const list = byType.get(e.type_id);
    if (list) list.push(e);
    else byType.set(e.type_id, [e]);
  }
  const targetIds = new Set(target.events.map((e) => e.id));
  const targetEvents = new Map<string, HistoryEvent[]>();
  for (const e of target.events) {
    const list = targetEvents.get(e.type_id);
    if (list) list.push(e);
    else targetEvents.set(e.type_id, [e]);
  }
  const summary = noCorrections();

  // Where each target type lives now: itself, the type it was folded into, or (deleted
  // since) a copy under a derived id, made once and found again by a later restore.
  const groups = new Map<string, MiniatureType[]>();
  for (const t of target.types) {
    let id = foldedTarget(
      t.id,
      (x) => live.has(x),
      (x) => tombs.get(x)?.merged_into,
    );
    if (id === null) {
      let copy = deterministicUuid(`restored|${t.id}`);
      while (tombs.has(copy)) copy = deterministicUuid(`restored|${copy}`);
      if (!live.has(copy)) {
        const events = (targetEvents.get(t.id) ?? []).map((e) => ({
          ...e,
          id: deterministicUuid(`restored|${copy}|${e.id}`),
          type_id: copy,
        }));
        live.set(copy, { ...t, id: copy, counts: replay(events).counts });
        byType.set(copy, events);
        summary.recreated++;
      }
      id = copy;
    }
    const group = groups.get(id);
    if (group) group.push(t);
    else groups.set(id, [t]);
  }

  const tombstones: Tombstone[] = [...current.tombstones];
  const types: MiniatureType[] = [];
  for (const type of live.values()) {
    const group = groups.get(type.id);
    if (!group) {
      const tomb = planDelete(type.id, ctx.now);
      if (!tomb.ok) return tomb;
      tombstones.push(tomb.value);
      byType.delete(type.id);
      summary.deleted++;
      summary.deletedNames.push(type.name);
      continue;
    }
    const named = group.find((t) => t.id === type.id) ?? [...group].sort(createdFirst)[0]!;
    let next: MiniatureType = type;
    if (named.name !== type.name) {
      const time = nextEventTime(ctx.now, type.name_updated_at);
      if (!time.ok) return time;
      next = { ...type, name: named.name, name_updated_at: time.value };
      summary.renamed++;
    }
    const want = zeroCounts();
    for (const t of group) for (const s of STAGES) want[s] += t.counts[s];
    const events = byType.get(type.id) ?? [];
    const undone = countsEqual(type.counts, want)
      ? ok({ events: [], ledger: ledgerOf(next, events) })
      : undoSince(ledgerOf(next, events), targetIds, ctx);
    if (!undone.ok) return undone;
    const adjusted = adjustCounts(undone.value.ledger, want, ctx);
    if (!adjusted.ok) return adjusted;
    adjusted.value.events.unshift(...undone.value.events);
    events.push(...adjusted.value.events);
    byType.set(type.id, events);
    summary.events += adjusted.value.events.length;
    if (adjusted.value.events.length > 0) summary.recounted++;
    types.push({ ...next, counts: adjusted.value.counts });
  }
  summary.deletedNames.sort();
  return ok({
    state: {
      types,
      events: [...byType.values()].flat().sort(compareEvents),
      tombstones,
    },
    summary,
  });
}

/**
 * Undoes exactly, newest first, each of the type's events that `target` lacks (what
 * happened here since), while its undo applies (SPEC §10: corrections are reverts too):
 * Activity then nets those moves out instead of counting the restore as models bought
 * and finished (review). An undo, or an event already undone or set aside, is passed
 * over; so is one whose models have moved on. The rest is left to adjustCounts.
 */
function undoSince(
  start: TypeLedger,
  targetIds: ReadonlySet<string>,
  ctx: { now: Date; newId: () => string },
): Result<{ events: HistoryEvent[]; ledger: TypeLedger }> {
  let ledger: HistoryLedger = { ...start, history: start.history ?? [] };
  const since = ledger.history
    .filter((e) => !targetIds.has(e.id) && e.reverts === undefined)
    .sort((a, b) => compareEvents(b, a));
  const events: HistoryEvent[] = [];
  for (const e of since) {
    const undo = planRevert(ledger, { event_id: e.id }, { eventId: ctx.newId(), now: ctx.now });
    if (!undo.ok) {
      if (undo.code === 'ERR_TIME_OUT_OF_RANGE') return undo;
      continue;
    }
    events.push(undo.value.event);
    ledger = ledgerAfter(ledger, undo.value);
  }
  return ok({ events, ledger });
}

/** Removes, then adds, in steps of at most LIMITS.qty, until the counts are `want`. */
function adjustCounts(
  start: TypeLedger,
  want: Counts,
  ctx: { now: Date; newId: () => string },
): Result<{ events: HistoryEvent[]; counts: Counts }> {
  let ledger = start;
  const events: HistoryEvent[] = [];
  for (const removing of [true, false]) {
    for (const stage of STAGES) {
      let gap = want[stage] - ledger.counts[stage];
      while (removing ? gap < 0 : gap > 0) {
        const qty = Math.min(Math.abs(gap), LIMITS.qty);
        const opCtx = { eventId: ctx.newId(), now: ctx.now };
        const change = removing
          ? planRemove(ledger, { stage, qty }, opCtx)
          : planAdd(ledger, { stage, qty }, opCtx);
        if (!change.ok) return change;
        events.push(change.value.event);
        ledger = ledgerAfter(ledger, change.value);
        gap = want[stage] - ledger.counts[stage];
      }
    }
  }
  return ok({ events, counts: ledger.counts });
}
