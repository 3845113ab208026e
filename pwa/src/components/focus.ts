/*
 * Moving keyboard focus for screen changes and the skip button. Loaded on the first
 * navigation or skip, not with the initial bundle.
 */

/**
 * Makes `el` focusable by script only (not a Tab stop) and focuses it: a heading or a
 * list that a screen reader should start from.
 */
export function focusTarget(el: HTMLElement, preventScroll = false): void {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll });
}

/**
 * Focuses the screen's heading (h1 in main) once it is shown — a screen may load its
 * code or data first — giving up after 5 s. Returns a function that stops waiting.
 */
export function focusHeadingWhenShown(): () => void {
  const main = document.getElementById('main');
  if (!main) return () => {};
  const tryFocus = () => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) focusTarget(heading, true);
    return heading !== null;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), 5000);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

/** The skip button: to the list of types when there is one, else the screen's heading. */
export function skipToContent(): void {
  const target =
    document.getElementById('type-list') ?? document.querySelector<HTMLElement>('main h1');
  if (target) focusTarget(target);
}
