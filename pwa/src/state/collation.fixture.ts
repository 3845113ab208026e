// Test data of the display order (collation.ts): the lists that show names test it too.

/** Names in the order a reader of either language expects (an emoji aside: under Д). */
export const IN_ALPHABET_ORDER = [
  'Ästhetik',
  'Legion 2',
  'Legion 10',
  'Zeta',
  '🐉 Драконы',
  'Ёжики',
  'Ели',
  'Яблоко',
];
/** The same names, shuffled. */
export const SHUFFLED = [
  'Яблоко',
  'Ёжики',
  '🐉 Драконы',
  'Ели',
  'Legion 10',
  'Legion 2',
  'Ästhetik',
  'Zeta',
];
