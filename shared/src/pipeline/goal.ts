import { fail, ok, type Result } from '../errors';
import { type GoalSetting, goalSchema } from '../schema/entities';
import { jsonPath } from '../transfer/json-path';
import { nextEventTime } from '../values/time';

/**
 * Sets the painting goal (SPEC §9), or clears it with null. Its time never runs
 * backwards (max(now, previous + 1 ms)), so the newest setting wins a merge. Errors:
 * ERR_INVALID_GOAL (with the JSON `path` of the bad part), ERR_TIME_OUT_OF_RANGE.
 */
export function planSetGoal(
  current: GoalSetting | undefined,
  raw: unknown,
  now: Date | string,
): Result<GoalSetting> {
  const goal = raw === null ? null : goalSchema.safeParse(raw);
  if (goal !== null && !goal.success) {
    const issue = goal.error.issues[0];
    return fail('ERR_INVALID_GOAL', { path: jsonPath(issue?.path ?? []), issue: issue?.code });
  }
  const time = nextEventTime(now, current?.updated_at ?? null);
  if (!time.ok) return time;
  return ok({ value: goal === null ? null : goal.data, updated_at: time.value });
}
