import type { CorrectionSummary, TrackerState } from '@mpt/shared';
import { t } from '../../../i18n';
import type { SyncService } from '../../../sync/service';

/** The result line of a restore "on every device". */
export function everywhereText(summary: CorrectionSummary): string {
  const count = summary.deleted + summary.recreated + summary.renamed + summary.events;
  return count === 0
    ? t('settings.restore.choice.nothing')
    : t('settings.restore.choice.doneEverywhere', { count });
}

/** Restores `target` on every device through the app's sync service; the result line. */
export async function restoreEverywhere(
  target: TrackerState,
  service?: SyncService,
): Promise<string> {
  const sync = service ?? (await import('../../../sync/instance')).getSyncService();
  return everywhereText(await sync.restoreEverywhere(target));
}
