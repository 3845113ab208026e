import { waitFor } from '@testing-library/preact';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { changesAnswer, jsonResponse, testService } from '../settings/sync/test-service';
import { firstSyncPhase } from './ListScreen';

beforeAll(() => initI18n('en'));

// Review: an empty device getting 4 000 types said "No types yet" for 5 s and more.
describe('the list of an empty device during its first sync', () => {
  it('says what the sync is doing until the first sync is over, then nothing', async () => {
    let answer: (r: Response) => void = () => {};
    const { service } = testService((_path, init) =>
      init?.method === 'POST'
        ? new Promise<Response>((resolve) => {
            answer = resolve;
          })
        : jsonResponse({ items: [] }),
    );
    expect(firstSyncPhase(service)).toBeNull(); // sync off
    service.updateSettings({ enabled: true });
    await waitFor(() => expect(firstSyncPhase(service)).not.toBeNull());
    expect(firstSyncPhase(service)?.phase).toBe('uploading');
    answer(jsonResponse(changesAnswer({})));
    await waitFor(() => expect(service.state.record.value.last_sync_at).not.toBeNull());
    expect(firstSyncPhase(service)).toBeNull();
    expect(firstSyncPhase(null)).toBeNull();
  });
});
