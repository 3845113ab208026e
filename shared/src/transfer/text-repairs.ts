import type { DataFile } from '../schema/data-file';
import { canonicalName, nameRepairs, type TextRepairKinds } from '../values/names';
import { notesRepairs } from '../values/notes';

/** One kind of repair: how many names and notes it changed, and their types' names. */
export interface TextRepair {
  /** Names, armies, games and notes changed. */
  fields: number;
  /** The types they belong to, by canonical name, each once, in file order. */
  types: string[];
}

/** What reading a file replaced by itself that a reader would notice (SPEC §8). */
export type TextRepairs = Record<keyof TextRepairKinds, TextRepair>;

/**
 * The replacements that reading `file` (dataFileToState) makes in its types' names,
 * armies, games and notes without refusing it, for the import report: characters that
 * could not be read (lone surrogates → U+FFFD) and control characters or noncharacters
 * (→ spaces). What changes nothing a reader sees (invisible characters removed,
 * whitespace collapsed, NFC) is not counted; what breaks a rule (too long, blank) is
 * refused by the reader instead. Takes a parsed file, before canonical values.
 */
export function textRepairs(file: DataFile): TextRepairs {
  const repairs: TextRepairs = {
    unreadable: { fields: 0, types: [] },
    control: { fields: 0, types: [] },
  };
  const kinds = Object.keys(repairs) as (keyof TextRepairKinds)[];
  for (const type of file.types) {
    const found = [
      nameRepairs(type.name),
      type.army === null ? null : nameRepairs(type.army),
      type.game === null ? null : nameRepairs(type.game),
      notesRepairs(type.notes),
    ];
    for (const kind of kinds) {
      const fields = found.filter((f) => f?.[kind]).length;
      if (fields === 0) continue;
      repairs[kind].fields += fields;
      repairs[kind].types.push(canonicalName(type.name));
    }
  }
  return repairs;
}
