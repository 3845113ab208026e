import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, type ListView } from './list-view';
import { parseView, readView, saveView, toggleFolded, VIEW_STORAGE_KEY } from './view-store';

function memory() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('the list view on the device', () => {
  it('reads back what was saved', () => {
    const store = memory();
    const view: ListView = {
      group: false,
      army: 'orks',
      game: 'kill team',
      sort: 'inBox',
      metric: 'points',
      folded: ['', 'necrons'],
    };
    saveView(view, store);
    expect(JSON.parse(store.data.get(VIEW_STORAGE_KEY)!)).toEqual(view);
    expect(readView(store)).toEqual(view);
  });

  it('gives the default with nothing stored, text that is not JSON, or no storage', () => {
    expect(readView(memory())).toEqual(DEFAULT_VIEW);
    const broken = memory();
    broken.data.set(VIEW_STORAGE_KEY, '{not json');
    expect(readView(broken)).toEqual(DEFAULT_VIEW);
    expect(readView(null)).toEqual(DEFAULT_VIEW);
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readView(throwing)).toEqual(DEFAULT_VIEW);
    expect(() =>
      saveView(DEFAULT_VIEW, {
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      }),
    ).not.toThrow();
  });

  it('keeps each well-formed field and defaults the others', () => {
    expect(
      parseView({ group: 'yes', army: 5, game: '', sort: 'size', metric: 'points', folded: 'x' }),
    ).toEqual({ ...DEFAULT_VIEW, metric: 'points' });
    expect(parseView({ army: '', folded: ['a', 'a', 3, null, ''] })).toEqual({
      ...DEFAULT_VIEW,
      army: '',
      folded: ['a', ''],
    });
    expect(parseView([1, 2])).toEqual(DEFAULT_VIEW);
    expect(parseView(null)).toEqual(DEFAULT_VIEW);
    expect(
      parseView({ folded: Array.from({ length: 5_000 }, (_, i) => `k${i}`) }).folded,
    ).toHaveLength(1_000);
  });

  it('folds a section and unfolds it again', () => {
    const once = toggleFolded(DEFAULT_VIEW, 'orks');
    expect(once.folded).toEqual(['orks']);
    expect(toggleFolded(toggleFolded(once, ''), 'orks').folded).toEqual(['']);
  });
});
