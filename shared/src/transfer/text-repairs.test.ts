import { describe, expect, it } from 'vitest';
import { DATA_FILE_FORMAT, type DataFile, type FileType } from '../schema/data-file';
import { defaultTypeFields } from '../schema/entities';
import { parseDataFile } from './read-data-file';
import { textRepairs } from './text-repairs';

const at = '2026-11-01T00:00:00.000Z';
let n = 0;
function type(name: string, fields: Partial<FileType> = {}): FileType {
  n++;
  return {
    id: `0000000b-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name,
    created_at: at,
    name_updated_at: at,
    ...defaultTypeFields(at),
    counts: { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
    history: [],
    ...fields,
  };
}
const file = (types: FileType[]): DataFile => ({
  format: DATA_FILE_FORMAT,
  version: 2,
  exported_at: at,
  goal: null,
  goal_updated_at: null,
  types,
  tombstones: [],
});

describe('textRepairs: what reading a file replaced by itself (SPEC §8)', () => {
  it('counts the names and notes whose unreadable characters became U+FFFD, and names their types', () => {
    const repairs = textRepairs(
      file([
        type('Banner \ud83c'), // half of an emoji
        type('Tau', { notes: 'Recipe: \udc00 wash', army: 'Sept \ud800' }),
        type('Orks 🎨', { notes: 'Line\r\nbreak\tkept' }),
      ]),
    );
    expect(repairs.unreadable).toEqual({ fields: 3, types: ['Banner \uFFFD', 'Tau'] });
    expect(repairs.control).toEqual({ fields: 0, types: [] });
  });

  it('counts control characters and noncharacters made spaces, not whitespace or invisible marks', () => {
    const repairs = textRepairs(
      file([
        type('Nob\u0000z'),
        type('Grots', { game: 'Kill\u001bTeam', notes: 'bell \u0007' }),
        type('Necrons\uFFFF'),
        // Only the canonical layout changes: the text reads the same. Not reported.
        type('  Space\tMarines \n', { notes: ' a\r\nb\tc ' }),
        type('Zero\u200bwidth Eldar'),
        type('Cafe\u0301'),
      ]),
    );
    expect(repairs.control).toEqual({ fields: 4, types: ['Nob z', 'Grots', 'Necrons'] });
    expect(repairs.unreadable).toEqual({ fields: 0, types: [] });
  });

  it('reads the strings of a parsed file as they were written (JSON escapes)', () => {
    const text = `{"format":"${DATA_FILE_FORMAT}","version":1,"exported_at":"${at}","types":[{"id":"0000000c-0000-4000-8000-000000000001","name":"Banner \\ud83c","created_at":"${at}","name_updated_at":"${at}","counts":{"IN_BOX":0,"BUILDING":0,"PRIMING":0,"PAINTING":0,"DONE":0},"history":[]}],"tombstones":[]}`;
    const parsed = parseDataFile(JSON.parse(text));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(textRepairs(parsed.value).unreadable).toEqual({ fields: 1, types: ['Banner \uFFFD'] });
    }
  });
});
