import { sortName } from '@mpt/shared';

/**
 * The order names are shown in: the user's language's alphabet (Unicode Collation
 * Algorithm, UTS #10, through Intl.Collator), case and accents aside, numbers by value
 * ("Squad 2" before "Squad 10", «Ёлки» beside «Ели», not after «Я»), and leading emoji or
 * symbols aside («🐉 Драконы» under Д).
 */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Compares two sort keys (shared's sortName), then the names themselves: <0, 0 or >0. */
export const compareKeyed = (aKey: string, a: string, bKey: string, b: string): number =>
  collator.compare(aKey, bKey) || collator.compare(a, b);

/** Compares two names for display order: <0, 0 or >0. */
export const compareNames = (a: string, b: string): number =>
  compareKeyed(sortName(a), a, sortName(b), b);
