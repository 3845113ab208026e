import { defaultTypeFields, type MiniatureType } from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import { IN_ALPHABET_ORDER, SHUFFLED } from './collation.fixture';
import { DEFAULT_VIEW, listRows, percentDone, recordChangedAt } from './list-view';

let n = 0;
function type(
  name: string,
  counts: Partial<MiniatureType['counts']>,
  over: Partial<MiniatureType> = {},
): MiniatureType {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    name,
    created_at: at,
    name_updated_at: at,
    ...defaultTypeFields(at),
    counts: { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0, ...counts },
    ...over,
  };
}

const boyz = type('Boyz', { IN_BOX: 10, DONE: 10 }, { army: 'Orks', points_per_model: 9 });
const trukk = type('Trukk', { DONE: 1 }, { army: 'orks', game: 'Kill Team', points_per_model: 70 });
const warriors = type('Warriors', { IN_BOX: 20 }, { army: 'Necrons' });
const loose = type('Zombie', { PAINTING: 1 });
const all = [boyz, trukk, warriors, loose]; // A–Z

const names = (rows: ReturnType<typeof listRows>) =>
  rows.map((r) => (r.kind === 'group' ? `[${r.army ?? '-'}]` : r.type.name));

describe('listRows', () => {
  it('groups by army (one section per identity key, "No army" last) with totals in models and points', () => {
    const rows = listRows(all, DEFAULT_VIEW);
    expect(names(rows)).toEqual([
      '[Necrons]',
      'Warriors',
      '[Orks]',
      'Boyz',
      'Trukk',
      '[-]',
      'Zombie',
    ]);
    const orks = rows[2]!;
    if (orks.kind !== 'group') throw new Error('a group');
    expect(orks.totals.models.total).toBe(21);
    expect(orks.totals.points.total).toBe(20 * 9 + 70);
    expect(percentDone(orks.totals, 'models')).toBe(52); // 11 of 21
    expect(percentDone(orks.totals, 'points')).toBe(64); // 10 × 9 + 70 = 160 of 250
  });

  it('orders sections as the alphabet does: Ё beside Е, numbers by value', () => {
    const rows = listRows(
      SHUFFLED.map((army) => type(`${army} unit`, { IN_BOX: 1 }, { army })),
      DEFAULT_VIEW,
    );
    const sections = rows.filter((r) => r.kind === 'group').map((r) => r.army);
    expect(sections).toEqual(IN_ALPHABET_ORDER);
  });

  it('folds a section to its heading; filters by army and by game; flat without grouping', () => {
    expect(names(listRows(all, { ...DEFAULT_VIEW, folded: ['orks'] }))).toEqual([
      '[Necrons]',
      'Warriors',
      '[Orks]',
      '[-]',
      'Zombie',
    ]);
    expect(names(listRows(all, { ...DEFAULT_VIEW, group: false, army: 'orks' }))).toEqual([
      'Boyz',
      'Trukk',
    ]);
    expect(names(listRows(all, { ...DEFAULT_VIEW, group: false, army: '' }))).toEqual(['Zombie']);
    expect(names(listRows(all, { ...DEFAULT_VIEW, game: 'kill team' }))).toEqual([
      '[Orks]',
      'Trukk',
    ]);
  });

  it('sorts by % done, by most in the box and by recent change, ties A–Z', () => {
    const flat = { ...DEFAULT_VIEW, group: false };
    expect(names(listRows(all, { ...flat, sort: 'done' }))).toEqual([
      'Trukk',
      'Boyz',
      'Warriors',
      'Zombie',
    ]);
    expect(names(listRows(all, { ...flat, sort: 'inBox' }))).toEqual([
      'Warriors',
      'Boyz',
      'Trukk',
      'Zombie',
    ]);
    const when = new Map([
      [warriors.id, '2026-03-01T00:00:00.000Z'],
      [loose.id, '2026-02-01T00:00:00.000Z'],
    ]);
    expect(
      names(listRows(all, { ...flat, sort: 'recent' }, (t) => when.get(t.id) ?? t.created_at)),
    ).toEqual(['Warriors', 'Zombie', 'Boyz', 'Trukk']);
  });

  it("a record's last change is its newest field time", () => {
    expect(recordChangedAt({ ...boyz, notes_updated_at: '2026-05-01T00:00:00.000Z' })).toBe(
      '2026-05-01T00:00:00.000Z',
    );
  });

  it('stays fast enough at 10 000 types (linear apart from the sort)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      type(`T${i}`, { IN_BOX: i % 7, DONE: i % 5 }, { army: `Army ${i % 40}` }),
    );
    const rows = listRows(many, { ...DEFAULT_VIEW, sort: 'done' });
    expect(rows.filter((r) => r.kind === 'group')).toHaveLength(40);
    expect(rows).toHaveLength(10_040);
  });
});
