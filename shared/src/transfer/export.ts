import { compareEvents } from '../pipeline/replay';
import {
  DATA_FILE_FORMAT,
  DATA_FILE_VERSION,
  type DataFile,
  type FileEvent,
} from '../schema/data-file';
import { nameKey } from '../values/names';
import type { TrackerState } from './state';

/** A replica state as the data file v1: types A–Z with their history in replay order. */
export function stateToDataFile(state: TrackerState, exportedAt: Date | string): DataFile {
  const history = new Map<string, FileEvent[]>();
  for (const e of [...state.events].sort(compareEvents)) {
    const entry: FileEvent = {
      id: e.id,
      from_stage: e.from_stage,
      to_stage: e.to_stage,
      qty: e.qty,
      created_at: e.created_at,
    };
    const list = history.get(e.type_id);
    if (list) list.push(entry);
    else history.set(e.type_id, [entry]);
  }
  const types = state.types
    .map((t) => ({ t, key: nameKey(t.name) }))
    .sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.t.id < b.t.id ? -1 : 1))
    .map(({ t }) => ({
      id: t.id,
      name: t.name,
      created_at: t.created_at,
      name_updated_at: t.name_updated_at,
      counts: { ...t.counts },
      history: history.get(t.id) ?? [],
    }));
  return {
    format: DATA_FILE_FORMAT,
    version: DATA_FILE_VERSION,
    exported_at: typeof exportedAt === 'string' ? exportedAt : exportedAt.toISOString(),
    types,
    tombstones: [...state.tombstones].sort((a, b) => (a.id < b.id ? -1 : 1)).map((t) => ({ ...t })),
  };
}
