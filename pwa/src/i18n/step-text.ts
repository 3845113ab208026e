import type { ErrorCode, HistoryEvent } from '@mpt/shared';
import { errorText } from './error-text';
import { absoluteTime } from './format';
import { t } from './index';

/**
 * A step of a type's history in words: the `add`, `move` or `remove` text under `keys`
 * ('sync.conflicts': "Orks: move 2 models from In box to Done", with `extra.type`;
 * 'type.setAside': "Move 2 models from In box to Done"), stages by their names.
 */
export function stepText(
  keys: string,
  event: Pick<HistoryEvent, 'from_stage' | 'to_stage' | 'qty'>,
  extra: Record<string, unknown> = {},
): string {
  const params = {
    ...extra,
    qty: event.qty,
    count: event.qty, // picks "1 model" / "2 models" (RU: модели / моделей)
    from: event.from_stage ? t(`stages.${event.from_stage}`) : '',
    to: event.to_stage ? t(`stages.${event.to_stage}`) : '',
  };
  if (!event.from_stage) return t(`${keys}.add`, params);
  return event.to_stage ? t(`${keys}.move`, params) : t(`${keys}.remove`, params);
}

/**
 * "made 30 Nov 2026, 13:39 · not applied. There are not that many models at this stage."
 * `date` is the time as shown, when it must be told from another (format's distinctTimes).
 */
export function notAppliedText(
  createdAt: string,
  reason: ErrorCode,
  date: string = absoluteTime(createdAt),
): string {
  return t('sync.conflicts.when', { date, reason: errorText(reason) });
}
