/** A month: after this long without an export, Settings nudges towards one. */
export const BACKUP_NUDGE_MS = 30 * 86_400_000;

/** Which backup hint to show: none yet (with data), too old, or just the date. */
export function backupHint(
  lastExportAt: string | null,
  hasData: boolean,
  now: number,
): 'never' | 'old' | 'last' | null {
  if (lastExportAt === null) return hasData ? 'never' : null;
  return now - Date.parse(lastExportAt) >= BACKUP_NUDGE_MS ? 'old' : 'last';
}
