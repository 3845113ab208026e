import type { Signal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { t } from '../i18n';
import { errorText, undoErrorText } from '../i18n/error-text';
import type { Notice } from '../state/app-state';
import { useRootPx } from './root-px';

/** The CSS variable other sticky bars start below while a notice shows (px from the top). */
export const NOTICE_BOTTOM = '--notice-bottom';

/**
 * Shows the current app-wide notice (an error such as ERR_STORAGE, or an info line).
 * It sticks under the header (styles/controls.css): the action it reports may have been
 * taken far down a page (a "→" at the foot of the list, the snackbar's Undo). The list's
 * search row then sticks below it (NOTICE_BOTTOM).
 */
export function NoticeBar({ notice }: { notice: Signal<Notice | null> }) {
  const n = notice.value;
  const el = useRef<HTMLDivElement>(null);
  // The bottom edge of the stuck notice (its sticky top plus its height, as the screen
  // width may change either), so the list's sticky search row sits below it.
  useRootPx(
    el,
    n !== null,
    NOTICE_BOTTOM,
    (node) => (Number.parseFloat(getComputedStyle(node).top) || 0) + node.offsetHeight,
  );
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
