import type { MiniatureType, Stage } from '@mpt/shared';
import { nextStage } from '@mpt/shared';
import type { Applied } from '../db/events';
import type { TrackerDb } from '../db/schema';
import type { Actions, Outcome } from './actions';
import { type AppState, patchType, setAsideOffer, type UndoOffer } from './app-state';

type WriteOps = typeof import('./write-ops');

let offers = 0;

/**
 * Wraps the db actions: the result patches the list at once (no wait for the live
 * query), and a storage failure is also raised as a notice, since it is not about
 * the form the user is filling in.
 */
export function buildActions(db: TrackerDb, state: AppState, writeOps: WriteOps): Actions {
  async function run<T>(
    work: (ops: WriteOps) => Promise<T>,
    patch?: (value: T) => MiniatureType | null,
  ): Promise<Outcome<T>> {
    try {
      // No await before work(): the transaction starts synchronously.
      const value = await work(writeOps);
      const changed = patch?.(value);
      if (changed) patchType(state, changed);
      return { ok: true, value };
    } catch (error) {
      const e = writeOps.toDomainError(error);
      if (e.code === 'ERR_STORAGE')
        state.notice.value = { kind: 'error', code: e.code, details: e.details };
      return { ok: false, code: e.code, details: e.details };
    }
  }
  const typeOf = <T extends { type: MiniatureType }>(r: T) => r.type;
  const self = (t: MiniatureType) => t;
  const offer = (
    key: string,
    params: Record<string, unknown>,
    undo: UndoOffer['undo'],
    eventIds?: readonly string[],
  ) => {
    state.undo.value = { id: ++offers, key, params, undo, ...(eventIds && { eventIds }) };
  };
  const revert = (typeId: string, eventIds: readonly string[]) =>
    run((ops) => ops.revertEvents(db, { typeId, eventIds }), typeOf).then(mapType);
  /**
   * "Undone." in the snackbar, or the refusal (the snackbar closes: it would hide what
   * says why). `notice`: the refusal is raised as a notice, in an undo's words; a history
   * entry's refusal is not — HistoryList shows it under the entry, where the tap was.
   */
  const report = <T>(out: Outcome<T>, notice: boolean): Outcome<T> => {
    if (out.ok) offer('undo.done', {}, null);
    else {
      state.undo.value = null;
      if (notice && out.code !== 'ERR_STORAGE') {
        state.notice.value = { kind: 'error', code: out.code, details: out.details, undo: true };
      }
    }
    return out;
  };
  /** A change of counts, offered for undo as `key` ("Moved 1 Ork Boyz to Building"). */
  const counted =
    (key: string, to: Stage | null, from: Stage | null) =>
    (out: Outcome<Applied>): Outcome<MiniatureType> => {
      if (out.ok) {
        const { type, event } = out.value;
        offer(
          key,
          { count: event.qty, name: type.name, to, from },
          () => revert(type.id, [event.id]),
          [event.id],
        );
      }
      return mapType(out);
    };
  const move: Actions['move'] = (typeId, from, to, qty) =>
    run((ops) => ops.moveModels(db, { typeId, from, to, qty }), typeOf).then(
      counted('undo.moved', to, from),
    );
  return {
    async moveOne(typeId, from) {
      const to = nextStage(from);
      if (to === null) return { ok: false, code: 'ERR_INVALID_STAGE_TRANSITION', details: {} };
      const out = await move(typeId, from, to, 1);
      if (!out.ok && out.code !== 'ERR_STORAGE') {
        state.notice.value = { kind: 'error', code: out.code, details: out.details };
      }
      return out;
    },
    move,
    add: (typeId, stage, qty) =>
      run((ops) => ops.addModels(db, { typeId, stage, qty }), typeOf).then(
        counted('undo.added', stage, null),
      ),
    remove: (typeId, stage, qty) =>
      run((ops) => ops.removeModels(db, { typeId, stage, qty }), typeOf).then(
        counted('undo.removed', null, stage),
      ),
    rework: (typeId, from, to, qty) =>
      run((ops) => ops.reworkModels(db, { typeId, from, to, qty }), typeOf).then(
        counted('undo.reworked', to, from),
      ),
    create: (name, counts, fields = {}) =>
      run(
        (ops) => ops.createType(db, { ...fields, name, counts }),
        (created) => {
          // A search the new type does not match would hide it on the list: clear it.
          const search = state.searcher.value;
          const shown = search ? search.filter([{ type: created }], state.query.value) : [];
          if (state.query.value.trim() !== '' && shown.length === 0) state.query.value = '';
          return created;
        },
      ),
    updateFields: (typeId, patch, allOfArmy) =>
      run((ops) => ops.updateTypeAndArmy(db, typeId, patch, allOfArmy), typeOf).then(mapType),
    async rename(typeId, name) {
      const before = state.types.value?.find((t) => t.id === typeId)?.name;
      const out = await run((ops) => ops.renameType(db, typeId, name), self);
      if (out.ok && before !== undefined && before !== out.value.name) {
        offer('undo.renamed', { from: before, to: out.value.name }, () =>
          run((ops) => ops.renameType(db, typeId, before), self),
        );
      }
      return out;
    },
    async deleteType(typeId) {
      const out = await run(async (ops) => {
        const deleted = await ops.deleteType(db, typeId);
        const list = state.types.value;
        if (list) state.types.value = list.filter((t) => t.id !== typeId);
        return deleted;
      });
      if (!out.ok) return out;
      const deleted = out.value;
      offer('undo.deleted', { name: deleted.type.name }, () =>
        run((ops) => ops.restoreDeletedType(db, deleted), self),
      );
      return { ok: true, value: undefined };
    },
    setGoal: (goal) => run((ops) => ops.setGoal(db, goal)),
    undoEntry: (typeId, eventIds) =>
      revert(typeId, eventIds).then((out) => {
        if (!setAside(out)) return report(out, false);
        // An entry drawn before the sync that set a step aside: the refusal is whole
        // (nothing undone), and the history redrawn without the step can be undone.
        offer(eventIds.length > 1 ? 'undo.setAsideInEntry' : 'undo.setAsideStep', {}, null);
        return out;
      }),
    async undo() {
      const current = state.undo.value;
      if (!current?.undo) return;
      // Taken at once, so a second press (or Ctrl+Z) cannot run it twice.
      state.undo.value = { ...current, undo: null };
      const out = (await current.undo()) as Outcome<unknown>;
      // Set aside after the offer was made and before the sync's report withdrew it.
      if (setAside(out)) state.undo.value = setAsideOffer(current);
      else report(out, true);
    },
  };
}

/**
 * A refused undo whose step a sync set aside (shared's planRevert: ERR_NOT_REVERTIBLE,
 * reason not_applied): never applied, so there was nothing to undo — said as such,
 * not as an error.
 */
function setAside(out: Outcome<unknown>): boolean {
  return !out.ok && out.code === 'ERR_NOT_REVERTIBLE' && out.details.reason === 'not_applied';
}

function mapType<T extends { type: MiniatureType }>(out: Outcome<T>): Outcome<MiniatureType> {
  return out.ok ? { ok: true, value: out.value.type } : out;
}
