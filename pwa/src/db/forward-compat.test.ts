import { readDataFile, unwrap } from '@mpt/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { exportDataFile } from './export';
import { mergeIntoLocal } from './merge';
import { listRestorePoints, restoreFromPoint } from './restore-points';
import type { TrackerDb } from './schema';
import { readState } from './state-io';
import { freshDb } from './test-db';

const T = '2026-01-01T00:00:00.000Z';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A v2 file; with `newer`, fields of a newer app version at every level. */
function file(newer: boolean) {
  const x = (fields: Record<string, unknown>) => (newer ? fields : {});
  return {
    format: 'miniatures-tracker',
    version: 2,
    exported_at: T,
    goal: { metric: 'models', period: 'week', target: 3 },
    goal_updated_at: T,
    types: [
      {
        id: id(1),
        name: 'Orks',
        created_at: T,
        name_updated_at: T,
        army: 'Goffs',
        army_updated_at: T,
        game: null,
        game_updated_at: T,
        points_per_model: 2,
        points_per_model_updated_at: T,
        notes: '',
        notes_updated_at: T,
        counts: { IN_BOX: 2, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
        history: [
          {
            id: id(11),
            from_stage: null,
            to_stage: 'IN_BOX',
            qty: 2,
            created_at: T,
            ...x({ x_photo: 'box.jpg' }),
          },
        ],
        ...x({ x_color: 'green', x_color_updated_at: T }),
      },
    ],
    tombstones: [{ id: id(9), deleted_at: T, merged_into: null, ...x({ x_reason: 'sold' }) }],
    ...x({ x_app: { build: 7 } }),
  };
}

let db: TrackerDb;
afterEach(() => db?.delete());

// SPEC §9: the app keeps every field it does not know and writes it back unchanged.
describe("a newer version's fields in the app's database", () => {
  it('arrive on data already held (merged in as a delta), survive export and a restore', async () => {
    db = freshDb();
    const plain = unwrap(readDataFile(file(false)));
    const newer = unwrap(readDataFile(file(true)));
    await mergeIntoLocal(db, plain, { dryRun: false, reason: 'import' });
    const report = await mergeIntoLocal(db, newer, { dryRun: false, reason: 'sync' });
    expect(report.changed).toBe(true);
    expect(await readState(db)).toEqual(newer);
    const exported = JSON.parse(JSON.stringify(await exportDataFile(db, new Date(T))));
    expect(exported).toEqual(file(true));
    // a restore to the point before the sync takes them away, a restore after it back
    const [point] = await listRestorePoints(db);
    await restoreFromPoint(db, point!.id);
    expect(await readState(db)).toEqual(plain);
    const [undo] = await listRestorePoints(db);
    await restoreFromPoint(db, undo!.id);
    expect(await readState(db)).toEqual(newer);
  });
});
