import type { Signal } from '@preact/signals';
import { errorText, t, undoErrorText } from '../i18n';
import type { Notice } from '../state/app-state';

/**
 * Shows the current app-wide notice (an error such as ERR_STORAGE, or an info line).
 * It sticks under the header (styles/controls.css): the action it reports may have been
 * taken far down a page (a "→" at the foot of the list, the snackbar's Undo).
 */
export function NoticeBar({ notice }: { notice: Signal<Notice | null> }) {
  const n = notice.value;
  if (!n) return null;
  const text =
    n.kind === 'info'
      ? t(n.key, n.params)
      : (n.undo ? undoErrorText : errorText)(n.code, n.details);
  return (
    <div class={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
      <span>{text}</span>
      <button type="button" class="btn btn-small" onClick={() => (notice.value = null)}>
        {t('app.dismiss')}
      </button>
    </div>
  );
}
