import { describe, expect, it } from 'vitest';
import { armySize, groupNames, groupOptions } from './group-names';

const of = (army: string | null, game: string | null = null) => ({ army, game });

describe('groupNames', () => {
  it('lists each army once, spelled as most of its types do, A–Z; no army left out', () => {
    const types = [of('orks'), of('Orks'), of('Orks'), of('Necrons'), of(null), of('  Orks ')];
    expect(groupNames(types, 'army')).toEqual(['Necrons', 'Orks']);
    expect(groupNames([of(null, 'Warhammer 40,000'), of('A', 'Kill Team')], 'game')).toEqual([
      'Kill Team',
      'Warhammer 40,000',
    ]);
  });

  it('counts the types of an army by identity key', () => {
    expect(armySize([of('Orks'), of('ORKS'), of('Necrons'), of(null)], 'orks')).toBe(2);
  });

  it('gives each army its identity key beside its spelling (the filter’s value)', () => {
    expect(groupOptions([of('STRASSE'), of('Straße'), of('Straße')], 'army')).toEqual([
      { key: 'strasse', name: 'Straße' },
    ]);
  });
});
