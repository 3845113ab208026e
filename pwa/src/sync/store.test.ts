import type { Conflict } from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import {
  addConflicts,
  addDoubles,
  dismissConflicts,
  emptyRecord,
  loadRecord,
  loadSettings,
  RECORD_KEY,
  saveRecord,
  saveSettings,
} from './store';

function memoryStore() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

const conflict = (n: number): Conflict => ({
  type_id: '00000000-0000-4000-8000-000000000001',
  type_name: 'Orks',
  reason: 'ERR_INSUFFICIENT_QTY',
  event: {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type_id: '00000000-0000-4000-8000-000000000001',
    from_stage: 'IN_BOX',
    to_stage: 'DONE',
    qty: 2,
    created_at: '2026-11-23T10:00:00.000Z',
  },
});

describe('sync store', () => {
  it('round-trips settings and the record, and survives garbage', () => {
    const store = memoryStore();
    expect(loadSettings(store)).toEqual({ enabled: false, url: '', token: '' });
    saveSettings(store, { enabled: true, url: 'http://nas:8080', token: 's3cret' });
    expect(loadSettings(store)).toEqual({ enabled: true, url: 'http://nas:8080', token: 's3cret' });
    const record = addConflicts(
      {
        ...emptyRecord(),
        last_pushed_seq: 7,
        last_cursor: '3f0c2a5e-8d1b-4c6e-9a7f-1b2c3d4e5f60:3',
      },
      [conflict(10)],
      '2026-11-23T10:00:01.000Z',
    );
    saveRecord(store, record);
    expect(loadRecord(store)).toEqual(record);
    store.setItem(
      RECORD_KEY,
      '{"conflicts":[{"bad":1}],"last_pushed_seq":-3,"last_error":{"code":"NOPE"}}',
    );
    expect(loadRecord(store)).toEqual(emptyRecord());
    store.setItem(RECORD_KEY, 'not json');
    expect(loadRecord(store)).toEqual(emptyRecord());
  });

  it('lists each conflict once and keeps dismissed ones away', () => {
    let record = addConflicts(emptyRecord(), [conflict(1), conflict(2), conflict(1)], 'a');
    expect(record.conflicts.map((c) => c.event.id.slice(-1))).toEqual(['1', '2']);
    record = dismissConflicts(record, [conflict(1).event.id]);
    record = addConflicts(record, [conflict(1), conflict(3)], 'b');
    expect(record.conflicts.map((c) => c.event.id.slice(-1))).toEqual(['2', '3']);
    record = dismissConflicts(record);
    expect(record.conflicts).toEqual([]);
    expect(addConflicts(record, [conflict(2)], 'c').conflicts).toEqual([]);
  });

  it('round-trips conflicts with their twin and possible doubles, and drops entries that do not validate', () => {
    const at = '2026-11-30T20:00:00.000Z';
    const twin = '2026-11-30T19:40:00.000Z';
    const { reason: _, ...step } = conflict(5);
    let record = addConflicts(emptyRecord(), [{ ...conflict(4), twin_at: twin }], at);
    record = addDoubles(
      record,
      [
        { ...step, twin_at: twin },
        { ...step, twin_at: twin },
      ],
      at,
    );
    expect(record.doubles).toHaveLength(1);
    const store = memoryStore();
    saveRecord(store, record);
    expect(loadRecord(store)).toEqual(record);
    // A dismissed double stays away; broken entries are dropped, the rest kept.
    expect(
      addDoubles(dismissConflicts(record, [step.event.id]), [{ ...step, twin_at: twin }], at)
        .doubles,
    ).toEqual([]);
    store.setItem(
      RECORD_KEY,
      JSON.stringify({
        ...record,
        conflicts: [...record.conflicts, { ...conflict(6), seen_at: 'yesterday' }],
        doubles: [...record.doubles, { ...step, twin_at: 'soon', seen_at: at }, 42],
      }),
    );
    expect(loadRecord(store)).toEqual(record);
  });
});
