import type { ComponentChildren } from 'preact';
import { t } from '../../i18n';
import { formatBytes } from '../../i18n/format';

/** A stored copy of the data: a restore point on this device or a backup on the server. */
export interface CopySummary {
  created_at: string;
  types: number;
  events: number;
  size_bytes: number;
}

/**
 * One row of a list of copies: when it was taken (`time`, as the list tells it from the
 * others: format's distinctTimes), `detail` under it (why, or which device), "2 types,
 * 1 history entry, 3 KB" with plural forms, and its Restore button named by the date
 * for screen readers.
 */
export function CopyRow(props: {
  copy: CopySummary;
  time: string;
  testId: string;
  detail?: ComponentChildren;
  buttonText: string;
  buttonLabel: string;
  onChoose: () => void;
}) {
  const { copy } = props;
  return (
    <li data-testid={props.testId}>
      <div>
        <strong>{props.time}</strong>
        {props.detail}
        <div class="muted small">
          {t('settings.restore.summary', {
            types: t('settings.restore.types', { count: copy.types }),
            entries: t('settings.restore.entries', { count: copy.events }),
            size: formatBytes(copy.size_bytes),
          })}
        </div>
      </div>
      <button type="button" class="btn" aria-label={props.buttonLabel} onClick={props.onChoose}>
        {props.buttonText}
      </button>
    </li>
  );
}
