import { type Signal, signal, useSignal } from '@preact/signals';
import { liveQuery } from 'dexie';
import { useEffect } from 'preact/hooks';

/**
 * Bridges a Dexie live query into a signal: the signal holds the latest result and
 * updates whenever the tables it read change, in this tab or another one.
 * Returns the signal and a function that stops watching.
 */
export function liveSignal<T, I = T>(
  querier: () => Promise<T> | T,
  initial: I,
  onError: (error: unknown) => void = () => {},
): { value: Signal<T | I>; dispose: () => void } {
  const value = signal<T | I>(initial);
  const sub = liveQuery(querier).subscribe({
    next: (result) => {
      value.value = result;
    },
    error: onError,
  });
  return { value, dispose: () => sub.unsubscribe() };
}

/**
 * The same for a component: the query runs while the component is mounted and again
 * when `deps` change. `undefined` until the first result arrives.
 */
export function useLiveQuery<T>(querier: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const value = useSignal<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(querier).subscribe({
      next: (result) => {
        value.value = result;
      },
      error: () => {
        value.value = undefined;
      },
    });
    return () => sub.unsubscribe();
  }, deps);
  return value.value;
}
