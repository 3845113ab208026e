import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage, t } from '../../../i18n';
import { RECORD_KEY } from '../../../sync/store';
import { SyncBadge } from './SyncBadge';
import { SyncSettings } from './SyncSettings';
import { jsonResponse, memoryStore, testService } from './test-service';

const EMPTY_FILE = {
  format: 'miniatures-tracker',
  version: 1,
  exported_at: '2026-11-23T10:00:00.000Z',
  types: [],
  tombstones: [],
};
const REPORT = {
  types_created: 0,
  types_merged: 0,
  events_added: 0,
  events_skipped: 0,
  conflicts: [],
  dry_run: false,
};
const unauthorized = () =>
  jsonResponse({ error: { code: 'ERR_UNAUTHORIZED', message: 'no', details: {} } }, 401);

beforeEach(async () => {
  initI18n('en');
  // i18next completes its first init asynchronously.
  await waitFor(() => expect(t('sync.enable')).toBe('Sync with a server'));
});
afterEach(() => {
  cleanup();
  setLanguage('en');
});

describe('Settings → Sync', () => {
  it('turns sync on, syncs, and shows the last sync and pending changes', async () => {
    const posts: string[] = [];
    const { service, local } = testService((_path, init) => {
      if (init?.method === 'POST') {
        posts.push(new Headers(init.headers).get('idempotency-key') ?? '');
        return jsonResponse({ revision: 1, snapshot: EMPTY_FILE, report: REPORT });
      }
      return jsonResponse({ items: [] });
    });
    render(<SyncSettings service={service} origin="http://sync.test" />);
    expect(screen.queryByTestId('sync-status')).toBeNull();
    fireEvent.click(screen.getByLabelText('Sync with a server'));
    await waitFor(() => expect(screen.getByTestId('sync-last').textContent).toMatch(/Last sync/));
    expect(posts).toHaveLength(1);
    expect(screen.getByTestId('sync-pending').textContent).toBe(
      'Every change on this device is synced.',
    );
    local.seq = 3;
    service.noteLocalSeq(3);
    await waitFor(() =>
      expect(screen.getByTestId('sync-pending').textContent).toBe(
        '3 changes on this device are not synced yet.',
      ),
    );
  });

  it('rejects a URL that is not http(s) and keeps the saved one', async () => {
    const { service } = testService(() => jsonResponse({ items: [] }));
    render(<SyncSettings service={service} origin="http://sync.test" />);
    const url = screen.getByLabelText('Server URL') as HTMLInputElement;
    fireEvent.change(url, { target: { value: 'ftp://nas' } });
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Enter a full address/)).toBeTruthy();
    expect(service.state.settings.value.url).toBe('');
    fireEvent.change(url, { target: { value: 'https://nas.local:8443/' } });
    expect(url.getAttribute('aria-invalid')).toBeNull();
    expect(service.state.settings.value.url).toBe('https://nas.local:8443/');
  });

  it('tests the connection and explains a refused token in English and Russian', async () => {
    const { service } = testService(() => unauthorized());
    render(<SyncSettings service={service} origin="http://sync.test" />);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toBe(
        'No connection: The server refused the token. Check it in Settings.',
      ),
    );
    setLanguage('ru');
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toBe(
        'Нет соединения: Сервер не принял токен. Проверьте его в настройках.',
      ),
    );
  });

  it('shows the last error and that sync is paused after a 401', async () => {
    const { service } = testService(() => unauthorized());
    render(<SyncSettings service={service} origin="http://sync.test" />);
    fireEvent.click(screen.getByLabelText('Sync with a server'));
    await waitFor(() =>
      expect(screen.getByTestId('sync-error').dataset.code).toBe('ERR_UNAUTHORIZED'),
    );
    expect(await screen.findByText('Sync is paused until the token is corrected.')).toBeTruthy();
  });

  it('explains an unreachable server with its reason', async () => {
    const { service } = testService(() => {
      throw new TypeError('Failed to fetch');
    });
    render(<SyncSettings service={service} origin="http://sync.test" />);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toMatch(
        /cannot be reached\. Nothing answered at this address/,
      ),
    );
  });

  it('says "you are offline" when testing the connection offline, and sends nothing', async () => {
    let requests = 0;
    const { service, env } = testService(() => {
      requests++;
      return jsonResponse({ items: [] });
    });
    env.online = false;
    render(<SyncSettings service={service} origin="http://sync.test" />);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toBe(
        'No connection: The sync server cannot be reached. This device is offline: connect to a network and try again.',
      ),
    );
    expect(requests).toBe(0);
    setLanguage('ru');
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toMatch(/нет сети/i),
    );
  });

  it('lists conflicts with type, move and reason, and dismisses them', async () => {
    const store = memoryStore();
    const conflict = (n: number, to: string | null) => ({
      type_id: '00000000-0000-4000-8000-000000000001',
      type_name: 'Orks',
      reason: 'ERR_INSUFFICIENT_QTY',
      seen_at: '2026-11-23T10:00:00.000Z',
      event: {
        id: `00000000-0000-4000-8000-00000000000${n}`,
        type_id: '00000000-0000-4000-8000-000000000001',
        from_stage: 'IN_BOX',
        to_stage: to,
        qty: 2,
        created_at: '2026-11-23T09:00:00.000Z',
      },
    });
    store.setItem(
      RECORD_KEY,
      JSON.stringify({ conflicts: [conflict(2, 'DONE'), conflict(3, null)], last_pushed_seq: 0 }),
    );
    const { service } = testService(() => jsonResponse({ items: [] }), store);
    render(<SyncSettings service={service} origin="http://sync.test" />);
    const items = screen.getAllByTestId('sync-conflict');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Orks: move 2 from In box to Done',
      'Orks: remove 2 from In box',
    ]);
    expect(items[0]!.textContent).toMatch(/not applied: There are not that many models/);
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Dismiss the conflict “Orks: move 2 from In box to Done”',
      }),
    );
    expect(screen.getAllByTestId('sync-conflict')).toHaveLength(1);
    fireEvent.click(
      screen.getByRole('button', { name: 'Dismiss the conflict “Orks: remove 2 from In box”' }),
    );
    expect(screen.queryByTestId('sync-conflicts')).toBeNull();
    expect(JSON.parse(store.getItem(RECORD_KEY)!).dismissed).toHaveLength(2);
  });
});

describe('SyncBadge', () => {
  it('is hidden while sync is off and tells the state once on', async () => {
    const { service, local } = testService((_path, init) =>
      init?.method === 'POST'
        ? jsonResponse({ revision: 1, snapshot: EMPTY_FILE, report: REPORT })
        : jsonResponse({ items: [] }),
    );
    const { container } = render(<SyncBadge service={service} />);
    expect(container.textContent).toBe('');
    service.updateSettings({ enabled: true });
    await waitFor(() => expect(service.state.record.value.last_sync_at).not.toBeNull());
    await waitFor(() => expect(screen.getByTestId('sync-badge').dataset.state).toBe('ok'));
    expect(screen.getByTestId('sync-badge').textContent).toBe('Synced');
    expect(screen.getByTestId('sync-badge').getAttribute('href')).toBe('#/settings');
    local.seq = 2;
    service.noteLocalSeq(2);
    await waitFor(() =>
      expect(screen.getByTestId('sync-badge').textContent).toBe('Not synced · 2'),
    );
  });
});
