/** The fixed painting pipeline, in order. Wire constants; no custom stages. */
export const STAGES = ['IN_BOX', 'BUILDING', 'PRIMING', 'PAINTING', 'DONE'] as const;

export type Stage = (typeof STAGES)[number];

/** A non-negative integer for every stage. */
export type Counts = Record<Stage, number>;

const STAGE_INDEX: Readonly<Record<Stage, number>> = {
  IN_BOX: 0,
  BUILDING: 1,
  PRIMING: 2,
  PAINTING: 3,
  DONE: 4,
};

/** Position of a stage in the pipeline (IN_BOX = 0). */
export const stageIndex = (stage: Stage): number => STAGE_INDEX[stage];

/** True when the value is one of the five stage constants. */
export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && Object.hasOwn(STAGE_INDEX, value);
}

/** The stage after this one, or null for DONE. */
export function nextStage(stage: Stage): Stage | null {
  return STAGES[STAGE_INDEX[stage] + 1] ?? null;
}

/** Stages strictly later than this one: the valid targets of a move. */
export function laterStages(stage: Stage): Stage[] {
  return STAGES.slice(STAGE_INDEX[stage] + 1);
}

/** A move may skip stages but never go backwards or stay put. */
export function isForwardMove(from: Stage, to: Stage): boolean {
  return STAGE_INDEX[to] > STAGE_INDEX[from];
}

/** Counts with zero everywhere. */
export function zeroCounts(): Counts {
  return { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 };
}

/** Sum of all stages. */
export function totalOf(counts: Counts): number {
  return counts.IN_BOX + counts.BUILDING + counts.PRIMING + counts.PAINTING + counts.DONE;
}

/**
 * "% done" wherever it is shown (a row, a section, the totals, the CSV, a goal): the
 * whole percent `part` is of `whole`, rounded down so 99.9 % never reads 100 %, and 0
 * when `whole` is 0. Never above 100 (a goal passed counts as reached).
 */
export function wholePercent(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.floor((part * 100) / whole)) : 0;
}

/** True when both have the same number at every stage. */
export function countsEqual(a: Counts, b: Counts): boolean {
  return STAGES.every((s) => a[s] === b[s]);
}
