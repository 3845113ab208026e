import { describe, expect, it } from 'vitest';
import { armySize, groupJoin, groupNames, groupOptions, groupSpellings } from './group-names';

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

  it('says which army in use a typed one joins, by identity key: case, spacing, ß, invisible characters', () => {
    const armies = groupSpellings([of('Orks'), of('Orks'), of('orks'), of('Straße')], 'army');
    for (const typed of ['orks', 'ORKS', ' ORKS  ', 'O\u200bRKS']) {
      expect(groupJoin(typed, armies, null)).toEqual({ kind: 'joins', name: 'Orks' });
    }
    expect(groupJoin('STRASSE', armies, null)).toEqual({ kind: 'joins', name: 'Straße' });
    // The army as shown (once canonical), a new one, a blank one: nothing to say.
    for (const typed of ['Orks', '  Orks ', 'O\u200brks', 'Orkz', '', ' \u200b ']) {
      expect(groupJoin(typed, armies, null)).toBeNull();
    }
    // ё and е are two letters to the identity key (only search folds them): two armies.
    const ru = groupSpellings([of('Ёжики')], 'army');
    expect(groupJoin('Ежики', ru, null)).toBeNull();
    expect(groupJoin('ёжики', ru, null)).toEqual({ kind: 'joins', name: 'Ёжики' });
  });

  it('a type respelling its own army keeps the spelling; the list shows what most of its types use', () => {
    // The other types of the edited type's army "orks".
    const others = groupSpellings([of('Orks'), of('Orks')], 'army');
    expect(groupJoin('ORKS', others, 'orks')).toEqual({ kind: 'listedAs', name: 'Orks' });
    expect(groupJoin('Orks', others, 'orks')).toBeNull();
    // A tie goes to the smaller spelling: "ORKS" < "Orks".
    const one = groupSpellings([of('Orks')], 'army');
    expect(groupJoin('ORKS', one, 'orks')).toBeNull();
    expect(groupJoin('orks', one, 'Orks')).toEqual({ kind: 'listedAs', name: 'Orks' });
    // Moving to another army in use is joining it.
    expect(groupJoin('ORKS', one, 'Necrons')).toEqual({ kind: 'joins', name: 'Orks' });
  });
});
