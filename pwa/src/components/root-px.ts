import { useLayoutEffect } from 'preact/hooks';

/**
 * Keeps the CSS variable `variable` on the root at `px(node)` px while `shown`, measured
 * again when the node's size or the window's changes (the text it holds may wrap
 * otherwise); cleared when it goes. With `keepEnd`, a page scrolled to its end before a
 * measure is scrolled to its end after it (room added under the page hides nothing just
 * tapped there). Bars that others lay out around use it (NoticeBar, Snackbar).
 */
export function useRootPx(
  el: { current: HTMLElement | null },
  shown: boolean,
  variable: string,
  px: (node: HTMLElement) => number,
  keepEnd = false,
): void {
  useLayoutEffect(() => {
    const node = el.current;
    const root = document.documentElement.style;
    if (!node || !shown) return;
    const measure = () => {
      const page = document.scrollingElement ?? document.documentElement;
      const atEnd = keepEnd && page.scrollTop + page.clientHeight >= page.scrollHeight - 2;
      root.setProperty(variable, `${Math.ceil(px(node))}px`);
      if (atEnd) page.scrollTop = page.scrollHeight;
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(node);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
      root.removeProperty(variable);
    };
  }, [shown]);
}
