import type {
  ErrorCode,
  ErrorDetails,
  GoalSetting,
  MiniatureType,
  PartialCounts,
  Stage,
  TypePatch,
} from '@mpt/shared';
import type { TrackerDb } from '../db/schema';
import type { AppState } from './app-state';

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

/**
 * The named write actions the screens call; each is one db transaction. A move, add,
 * remove, rework, rename and delete offers its undo (state.undo, the snackbar).
 */
export interface Actions {
  moveOne(typeId: string, from: Stage): Promise<Outcome<MiniatureType>>;
  move(typeId: string, from: Stage, to: Stage, qty: number): Promise<Outcome<MiniatureType>>;
  add(typeId: string, stage: Stage, qty: number): Promise<Outcome<MiniatureType>>;
  remove(typeId: string, stage: Stage, qty: number): Promise<Outcome<MiniatureType>>;
  /** Sends models back to an earlier stage (SPEC §9 rework). */
  rework(typeId: string, from: Stage, to: Stage, qty: number): Promise<Outcome<MiniatureType>>;
  /** Creates a type, optionally with its army, game, points per model and notes. */
  create(
    name: string,
    counts: PartialCounts,
    fields?: Omit<TypePatch, 'name'>,
  ): Promise<Outcome<MiniatureType>>;
  /**
   * Edits a type's fields; with `allOfArmy`, its army's other types get the new army
   * too (renaming the army), in the same transaction.
   */
  updateFields(
    typeId: string,
    patch: TypePatch,
    allOfArmy: boolean,
  ): Promise<Outcome<MiniatureType>>;
  rename(typeId: string, name: string): Promise<Outcome<MiniatureType>>;
  deleteType(typeId: string): Promise<Outcome<void>>;
  /**
   * Undoes a history entry: each of its events exactly, in one transaction. A refusal
   * is returned, not raised as a notice: the caller shows it by the entry (HistoryList).
   */
  undoEntry(typeId: string, eventIds: readonly string[]): Promise<Outcome<MiniatureType>>;
  /** Runs the undo the snackbar offers; a refusal is raised as a notice. */
  undo(): Promise<void>;
  /** Sets the painting goal (SPEC §9), or clears it with null; ERR_INVALID_GOAL. */
  setGoal(goal: unknown): Promise<Outcome<GoalSetting>>;
}

const NAMES: readonly (keyof Actions)[] = [
  'moveOne',
  'move',
  'add',
  'remove',
  'rework',
  'create',
  'updateFields',
  'rename',
  'deleteType',
  'undoEntry',
  'undo',
  'setGoal',
];

/**
 * The actions (state/actions-impl.ts, loaded with the write code after the first
 * paint, keeping the initial bundle small): the result patches the list at once, a
 * storage failure is also raised as a notice, and each change offers its undo. Once
 * the write code is loaded an action runs synchronously, so its Dexie transaction
 * starts in the click's own task.
 */
export function createActions(db: TrackerDb, state: AppState): Actions {
  let impl: Actions | null = null;
  const actions = {} as Record<keyof Actions, (...args: never[]) => Promise<unknown>>;
  for (const name of NAMES) {
    actions[name] = (...args: never[]) => {
      const ops = writeOps;
      if (ops) {
        impl ??= ops.buildActions(db, state, ops);
        return (impl[name] as (...a: never[]) => Promise<unknown>)(...args);
      }
      // Without the write code loaded, loading it is what may fail (a chunk not fetched).
      return loadWriteOps().then(
        () => actions[name](...args),
        (error: unknown) => ({
          ok: false,
          code: 'ERR_INTERNAL',
          details: { message: String(error) },
        }),
      );
    };
  }
  return actions as unknown as Actions;
}
