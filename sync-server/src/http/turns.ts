/**
 * Runs a stepped computation of shared/ (a generator that yields between chunks of
 * work) and lets the event loop take a turn at every yield, so a large data file is
 * read while health checks and other requests are still answered.
 */
export async function inTurns<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
