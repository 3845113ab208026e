import { defaultTypeFields } from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import { computeTotals } from './app-state';
import { IN_ALPHABET_ORDER, SHUFFLED } from './collation.fixture';
import { createTypeSorter } from './type-index';
import { createSearcher } from './type-search';

const filterEntries = (
  entries: Parameters<ReturnType<typeof createSearcher>['filter']>[0],
  q: string,
) => createSearcher().filter(entries, q);

const mk = (id: string, name: string, done = 0) => ({
  id,
  name,
  created_at: '2026-01-01T00:00:00.000Z',
  name_updated_at: '2026-01-01T00:00:00.000Z',
  ...defaultTypeFields('2026-01-01T00:00:00.000Z'),
  counts: { IN_BOX: 1, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: done },
});

describe('type index', () => {
  it('sorts names as the alphabet does (emoji aside, Ё beside Е, numbers by value)', () => {
    const types = SHUFFLED.map((name, i) => mk(String(i), name));
    expect(createTypeSorter()(types).map((e) => e.type.name)).toEqual(IN_ALPHABET_ORDER);
  });

  it('sorts A–Z case-insensitively and keeps the order when only counts change', () => {
    const sort = createTypeSorter();
    const types = [
      mk('1', 'ork boyz'),
      mk('2', 'Eldar'),
      mk('3', 'Intercessors'),
      mk('4', 'eldar Rangers'),
    ];
    expect(sort(types).map((e) => e.type.name)).toEqual([
      'Eldar',
      'eldar Rangers',
      'Intercessors',
      'ork boyz',
    ]);
    const moved = types.map((t) => (t.id === '1' ? mk('1', 'ork boyz', 5) : t));
    const again = sort(moved);
    expect(again.map((e) => e.type.id)).toEqual(['2', '4', '3', '1']);
    expect(again[3]!.type.counts.DONE).toBe(5);
    const renamed = sort(moved.map((t) => (t.id === '3' ? mk('3', 'Aeldari') : t)));
    expect(renamed[0]!.type.name).toBe('Aeldari');
  });

  it('filters by substring of the normalized name', () => {
    const entries = createTypeSorter()([
      mk('1', 'Ork Boyz'),
      mk('2', 'Orks  Nobz'),
      mk('3', 'Eldar'),
    ]);
    expect(filterEntries(entries, 'ORK').map((e) => e.type.id)).toEqual(['1', '2']);
    expect(filterEntries(entries, 's nob').map((e) => e.type.id)).toEqual(['2']);
    expect(filterEntries(entries, '  ')).toHaveLength(3);
    expect(filterEntries(entries, 'zzz')).toHaveLength(0);
  });

  it('finds by shared search key: any case, diacritics, ё, İ, words in any order', () => {
    const entries = createTypeSorter()([
      mk('1', 'Ёжики'),
      mk('2', 'Café Gretchin'),
      mk('3', 'Некроны — Воины'),
      mk('4', 'İnşaat Walls'),
    ]);
    const ids = (q: string) => filterEntries(entries, q).map((e) => e.type.id);
    expect(ids('ежики')).toEqual(['1']);
    expect(ids('cafe')).toEqual(['2']);
    expect(ids('некроны воины')).toEqual(['3']);
    expect(ids('воины некроны')).toEqual(['3']);
    expect(ids('inş')).toEqual(['4']);
  });

  it('totals sum every stage and give a whole percent done', () => {
    const totals = computeTotals([mk('1', 'a', 1), mk('2', 'b', 2)]);
    expect(totals).toMatchObject({ total: 5, done: 3, percent: 60 });
    expect(computeTotals([]).percent).toBe(0);
  });
});
