const LEADING_SYMBOLS = /^[^\p{L}\p{N}]+/u;

// Its own module: the app's first load needs this rule and none of names.ts.

/**
 * What a name sorts by: itself without the emoji, symbols or spaces it starts with
 * («🐉 Драконы» under Д). The app's list order and shared's orderKey both start from it.
 */
export const sortName = (name: string): string => name.replace(LEADING_SYMBOLS, '');
