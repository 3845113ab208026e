import { appliedEvents } from '../pipeline/replay';
import type { HistoryEvent } from '../schema/entities';

/** How far apart two taps may be and still read as one step entered on two devices. */
export const TWIN_WINDOW_MS = 12 * 60 * 60_000;

const sameStep = (a: HistoryEvent, b: HistoryEvent): boolean =>
  a.from_stage === b.from_stage &&
  a.to_stage === b.to_stage &&
  a.qty === b.qty &&
  a.rework === b.rework &&
  a.reverts === undefined &&
  b.reverts === undefined;

/**
 * For steps a sync set aside (SPEC §3: two devices spent the same models), the counted
 * step of the same type that looks like the same tap entered on another device: same
 * stages, quantity and kind (no undo), dated within TWIN_WINDOW_MS of it. Then nothing
 * needs redoing for that one, and the conflict list says so. Each counted step answers
 * for at most one set-aside step, the nearest in time first. Takes the set-aside events
 * and every event of their types (the type ids must be the merged ones); returns the
 * set-aside event's id → its twin.
 */
export function sameStepTwins(
  setAside: readonly HistoryEvent[],
  histories: readonly HistoryEvent[],
): Map<string, HistoryEvent> {
  const aside = new Set(setAside.map((e) => e.id));
  const counted = appliedEvents(histories).filter((e) => !aside.has(e.id));
  const pairs: { gap: number; event: HistoryEvent; twin: HistoryEvent }[] = [];
  for (const event of setAside) {
    const at = Date.parse(event.created_at);
    for (const twin of counted) {
      if (twin.type_id !== event.type_id || !sameStep(event, twin)) continue;
      const gap = Math.abs(Date.parse(twin.created_at) - at);
      if (gap <= TWIN_WINDOW_MS) pairs.push({ gap, event, twin });
    }
  }
  // Nearest pairs first, each side used once: a greedy matching is enough at this size
  // (a handful of conflicts) and is the same on every device.
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
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
