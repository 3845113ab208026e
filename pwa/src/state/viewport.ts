import { signal } from '@preact/signals';

/** Below this width the list stacks each count over its "→" (styles/list.css agrees). */
export const NARROW_QUERY = '(max-width: 639.98px)';

const query =
  typeof window !== 'undefined' && 'matchMedia' in window ? window.matchMedia(NARROW_QUERY) : null;

/** True on phone-sized screens; follows rotation and window resizes. */
export const narrow = signal(query?.matches ?? false);

query?.addEventListener('change', (e) => {
  narrow.value = e.matches;
});
