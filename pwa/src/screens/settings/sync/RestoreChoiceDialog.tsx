import type { CorrectionSummary } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { Dialog } from '../../../components/Dialog';
import { t } from '../../../i18n';
import { namesText } from '../../../i18n/names-text';

/** What a restore on every device would record, and how to run exactly that. */
export interface EverywherePlan {
  summary: CorrectionSummary;
  run: () => Promise<void>;
}

interface Props {
  title: string;
  /** "On this device only": the data comes back here and sync turns off. */
  onHere: () => Promise<void>;
  /**
   * "On every device", first step: what it would record (shown for confirmation before
   * anything changes). Null when it could not be told: the caller said why and closes.
   */
  planEverywhere: () => Promise<EverywherePlan | null>;
  onCancel: () => void;
  /**
   * Whether this device's current data will be kept as a restore point: not when it
   * holds nothing (restore-points.ts), and the texts then do not say so. True if unknown.
   */
  keepsPoint?: boolean;
}

/** The lines of a plan that change something, in the user's words (plural forms). */
export function planLines(summary: CorrectionSummary): string[] {
  const parts: [Exclude<keyof CorrectionSummary, 'deletedNames'>, string][] = [
    ['deleted', 'willDelete'],
    ['recreated', 'willRecreate'],
    ['renamed', 'willRename'],
    ['recounted', 'willRecount'],
  ];
  return parts
    .filter(([field]) => summary[field] > 0)
    .map(([field, key]) => {
      const line = t(`settings.restore.choice.${key}`, { count: summary[field] });
      // Which types go, not only how many (review): the first few by name.
      return field === 'deleted' && summary.deletedNames.length > 0
        ? `${line}: ${namesText(summary.deletedNames)}`
        : line;
    });
}

/**
 * The question a restore asks while sync is on (SPEC §10): on this device only, or on
 * every device. Each choice says what it does. "Every device" then says what it would
 * change there — types deleted, brought back, renamed, recounted — and asks again: one
 * tap must not delete hundreds of types on every device unseen (review). The buttons
 * stay disabled while anything runs.
 */
export function RestoreChoiceDialog({
  title,
  onHere,
  planEverywhere,
  onCancel,
  keepsPoint = true,
}: Props) {
  const busy = useSignal(false);
  const planning = useSignal(false);
  const plan = useSignal<EverywherePlan | null>(null);
  const run = (action: () => Promise<void>) => async () => {
    busy.value = true;
    try {
      await action();
    } finally {
      busy.value = false;
    }
  };
  const shown = plan.value;
  if (shown) {
    const lines = planLines(shown.summary);
    return (
      <Dialog title={title} onClose={onCancel}>
        {lines.length === 0 ? (
          <p data-testid="restore-plan">{t('settings.restore.choice.nothing')}</p>
        ) : (
          <>
            <p>{t('settings.restore.choice.willIntro')}</p>
            <ul data-testid="restore-plan">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p class="muted small">
              {t(`settings.restore.choice.${keepsPoint ? 'willKeep' : 'willKeepEmpty'}`)}
            </p>
          </>
        )}
        <div class="dialog-actions">
          <button
            type="button"
            class="btn"
            disabled={busy.value}
            onClick={() => (plan.value = null)}
            data-autofocus
          >
            {t('settings.restore.choice.back')}
          </button>
          {lines.length > 0 && (
            <button
              type="button"
              class={shown.summary.deleted > 0 ? 'btn btn-danger' : 'btn btn-primary'}
              disabled={busy.value}
              onClick={run(shown.run)}
              data-testid="restore-everywhere-confirm"
            >
              {t('settings.restore.choice.confirm')}
            </button>
          )}
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={title} onClose={onCancel}>
      <p>{t('settings.restore.choice.text')}</p>
      <div class="sync-choice">
        <button
          type="button"
          class="btn"
          disabled={busy.value}
          onClick={run(onHere)}
          data-testid="restore-here"
        >
          <strong>{t('settings.restore.choice.here')}</strong>
          <span class="muted small">
            {t(`settings.restore.choice.${keepsPoint ? 'hereHint' : 'hereHintEmpty'}`)}
          </span>
        </button>
        <button
          type="button"
          class="btn"
          disabled={busy.value}
          onClick={run(async () => {
            planning.value = true;
            try {
              plan.value = await planEverywhere();
            } finally {
              planning.value = false;
            }
          })}
          data-testid="restore-everywhere"
        >
          <strong>{t('settings.restore.choice.everywhere')}</strong>
          <span class="muted small">{t('settings.restore.choice.everywhereHint')}</span>
        </button>
      </div>
      {planning.value && (
        <p class="muted" role="status">
          {t('settings.restore.choice.previewing')}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={onCancel} data-autofocus>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
