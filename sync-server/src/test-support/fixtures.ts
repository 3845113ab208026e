import {
  type DataFile,
  type DataFileV1,
  defaultTypeFields,
  deterministicUuid,
  type HistoryEvent,
  replay,
  STAGES,
  stateToDataFile,
  type TrackerState,
} from '@mpt/shared';

const uuid = (seed: string) => {
  // A valid v4-shaped UUID derived from the seed (deterministic fixtures).
  const hex = deterministicUuid(seed).replace(/-/g, '');
  const h = `${hex.slice(0, 12)}4${hex.slice(13, 16)}a${hex.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/**
 * A valid state: `types` types named `${prefix} n`, each with one add of 1 000 models
 * and `eventsPerType - 1` moves of one model forward, a second apart.
 */
export function makeState(types: number, eventsPerType: number, prefix = 'Fixture'): TrackerState {
  const state: TrackerState = { types: [], events: [], tombstones: [] };
  const t0 = Date.parse('2026-01-01T00:00:00.000Z');
  for (let i = 0; i < types; i++) {
    const typeId = uuid(`${prefix}-type-${i}`);
    const created = new Date(t0 + i).toISOString();
    const events: HistoryEvent[] = [];
    for (let j = 0; j < eventsPerType; j++) {
      const from = j === 0 ? null : STAGES[(j - 1) % 4]!;
      const to = j === 0 ? 'IN_BOX' : STAGES[((j - 1) % 4) + 1]!;
      events.push({
        id: uuid(`${prefix}-event-${i}-${j}`),
        type_id: typeId,
        from_stage: from,
        to_stage: to,
        qty: j === 0 ? 1000 : 1,
        created_at: new Date(t0 + i + j * 1000).toISOString(),
      });
    }
    state.events.push(...events);
    state.types.push({
      id: typeId,
      name: `${prefix} ${i}`,
      created_at: created,
      name_updated_at: created,
      ...defaultTypeFields(created),
      counts: replay(events).counts,
    });
  }
  return state;
}

/** The same state as a data file. */
export const makeFile = (types: number, eventsPerType: number, prefix?: string): DataFile =>
  stateToDataFile(makeState(types, eventsPerType, prefix), '2026-02-01T00:00:00.000Z');

/** The same data as an app before SPEC §9 wrote it: version 1, without the v2 fields. */
export function asV1File(file: DataFile): DataFileV1 {
  return {
    format: file.format,
    version: 1,
    exported_at: file.exported_at,
    types: file.types.map((t) => ({
      id: t.id,
      name: t.name,
      created_at: t.created_at,
      name_updated_at: t.name_updated_at,
      counts: t.counts,
      history: t.history.map((e) => ({
        id: e.id,
        from_stage: e.from_stage,
        to_stage: e.to_stage,
        qty: e.qty,
        created_at: e.created_at,
      })),
    })),
    tombstones: file.tombstones.map((t) => ({
      id: t.id,
      deleted_at: t.deleted_at,
      merged_into: t.merged_into,
    })),
  };
}
