import type { TrackerState } from '@mpt/shared';
import { cleanup, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect } from 'vitest';
import { initI18n, setLanguage, t } from '../../../i18n';
import type { LocalReplica } from '../../../sync/attempt';
import { type FakeEnv, fakeEnv } from '../../../sync/fake-env';
import { createSyncService, type RecoveryStore, type SyncService } from '../../../sync/service';
import type { KeyValueStore } from '../../../sync/store';
import { memoryStore, stubReplica } from '../../../sync/test-doubles';

export { changesAnswer, jsonResponse, memoryStore } from '../../../sync/test-doubles';

/**
 * A sync service over an empty in-memory replica, a fake clock and a scripted fetch;
 * the app is served from `extra.defaultUrl` (default http://sync.test); the device is
 * named `extra.device` (default 'Test device').
 */
export function testService(
  respond: (path: string, init?: RequestInit) => Response | Promise<Response>,
  store: KeyValueStore = memoryStore(),
  extra: {
    refused?: TrackerState;
    recovery?: RecoveryStore;
    defaultUrl?: string;
    device?: string;
  } = {},
): { service: SyncService; local: LocalReplica & { seq: number }; env: FakeEnv } {
  const local = stubReplica(extra.refused);
  const env = fakeEnv();
  const service = createSyncService({
    local,
    store,
    recovery: extra.recovery,
    defaultUrl: extra.defaultUrl ?? 'http://sync.test',
    env,
    device: extra.device ?? 'Test device',
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
      respond(new URL(String(input)).pathname, init)) as typeof fetch,
  });
  return { service, local, env };
}

/**
 * Component tests of these screens start in English, once i18next has finished its
 * first init (asynchronous), and end unmounted and back in English.
 */
export function useEnglishUi(): void {
  beforeEach(async () => {
    initI18n('en');
    await waitFor(() => expect(t('sync.enable')).toBe('Sync with a server'));
  });
  afterEach(async () => {
    cleanup();
    await setLanguage('en');
  });
}
