/**
 * The order names are shown in: the user's language's alphabet (Unicode Collation
 * Algorithm, UTS #10, through Intl.Collator), case and accents aside, numbers by value
 * ("Squad 2" before "Squad 10", «Ёлки» beside «Ели», not after «Я»).
 */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Compares two names for display order: <0, 0 or >0 (Intl.Collator.compare). */
export const compareNames = (a: string, b: string): number => collator.compare(a, b);
