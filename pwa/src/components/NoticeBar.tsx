import type { Signal } from '@preact/signals';
import { errorText, t } from '../i18n';
import type { Notice } from '../state/app-state';

/** Shows the current app-wide notice (an error such as ERR_STORAGE, or an info line). */
export function NoticeBar({ notice }: { notice: Signal<Notice | null> }) {
  const n = notice.value;
  if (!n) return null;
  const text = n.kind === 'error' ? errorText(n.code, n.details) : t(n.key, n.params);
  return (
    <div class={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
      <span>{text}</span>
      <button type="button" class="btn btn-small" onClick={() => (notice.value = null)}>
        {t('app.dismiss')}
      </button>
    </div>
  );
}
