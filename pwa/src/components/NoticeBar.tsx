import type { Signal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { errorText, t, undoErrorText } from '../i18n';
import type { Notice } from '../state/app-state';

/** The CSS variable other sticky bars start below while a notice shows (px from the top). */
export const NOTICE_BOTTOM = '--notice-bottom';

/**
 * Keeps NOTICE_BOTTOM on the root at the bottom edge of the stuck notice (its sticky
 * top plus its height, as the screen width may change either), so the list's sticky
 * search row sits below the notice instead of under it; cleared when it goes.
 */
function useNoticeBottom(el: { current: HTMLElement | null }, shown: boolean): void {
  useLayoutEffect(() => {
    const node = el.current;
    const root = document.documentElement.style;
    if (!node || !shown) return;
    const measure = () => {
      const top = Number.parseFloat(getComputedStyle(node).top) || 0;
      root.setProperty(NOTICE_BOTTOM, `${Math.ceil(top + node.offsetHeight)}px`);
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(node);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
      root.removeProperty(NOTICE_BOTTOM);
    };
  }, [shown]);
}

/**
 * Shows the current app-wide notice (an error such as ERR_STORAGE, or an info line).
 * It sticks under the header (styles/controls.css): the action it reports may have been
 * taken far down a page (a "→" at the foot of the list, the snackbar's Undo). The list's
 * search row then sticks below it (NOTICE_BOTTOM).
 */
export function NoticeBar({ notice }: { notice: Signal<Notice | null> }) {
  const n = notice.value;
  const el = useRef<HTMLDivElement>(null);
  useNoticeBottom(el, n !== null);
  if (!n) return null;
  const text =
    n.kind === 'info'
      ? t(n.key, n.params)
      : (n.undo ? undoErrorText : errorText)(n.code, n.details);
  return (
    <div ref={el} class={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
      <span>{text}</span>
      <button type="button" class="btn btn-small" onClick={() => (notice.value = null)}>
        {t('app.dismiss')}
      </button>
    </div>
  );
}
