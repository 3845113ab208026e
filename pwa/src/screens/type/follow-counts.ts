import type { Counts, Stage } from '@mpt/shared';
import type { Signal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** A form's source stage and quantity. */
export interface SourceChoice {
  source: Stage;
  /** As typed: NaN when blank (the form's own check says so on submit). */
  qty: number;
}

/**
 * The source and quantity a form shows once the counts changed under it (an undo, a
 * sync, another tab): the stage the user chose (`chosen`: picked, or the one the form
 * opened with) whenever it holds models — so an undo of "All" brings the form back to
 * it (review) —, else the current one while it holds models, else `pick(counts)` — the
 * rule the form opened with — when that stage holds models (else it stays, and the form
 * says why it cannot move); a quantity above what the source holds comes down to it. A
 * choice still valid and chosen comes back as it was. Takes models per stage; returns a
 * new object only on change.
 */
export function followCounts(
  counts: Counts,
  choice: SourceChoice,
  pick: (counts: Counts) => Stage,
  chosen: Stage | null = null,
): SourceChoice {
  const picked = pick(counts);
  const source =
    chosen !== null && counts[chosen] > 0
      ? chosen
      : counts[choice.source] === 0 && counts[picked] > 0
        ? picked
        : choice.source;
  const held = counts[source];
  // NaN (a blank field) compares false: left for the form's own error on submit.
  const qty = held > 0 && choice.qty > held ? held : choice.qty;
  return source === choice.source && Object.is(qty, choice.qty) ? choice : { source, qty };
}

/**
 * A form's target among `options` (the stages its source allows, the nearest first):
 * the one the user picked while it is allowed, else the nearest. So a source changed
 * for the user (and back, after an undo) keeps the user's target, and a target the form
 * chose itself never sticks. Takes stages; returns one of `options`.
 */
export function targetFor(options: readonly Stage[], picked: Stage | null): Stage {
  return picked !== null && options.includes(picked) ? picked : options[0]!;
}

/** What useFollowCounts keeps usable: the form's signals and its own rules. */
export interface FollowedForm {
  source: Signal<Stage>;
  qty: Signal<number>;
  /** The source the form opens with for these counts. */
  pick: (counts: Counts) => Stage;
  /** Called after the source changed (a move form fixes its target here). */
  onSource?: (source: Stage) => void;
}

/**
 * Keeps a form's source and quantity usable whenever `counts` changes after the first
 * render (followCounts), before the browser paints; a choice the user made that still
 * works is left alone, and the source the user chose (or the form opened with) — any
 * source this hook did not set itself — is taken back once it holds models again. The form's error stays: a move refused because another tab took
 * the models says so though the form has moved on. `form` null: nothing is followed
 * (adding: no source to run out).
 */
export function useFollowCounts(counts: Counts, form: FollowedForm | null): void {
  const seen = useRef(counts);
  const chosen = useRef<Stage | null>(form?.source.peek() ?? null);
  const set = useRef<Stage | null>(null);
  useLayoutEffect(() => {
    if (!form) return;
    const current = form.source.peek();
    if (current !== set.current) chosen.current = current;
    if (seen.current === counts) return;
    seen.current = counts;
    const before = { source: current, qty: form.qty.peek() };
    const after = followCounts(counts, before, form.pick, chosen.current);
    if (after === before) return;
    set.current = after.source;
    form.source.value = after.source;
    form.qty.value = after.qty;
    if (after.source !== before.source) form.onSource?.(after.source);
  });
}
