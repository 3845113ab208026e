import { compareEvents } from '../pipeline/replay';
import {
  DATA_FILE_FORMAT,
  DATA_FILE_VERSION,
  type DataFile,
  type FileEvent,
} from '../schema/data-file';
import type { HistoryEvent } from '../schema/entities';
import type { Extra } from '../values/extra';
import { nameKey } from '../values/names';
import type { TrackerState } from './state';

/**
 * An object's known fields, then its unknown ones (SPEC §9) in code-unit order. Spread
 * defines each as an own field, so even `__proto__` is written back as a field.
 */
const withUnknown = <T extends object>(known: T, extra: Extra | undefined): T =>
  extra === undefined ? known : { ...known, ...extra };

function fileEvent(e: HistoryEvent): FileEvent {
  const entry: FileEvent = {
    id: e.id,
    from_stage: e.from_stage,
    to_stage: e.to_stage,
    qty: e.qty,
    created_at: e.created_at,
  };
  if (e.reverts !== undefined) entry.reverts = e.reverts;
  if (e.rework) entry.rework = true;
  return withUnknown(entry, e.extra);
}

/**
 * A replica state as the data file v2 (SPEC §9): the goal, types A–Z with their fields
 * and their history in replay order, tombstones by id; unknown fields written back
 * after the known ones. Pure; the same state always gives the same text.
 */
export function stateToDataFile(state: TrackerState, exportedAt: Date | string): DataFile {
  const history = new Map<string, FileEvent[]>();
  for (const e of [...state.events].sort(compareEvents)) {
    const entry = fileEvent(e);
    const list = history.get(e.type_id);
    if (list) list.push(entry);
    else history.set(e.type_id, [entry]);
  }
  const types = state.types
    .map((t) => ({ t, key: nameKey(t.name) }))
    .sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.t.id < b.t.id ? -1 : 1))
    .map(({ t }) =>
      withUnknown(
        {
          id: t.id,
          name: t.name,
          created_at: t.created_at,
          name_updated_at: t.name_updated_at,
          army: t.army,
          army_updated_at: t.army_updated_at,
          game: t.game,
          game_updated_at: t.game_updated_at,
          points_per_model: t.points_per_model,
          points_per_model_updated_at: t.points_per_model_updated_at,
          notes: t.notes,
          notes_updated_at: t.notes_updated_at,
          counts: { ...t.counts },
          history: history.get(t.id) ?? [],
        },
        t.extra,
      ),
    );
  const goal = state.goal;
  return withUnknown(
    {
      format: DATA_FILE_FORMAT,
      version: DATA_FILE_VERSION,
      exported_at: typeof exportedAt === 'string' ? exportedAt : exportedAt.toISOString(),
      goal: goal?.value
        ? { metric: goal.value.metric, period: goal.value.period, target: goal.value.target }
        : null,
      goal_updated_at: goal?.updated_at ?? null,
      types,
      tombstones: [...state.tombstones]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((t) =>
          withUnknown({ id: t.id, deleted_at: t.deleted_at, merged_into: t.merged_into }, t.extra),
        ),
    },
    state.extra,
  );
}
