import { appliedEvents, sameStep } from '../pipeline/replay';
import type { HistoryEvent } from '../schema/entities';

/** How far apart two taps may be and still read as one step entered on two devices. */
export const TWIN_WINDOW_MS = 12 * 60 * 60_000;

// The same tap: one type, one step, neither an undo.
const sameTap = (a: HistoryEvent, b: HistoryEvent): boolean =>
  a.type_id === b.type_id && sameStep(a, b) && a.reverts === undefined && b.reverts === undefined;

const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Pairs each of `left` with the same step among `right` (same type, stages, quantity and
 * kind, no undo) dated within TWIN_WINDOW_MS, the nearest pairs first and each event
 * used once: a greedy matching, enough for the handful a sync brings, and the same on
 * every device. Returns left id → its right twin.
 */
function pairNearest(
  left: readonly HistoryEvent[],
  right: readonly HistoryEvent[],
): Map<string, HistoryEvent> {
  const pairs: { gap: number; event: HistoryEvent; twin: HistoryEvent }[] = [];
  for (const event of left) {
    const at = Date.parse(event.created_at);
    for (const twin of right) {
      if (twin.id === event.id || !sameTap(event, twin)) continue;
      const gap = Math.abs(Date.parse(twin.created_at) - at);
      if (gap <= TWIN_WINDOW_MS) pairs.push({ gap, event, twin });
    }
  }
  pairs.sort(
    (a, b) => a.gap - b.gap || order(a.event.id, b.event.id) || order(a.twin.id, b.twin.id),
  );
  const twins = new Map<string, HistoryEvent>();
  const used = new Set<string>();
  for (const { event, twin } of pairs) {
    if (twins.has(event.id) || used.has(twin.id)) continue;
    twins.set(event.id, twin);
    used.add(twin.id);
  }
  return twins;
}

/**
 * For steps a sync set aside (SPEC §3: two devices spent the same models), the counted
 * step that looks like the same tap entered on another device (pairNearest). Then
 * nothing needs redoing for that one, and the conflict list says so. Takes the
 * set-aside events and every event of their types (the type ids must be the merged
 * ones); returns the set-aside event's id → its twin.
 */
export function sameStepTwins(
  setAside: readonly HistoryEvent[],
  histories: readonly HistoryEvent[],
): Map<string, HistoryEvent> {
  const aside = new Set(setAside.map((e) => e.id));
  return pairNearest(
    setAside,
    appliedEvents(histories).filter((e) => !aside.has(e.id)),
  );
}

/**
 * Steps this device sent that may have been logged twice: each of `mine` that is
 * counted and has a counted twin among `theirs` (another device's steps the same sync
 * brought; pairNearest). Both stay counted — a second box of the same kind looks the
 * same — so the user is asked, not corrected. Takes every event of their types as
 * `histories`; returns my event's id → the other device's twin.
 */
export function possibleDoubles(
  mine: readonly HistoryEvent[],
  theirs: readonly HistoryEvent[],
  histories: readonly HistoryEvent[],
): Map<string, HistoryEvent> {
  const counted = new Set(appliedEvents(histories).map((e) => e.id));
  return pairNearest(
    mine.filter((e) => counted.has(e.id)),
    theirs.filter((e) => counted.has(e.id)),
  );
}
