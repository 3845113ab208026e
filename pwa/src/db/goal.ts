import { type GoalSetting, planSetGoal, unwrap } from '@mpt/shared';
import { getMeta, META, setMeta } from './meta';
import type { TrackerDb } from './schema';
import { localWrite } from './write';

/** The painting goal (SPEC §9), or undefined until one was set. Joins the caller's transaction. */
export function readGoal(db: TrackerDb): Promise<GoalSetting | undefined> {
  return getMeta<GoalSetting | undefined>(db, META.goal, undefined);
}

/**
 * Sets the painting goal, or clears it with null, in one local write: its time never
 * runs backwards, so the newest setting wins a sync. Throws ERR_INVALID_GOAL.
 */
export function setGoal(
  db: TrackerDb,
  goal: unknown,
  now: Date = new Date(),
): Promise<GoalSetting> {
  return localWrite(db, [], async () => {
    const next = unwrap(planSetGoal(await readGoal(db), goal, now));
    await setMeta(db, META.goal, next);
    return next;
  });
}
