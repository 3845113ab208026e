import { describe, expect, it } from 'vitest';
import { BACKUP_NUDGE_MS, backupHint } from './backup-hint';

describe('backupHint', () => {
  it('nudges when there is data and no export, or the last is a month old', () => {
    const now = Date.parse('2026-11-23T00:00:00.000Z');
    expect(backupHint(null, false, now)).toBeNull();
    expect(backupHint(null, true, now)).toBe('never');
    expect(backupHint(new Date(now - BACKUP_NUDGE_MS).toISOString(), true, now)).toBe('old');
    expect(backupHint(new Date(now - BACKUP_NUDGE_MS + 1000).toISOString(), true, now)).toBe(
      'last',
    );
  });
});
