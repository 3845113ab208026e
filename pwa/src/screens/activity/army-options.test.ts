import { defaultTypeFields, type MiniatureType } from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import { IN_ALPHABET_ORDER, SHUFFLED } from '../../state/collation.fixture';
import { armyOptions } from './ActivityControls';

const at = '2026-01-01T00:00:00.000Z';
const typed = (army: string | null, n: number): MiniatureType => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `Unit ${n}`,
  created_at: at,
  name_updated_at: at,
  ...defaultTypeFields(at),
  army,
  counts: { IN_BOX: 1, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
});

describe('armyOptions', () => {
  it('offers the armies in the alphabet’s order (Ё beside Е, numbers by value), no army last', () => {
    const labels = armyOptions([null, ...SHUFFLED].map(typed)).map((a) => a.label);
    expect(labels).toEqual([...IN_ALPHABET_ORDER, '']);
  });
});
