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

/** The given sync service, or the app's (its code loaded on demand). */
const syncService = async (service?: SyncService): Promise<SyncService> =>
  service ?? (await import('../../../sync/instance')).getSyncService();

/** What restoring `target` on every device would record now, for the confirmation. */
export async function previewEverywhere(
  target: TrackerState,
  service?: SyncService,
): Promise<CorrectionSummary> {
  return (await syncService(service)).previewEverywhere(target);
}

/** Restores `target` on every device through the app's sync service; the result line. */
export async function restoreEverywhere(
  target: TrackerState,
  service?: SyncService,
): Promise<string> {
  return everywhereText(await (await syncService(service)).restoreEverywhere(target));
}
