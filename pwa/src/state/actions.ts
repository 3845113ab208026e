import type { ErrorCode, ErrorDetails, MiniatureType, PartialCounts, Stage } from '@mpt/shared';
import { nextStage } from '@mpt/shared';
import type { TrackerDb } from '../db/schema';
import { type AppState, patchType } from './app-state';

type WriteOps = typeof import('./write-ops');

// Kept once loaded: awaiting even a settled import() costs a task turn (11–17 ms after
// a click in Chromium), so an action calls the loaded module synchronously and the
// Dexie transaction starts in the click's own task.
let writeOps: WriteOps | null = null;
let loadingWriteOps: Promise<WriteOps> | null = null;

/** Loads the write operations (once); main.tsx calls it when idle after the first paint. */
export function loadWriteOps(): Promise<WriteOps> {
  loadingWriteOps ??= import('./write-ops').then((m) => (writeOps = m));
  return loadingWriteOps;
}

/** The write operations if already loaded, else null. */
export function loadedWriteOps(): WriteOps | null {
  return writeOps;
}

/** The outcome of a UI action: a value, or the code and details to show as text. */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; details: ErrorDetails };

/** The named write actions the screens call; each is one db transaction. */
export interface Actions {
  moveOne(typeId: string, from: Stage): Promise<Outcome<MiniatureType>>;
  move(typeId: string, from: Stage, to: Stage, qty: number): Promise<Outcome<MiniatureType>>;
  add(typeId: string, stage: Stage, qty: number): Promise<Outcome<MiniatureType>>;
  remove(typeId: string, stage: Stage, qty: number): Promise<Outcome<MiniatureType>>;
  create(name: string, counts: PartialCounts): Promise<Outcome<MiniatureType>>;
  rename(typeId: string, name: string): Promise<Outcome<MiniatureType>>;
  deleteType(typeId: string): Promise<Outcome<void>>;
}

/**
 * Wraps the db actions: the result patches the list at once (no wait for the live
 * query), and a storage failure is also raised as a notice, since it is not about
 * the form the user is filling in.
 */
export function createActions(db: TrackerDb, state: AppState): Actions {
  async function run<T>(
    work: (ops: WriteOps) => Promise<T>,
    patch?: (value: T) => MiniatureType | null,
  ): Promise<Outcome<T>> {
    try {
      // No await before work() once loaded: the transaction starts synchronously.
      const value = await work(writeOps ?? (await loadWriteOps()));
      const changed = patch?.(value);
      if (changed) patchType(state, changed);
      return { ok: true, value };
    } catch (error) {
      // Without the write code loaded, loading it is what failed (a chunk not fetched).
      const e = writeOps
        ? writeOps.toDomainError(error)
        : { code: 'ERR_INTERNAL' as const, details: { message: String(error) } };
      if (e.code === 'ERR_STORAGE')
        state.notice.value = { kind: 'error', code: e.code, details: e.details };
      return { ok: false, code: e.code, details: e.details };
    }
  }
  const typeOf = <T extends { type: MiniatureType }>(r: T) => r.type;
  const self = (t: MiniatureType) => t;
  const move: Actions['move'] = (typeId, from, to, qty) =>
    run((ops) => ops.moveModels(db, { typeId, from, to, qty }), typeOf).then(mapType);
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
      run((ops) => ops.addModels(db, { typeId, stage, qty }), typeOf).then(mapType),
    remove: (typeId, stage, qty) =>
      run((ops) => ops.removeModels(db, { typeId, stage, qty }), typeOf).then(mapType),
    create: (name, counts) =>
      run(
        (ops) => ops.createType(db, { name, counts }),
        (created) => {
          // A search the new type does not match would hide it on the list: clear it.
          const search = state.searcher.value;
          const shown = search ? search.filter([{ type: created }], state.query.value) : [];
          if (state.query.value.trim() !== '' && shown.length === 0) state.query.value = '';
          return created;
        },
      ),
    rename: (typeId, name) => run((ops) => ops.renameType(db, typeId, name), self),
    deleteType: (typeId) =>
      run(async (ops) => {
        await ops.deleteType(db, typeId);
        const list = state.types.value;
        if (list) state.types.value = list.filter((t) => t.id !== typeId);
      }),
  };
}

function mapType<T extends { type: MiniatureType }>(out: Outcome<T>): Outcome<MiniatureType> {
  return out.ok ? { ok: true, value: out.value.type } : out;
}
