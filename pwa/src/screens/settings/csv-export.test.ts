import type { Counts, MiniatureType } from '@mpt/shared';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, t } from '../../i18n';
import { csvFileName, csvHeader, csvRows, csvSeparator, toCsv } from './csv-export';

const T = '2026-11-01T00:00:00.000Z';
let n = 0;
const type = (
  name: string,
  counts: Partial<Counts> = {},
  fields: Partial<Pick<MiniatureType, 'army' | 'game' | 'points_per_model'>> = {},
): MiniatureType => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  name,
  created_at: T,
  name_updated_at: T,
  army: null,
  army_updated_at: T,
  game: null,
  game_updated_at: T,
  points_per_model: 1,
  points_per_model_updated_at: T,
  notes: '',
  notes_updated_at: T,
  counts: { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0, ...counts },
  ...fields,
});

/** Parses a produced file back: BOM off, the language's separator, every cell as text. */
const parse = (csv: string, delimiter: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  // The last CRLF ends the last record; it does not start an empty one.
  const result = Papa.parse<string[]>(csv.slice(1, -2), { delimiter, newline: '\r\n' });
  expect(result.errors).toEqual([]);
  return result.data;
};

beforeAll(() => initI18n('en'));

describe('csvRows', () => {
  it('gives name, army, game, points, the five counts and the whole % done', () => {
    const rows = csvRows([
      type('Boyz', { IN_BOX: 2, PAINTING: 1, DONE: 3 }, { army: 'Orks', game: 'WH40k' }),
      type('Empty'),
      type('Tank', { DONE: 1, IN_BOX: 2 }, { points_per_model: 250 }),
    ]);
    expect(rows).toEqual([
      ['Boyz', 'Orks', 'WH40k', 1, 2, 0, 0, 1, 3, 50],
      ['Empty', '', '', 1, 0, 0, 0, 0, 0, 0],
      // 1 of 3 is 33.3…%: rounded down, as the list shows it, never a decimal
      ['Tank', '', '', 250, 2, 0, 0, 0, 1, 33],
    ]);
  });

  it('keeps the order it is given (the list A–Z)', () => {
    const rows = csvRows([type('b'), type('A'), type('ё')]);
    expect(rows.map((r) => r[0])).toEqual(['b', 'A', 'ё']);
  });
});

describe('csvHeader', () => {
  it('speaks the app language', async () => {
    await initI18n('en');
    expect(csvHeader(t)).toEqual([
      'Name',
      'Army',
      'Game',
      'Points per model',
      'In box',
      'Building',
      'Priming',
      'Painting',
      'Done',
      '% done',
    ]);
    await initI18n('ru');
    expect(csvHeader(t)).toEqual([
      'Название',
      'Армия',
      'Игра',
      'Очков за модель',
      'В коробке',
      'Сборка',
      'Грунтовка',
      'Покраска',
      'Готово',
      '% готово',
    ]);
    await initI18n('en');
  });
});

describe('toCsv', () => {
  const header = ['Name', 'Army', 'Game', 'Points', 'A', 'B', 'C', 'D', 'E', '%'];

  it('starts with a BOM, ends lines with CRLF and separates by the language', () => {
    const rows = csvRows([type('Boyz', { DONE: 1 }, { army: 'Orks' })]);
    expect(toCsv(header, rows, 'en')).toBe(
      '\uFEFFName,Army,Game,Points,A,B,C,D,E,%\r\nBoyz,Orks,,1,0,0,0,0,1,100\r\n',
    );
    expect(toCsv(header, rows, 'ru')).toBe(
      '\uFEFFName;Army;Game;Points;A;B;C;D;E;%\r\nBoyz;Orks;;1;0;0;0;0;1;100\r\n',
    );
    expect(csvSeparator('ru')).toBe(';');
    expect(csvSeparator('en')).toBe(',');
  });

  it('quotes what needs quoting and reads back as the same cells (RU and EN)', () => {
    const odd = [
      'Say "Waaagh"',
      'Boyz, Big',
      'Boyz; Slugga',
      'two\r\nlines',
      'one\nline',
      '🐸 Frogs 👨‍👩‍👧',
      'Ёжики зелёные',
      '  padded  ',
      "'quoted",
    ];
    const rows = csvRows(
      odd.map((name, i) => type(name, { IN_BOX: i, DONE: 1 }, { army: 'Орки; «Смерть»' })),
    );
    for (const lng of ['en', 'ru'] as const) {
      const back = parse(toCsv(header, rows, lng), csvSeparator(lng));
      expect(back).toEqual([header, ...rows.map((r) => r.map(String))]);
    }
  });

  it('defuses cells a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    const names = ['=HYPERLINK("http://x","y")', '+1 Boyz', '-10', '@SUM(A1)', '\tTab', '\rCR'];
    const rows = csvRows(names.map((name) => type(name, {}, { army: "=cmd|' /C calc'!A0" })));
    for (const lng of ['en', 'ru'] as const) {
      const back = parse(toCsv(header, rows, lng), csvSeparator(lng)).slice(1);
      expect(back.map((r) => r[0])).toEqual(names.map((s) => `'${s}`));
      expect(back.every((r) => r[1] === "'=cmd|' /C calc'!A0")).toBe(true);
    }
  });

  it('defuses a formula that spans lines too (papaparse’s default guard misses it)', () => {
    const rows = csvRows([type('=1+1\nBoyz')]);
    const back = parse(toCsv(header, rows, 'en'), ',');
    expect(back[1]?.[0]).toBe("'=1+1\nBoyz");
  });

  it('leaves numbers and inner signs alone', () => {
    const rows = csvRows([type('Boyz - Mob = 10 @home', { DONE: 5 }, { points_per_model: 0 })]);
    const back = parse(toCsv(header, rows, 'ru'), ';');
    expect(back[1]).toEqual(['Boyz - Mob = 10 @home', '', '', '0', '0', '0', '0', '0', '5', '100']);
  });

  it('an empty list is the header alone', () => {
    expect(toCsv(header, [], 'en')).toBe('\uFEFFName,Army,Game,Points,A,B,C,D,E,%\r\n');
  });
});

describe('csvFileName', () => {
  it('uses the local date', () => {
    expect(csvFileName(new Date(2026, 10, 30, 23, 59))).toBe('miniatures-2026-11-30.csv');
    expect(csvFileName(new Date(2027, 0, 2, 0, 1))).toBe('miniatures-2027-01-02.csv');
  });
});
