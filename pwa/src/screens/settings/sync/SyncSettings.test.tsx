import { defaultTypeFields, type TrackerState } from '@mpt/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NoticeBar } from '../../../components/NoticeBar';
import { moveModels } from '../../../db/events';
import { restorePointTables, takeRestorePoint } from '../../../db/restore-points';
import { readState } from '../../../db/state-io';
import { freshDb } from '../../../db/test-db';
import { createType } from '../../../db/types';
import { setLanguage, t } from '../../../i18n';
import { absoluteTime } from '../../../i18n/format';
import { createActions } from '../../../state/actions';
import { createAppState } from '../../../state/app-state';
import { AppContext } from '../../../state/context';
import { RECORD_KEY } from '../../../sync/store';
import { SyncBadge } from './SyncBadge';
import { SyncSettings } from './SyncSettings';
import {
  changesAnswer,
  jsonResponse,
  memoryStore,
  testService,
  useEnglishUi,
} from './test-service';

const unauthorized = () =>
  jsonResponse({ error: { code: 'ERR_UNAUTHORIZED', message: 'no', details: {} } }, 401);

useEnglishUi();

describe('Settings → Sync', () => {
  it('before a first sync, does not also claim every change is synced', async () => {
    // The server cannot be reached: no sync has completed yet.
    const { service } = testService(() => Promise.reject(new TypeError('Failed to fetch')));
    service.updateSettings({ enabled: true });
    render(<SyncSettings service={service} origin="http://sync.test" />);
    await waitFor(() => expect(service.state.record.value.last_error).not.toBeNull());
    expect(screen.getByTestId('sync-last').textContent).toBe(t('sync.never'));
    expect(screen.getByTestId('sync-pending').textContent).toBe(
      'The first sync sends the server what this device holds and gets what the server holds.',
    );
    service.dispose();
  });

  it('turns sync on, syncs, and shows the last sync and pending changes', async () => {
    const posts: string[] = [];
    const { service, local } = testService((_path, init) => {
      if (init?.method === 'POST') {
        posts.push(new Headers(init.headers).get('idempotency-key') ?? '');
        return jsonResponse(changesAnswer());
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
    // A user name and password: said so, and the token field named (review).
    fireEvent.change(url, { target: { value: 'http://user:pw@nas.local:8080' } });
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Leave the user name and password out of the address/)).toBeTruthy();
    expect(service.state.settings.value.url).toBe('https://nas.local:8443/');
    // No scheme: the app's is assumed, and shown in the field.
    fireEvent.change(url, { target: { value: ' 192.168.1.20:8080 ' } });
    expect(url.getAttribute('aria-invalid')).toBeNull();
    expect(url.value).toBe('http://192.168.1.20:8080');
    expect(service.state.settings.value.url).toBe('http://192.168.1.20:8080');
  });

  it('tests the connection and explains a refused token in English and Russian', async () => {
    const { service } = testService(() => unauthorized());
    service.updateSettings({ token: 'wrong' });
    render(<SyncSettings service={service} origin="http://sync.test" />);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toBe(
        'No connection. The server refused this token: check that it is the one the server was started with (SYNC_TOKEN).',
      ),
    );
    setLanguage('ru');
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toBe(
        'Нет соединения. Сервер не принял этот токен: проверьте, что он совпадает с тем, с которым запущен сервер (SYNC_TOKEN).',
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
    // No token is set: there is nothing to "check", the server needs one.
    expect(screen.getByTestId('sync-error').textContent).toContain(
      'This server needs a token: enter the one it was started with (SYNC_TOKEN) in the Token field.',
    );
    // With a token set, it was refused: check it.
    service.updateSettings({ token: 'wrong' });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toContain(
        'The server refused this token: check that it is the one the server was started with (SYNC_TOKEN).',
      ),
    );
  });

  it('takes back the address error as soon as the address typed is right', async () => {
    const { service } = testService(() => jsonResponse({ items: [] }));
    render(<SyncSettings service={service} origin="http://sync.test" />);
    const field = screen.getByTestId('sync-url') as HTMLInputElement;
    const test = screen.getByRole('button', { name: 'Test connection' }) as HTMLButtonElement;
    fireEvent.change(field, { target: { value: 'ftp://sync.test' } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(test.disabled).toBe(true);
    // Still typing, no blur yet: the error stays only while the address is wrong.
    fireEvent.input(field, { target: { value: 'http://sync.tes' } });
    expect(field.getAttribute('aria-invalid')).toBeNull();
    // What was typed stays (the re-render that takes the error back must not undo it).
    expect(field.value).toBe('http://sync.tes');
    expect(test.disabled).toBe(false);
  });

  it('a server gone down: the error said once, and the time is the last sync that got through (newcomer review)', async () => {
    let up = true;
    const { service } = testService((_path, init) => {
      if (!up) throw new TypeError('Failed to fetch');
      return init?.method === 'POST' ? jsonResponse(changesAnswer()) : jsonResponse({ items: [] });
    });
    render(<SyncSettings service={service} origin="http://sync.test" />);
    fireEvent.click(screen.getByLabelText('Sync with a server'));
    await waitFor(() => expect(screen.getByTestId('sync-last').textContent).toMatch(/^Last sync:/));
    expect(screen.getByTestId('sync-transfer').textContent).toMatch(/^It sent .+ and received /);
    up = false;
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toMatch(/cannot be reached/),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(screen.getByTestId('sync-error')).toBeTruthy());
    // The failed sync says what the check said: once, in the status.
    expect(screen.getByTestId('sync-test-result').textContent).toBe('');
    expect(document.body.textContent?.match(/cannot be reached/g)).toHaveLength(1);
    expect(screen.getByTestId('sync-last').textContent).toMatch(/^Last successful sync:/);
    service.dispose();
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

  it('says a server at another address answers but refuses this app (CORS), in English and Russian', async () => {
    const app = 'http://192.168.1.5:8080';
    const probes: string[] = [];
    // The browser's view of a server whose CORS_ORIGINS lacks the app's origin: the API
    // request fails with a TypeError, a no-cors request gets an (opaque) answer.
    const { service } = testService(
      (path, init) => {
        if (init?.mode === 'no-cors') {
          probes.push(path);
          return new Response(null, { status: 200 });
        }
        throw new TypeError('Failed to fetch');
      },
      memoryStore(),
      { defaultUrl: app },
    );
    service.updateSettings({ url: 'http://192.168.1.20:8080' });
    render(<SyncSettings service={service} origin={app} />);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toBe(
        'No connection. The server at this address is running, but it does not let this app’s address (http://192.168.1.5:8080) read its answers: add that address to CORS_ORIGINS on the server and restart it.',
      ),
    );
    expect(probes).toEqual(['/health']);
    setLanguage('ru');
    await waitFor(() =>
      expect(screen.getByTestId('sync-test-result').textContent).toBe(
        'Нет соединения. Сервер по этому адресу работает, но не разрешает адрес этого приложения (http://192.168.1.5:8080): добавьте этот адрес в CORS_ORIGINS на сервере и перезапустите его.',
      ),
    );
  });

  it('offers neither "Sync now" nor "Replace" while a sync runs, shows its step, and offers them after', async () => {
    let release = () => {};
    let posts = 0;
    const { service } = testService(async (_path, init) => {
      if (init?.method !== 'POST') return jsonResponse({ items: [] });
      posts++;
      await new Promise<void>((r) => (release = r));
      return jsonResponse(changesAnswer());
    });
    try {
      render(<SyncSettings service={service} origin="http://sync.test" />);
      fireEvent.click(screen.getByLabelText('Sync with a server'));
      const now = screen.getByRole('button', { name: 'Sync now' });
      const replace = screen.getByRole('button', {
        name: 'Replace this device with the server’s copy',
      });
      await waitFor(() => expect(screen.getByTestId('sync-phase').dataset.phase).toBe('uploading'));
      expect(screen.getByTestId('sync-phase').textContent).toMatch(/^Step 2 of 4: sending/);
      expect(now.getAttribute('aria-disabled')).toBe('true');
      expect(replace.getAttribute('aria-disabled')).toBe('true');
      // A second tap meanwhile does nothing: no sync queued, no dialog opened.
      fireEvent.click(now);
      fireEvent.click(replace);
      expect(screen.queryByRole('dialog')).toBeNull();
      release();
      await waitFor(() => expect(screen.queryByTestId('sync-phase')).toBeNull());
      expect(now.getAttribute('aria-disabled')).toBeNull();
      expect(replace.getAttribute('aria-disabled')).toBeNull();
      await new Promise((r) => setTimeout(r, 50));
      expect(posts).toBe(1);
      // Another tab's sync holds them back the same way, its step shown here too.
      service.state.otherTabPhase.value = { phase: 'preparing' };
      await waitFor(() => expect(now.getAttribute('aria-disabled')).toBe('true'));
      expect(replace.getAttribute('aria-disabled')).toBe('true');
      expect(screen.getByTestId('sync-phase').textContent).toMatch(
        /^Another tab of this app is syncing\. Step 1 of 4/,
      );
      service.state.otherTabPhase.value = null;
      await waitFor(() => expect(now.getAttribute('aria-disabled')).toBeNull());
      fireEvent.click(replace);
      expect(screen.getByRole('dialog')).toBeTruthy();
    } finally {
      // A failed assertion must not leave the sync lock held for the next tests.
      release();
      service.dispose();
    }
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
        'No connection. This device is offline: connect to a network and try again.',
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
    // The first has a twin: the same move, counted (the same tap made on two devices).
    const twinAt = '2026-11-23T08:50:00.000Z';
    store.setItem(
      RECORD_KEY,
      JSON.stringify({
        conflicts: [{ ...conflict(2, 'DONE'), twin_at: twinAt }, conflict(3, null)],
        last_pushed_seq: 0,
      }),
    );
    const { service } = testService(() => jsonResponse({ items: [] }), store);
    render(<SyncSettings service={service} origin="http://sync.test" />);
    const items = screen.getAllByTestId('sync-conflict');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Orks: move 2 models from In box to Done',
      'Orks: remove 2 models from In box',
    ]);
    expect(items[0]!.textContent).toMatch(/not applied\. There are not that many models/);
    expect(screen.getAllByTestId('sync-conflict-twin').map((x) => x.textContent)).toEqual([
      `The same step, made ${absoluteTime(twinAt)}, is counted: it was probably entered on two devices. Nothing to redo for this one.`,
    ]);
    setLanguage('ru');
    await waitFor(() =>
      expect(screen.getByTestId('sync-conflict-twin').textContent).toBe(
        `Такой же шаг от ${absoluteTime(twinAt)} уже учтён — видимо, его внесли на двух устройствах. Повторять его не нужно.`,
      ),
    );
    setLanguage('en');
    await waitFor(() => expect(screen.getByText('Conflicts')).toBeTruthy());
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Dismiss the conflict “Orks: move 2 models from In box to Done”',
      }),
    );
    expect(screen.getAllByTestId('sync-conflict')).toHaveLength(1);
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Dismiss the conflict “Orks: remove 2 models from In box”',
      }),
    );
    expect(screen.queryByTestId('sync-conflicts')).toBeNull();
    expect(JSON.parse(store.getItem(RECORD_KEY)!).dismissed).toHaveLength(2);
  });
});

describe('Settings → Sync: conflicts and restore points', () => {
  it('points to a restore point to undo a sync only while there is one (none of an empty device)', async () => {
    const db = freshDb();
    const state = createAppState();
    const store = memoryStore();
    const event = {
      id: '00000000-0000-4000-8000-000000000031',
      type_id: '00000000-0000-4000-8000-000000000001',
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 2,
      created_at: '2026-11-23T09:00:00.000Z',
    };
    store.setItem(
      RECORD_KEY,
      JSON.stringify({
        last_pushed_seq: 0,
        conflicts: [
          {
            type_id: event.type_id,
            type_name: 'Orks',
            reason: 'ERR_INSUFFICIENT_QTY',
            seen_at: '2026-11-23T10:00:00.000Z',
            event,
          },
        ],
      }),
    );
    const { service } = testService(() => jsonResponse({ items: [] }), store);
    render(
      <AppContext.Provider value={{ db, state, actions: createActions(db, state) }}>
        <SyncSettings service={service} origin="http://sync.test" />
      </AppContext.Provider>,
    );
    const box = screen.getByTestId('sync-conflicts');
    // The first sync of an empty device kept no restore point: none to point to.
    await waitFor(() => expect(box.textContent).not.toContain(t('sync.conflicts.restoreHint')));
    await createType(db, { name: 'Orks' });
    const kept = await readState(db);
    await db.transaction('rw', restorePointTables(db), () => takeRestorePoint(db, kept, 'sync'));
    await waitFor(() => expect(box.textContent).toContain(t('sync.conflicts.restoreHint')));
    await db.delete();
  });
});

describe('Settings → Sync: steps perhaps logged on two devices', () => {
  it('lists them with both times and a link to the type, in English and Russian, and dismisses them', async () => {
    const store = memoryStore();
    const made = '2026-11-23T09:00:00.000Z';
    const twin = '2026-11-23T08:40:00.000Z';
    store.setItem(
      RECORD_KEY,
      JSON.stringify({
        last_pushed_seq: 0,
        doubles: [
          {
            type_id: '00000000-0000-4000-8000-000000000001',
            type_name: 'Nobz',
            twin_at: twin,
            seen_at: '2026-11-23T10:00:00.000Z',
            event: {
              id: '00000000-0000-4000-8000-000000000021',
              type_id: '00000000-0000-4000-8000-000000000001',
              from_stage: 'IN_BOX',
              to_stage: 'BUILDING',
              qty: 5,
              created_at: made,
            },
          },
        ],
      }),
    );
    const { service } = testService(() => jsonResponse({ items: [] }), store);
    render(<SyncSettings service={service} origin="http://sync.test" />);
    const row = screen.getByTestId('sync-double');
    expect(row.querySelector('strong')?.textContent).toBe(
      'Nobz: move 5 models from In box to Building',
    );
    expect(row.textContent).toContain(
      `made ${absoluteTime(made)} here, ${absoluteTime(twin)} on another device`,
    );
    expect(row.querySelector('a')?.getAttribute('href')).toBe(
      '#/type/00000000-0000-4000-8000-000000000001',
    );
    setLanguage('ru');
    await waitFor(() =>
      expect(screen.getByTestId('sync-doubles').querySelector('h3')?.textContent).toBe(
        'Внесено на двух устройствах?',
      ),
    );
    expect(screen.getByTestId('sync-double').textContent).toContain(
      `сделано ${absoluteTime(made)} здесь, ${absoluteTime(twin)} — на другом устройстве`,
    );
    setLanguage('en');
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Dismiss the question about “Nobz: move 5 models from In box to Building”',
      }),
    );
    expect(screen.queryByTestId('sync-doubles')).toBeNull();
    expect(JSON.parse(store.getItem(RECORD_KEY)!).dismissed).toEqual([
      '00000000-0000-4000-8000-000000000021',
    ]);
  });
  it('tells apart two times in the same minute by their seconds, in English and Russian', async () => {
    const store = memoryStore();
    const made = '2026-11-23T09:00:05.000Z';
    const twin = '2026-11-23T09:00:40.000Z';
    const event = {
      id: '00000000-0000-4000-8000-000000000041',
      type_id: '00000000-0000-4000-8000-000000000001',
      from_stage: 'IN_BOX',
      to_stage: 'BUILDING',
      qty: 5,
      created_at: made,
    };
    const conflictEvent = {
      ...event,
      id: '00000000-0000-4000-8000-000000000042',
      to_stage: 'DONE',
    };
    store.setItem(
      RECORD_KEY,
      JSON.stringify({
        last_pushed_seq: 0,
        doubles: [
          {
            type_id: event.type_id,
            type_name: 'Nobz',
            twin_at: twin,
            seen_at: '2026-11-23T10:00:00.000Z',
            event,
          },
        ],
        conflicts: [
          {
            type_id: event.type_id,
            type_name: 'Nobz',
            reason: 'ERR_INSUFFICIENT_QTY',
            seen_at: '2026-11-23T10:00:00.000Z',
            twin_at: twin,
            event: conflictEvent,
          },
        ],
      }),
    );
    const { service } = testService(() => jsonResponse({ items: [] }), store);
    render(<SyncSettings service={service} origin="http://sync.test" />);
    const seconds = (lang: string, iso: string) =>
      new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(
        new Date(iso),
      );
    // To the minute they would read the same.
    expect(absoluteTime(made)).toBe(absoluteTime(twin));
    expect(screen.getByTestId('sync-double').textContent).toContain(
      `made ${seconds('en', made)} here, ${seconds('en', twin)} on another device`,
    );
    const conflict = screen.getByTestId('sync-conflict');
    expect(conflict.textContent).toContain(`made ${seconds('en', made)} · not applied.`);
    expect(screen.getByTestId('sync-conflict-twin').textContent).toContain(
      `The same step, made ${seconds('en', twin)}, is counted`,
    );
    setLanguage('ru');
    await waitFor(() =>
      expect(screen.getByTestId('sync-double').textContent).toContain(
        `сделано ${seconds('ru', made)} здесь, ${seconds('ru', twin)} — на другом устройстве`,
      ),
    );
    expect(screen.getByTestId('sync-conflict-twin').textContent).toContain(
      `Такой же шаг от ${seconds('ru', twin)} уже учтён`,
    );
    expect(screen.getByTestId('sync-conflict').textContent).toContain(seconds('ru', made));
    setLanguage('en');
    await waitFor(() => expect(screen.getByText('Conflicts')).toBeTruthy());
  });

  it('undoes exactly this device’s step, not both (review: the history’s one entry undid both)', async () => {
    const db = freshDb();
    const state = createAppState();
    const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 9, m));
    const type = await createType(db, { name: 'Nobz', counts: { IN_BOX: 10 } }, at(0));
    const theirs = await moveModels(
      db,
      { typeId: type.id, from: 'IN_BOX', to: 'BUILDING', qty: 5 },
      at(1),
    );
    const mine = await moveModels(
      db,
      { typeId: type.id, from: 'IN_BOX', to: 'BUILDING', qty: 5 },
      at(2),
    );
    const store = memoryStore();
    store.setItem(
      RECORD_KEY,
      JSON.stringify({
        last_pushed_seq: 0,
        doubles: [
          {
            type_id: type.id,
            type_name: 'Nobz',
            event: mine.event,
            twin_at: theirs.event.created_at,
            seen_at: at(3).toISOString(),
          },
        ],
      }),
    );
    const { service } = testService(() => jsonResponse({ items: [] }), store);
    render(
      <AppContext.Provider value={{ db, state, actions: createActions(db, state) }}>
        <NoticeBar notice={state.notice} />
        <SyncSettings service={service} origin="http://sync.test" />
      </AppContext.Provider>,
    );
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Undo this device’s step “Nobz: move 5 models from In box to Building”',
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('sync-doubles')).toBeNull());
    expect((await db.types.get(type.id))?.counts).toMatchObject({ IN_BOX: 5, BUILDING: 5 });
    expect(document.querySelector('.notice')?.textContent).toContain(t('sync.doubles.undone'));
    await db.delete();
  });
});

describe('Settings → Sync: the clock (SPEC §10)', () => {
  const TWO_DAYS = 2 * 24 * 60 * 60_000;
  const type = {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Orks',
    created_at: '2026-11-20T09:00:00.000Z',
    name_updated_at: '2026-11-20T09:00:00.000Z',
    ...defaultTypeFields('2026-11-20T09:00:00.000Z'),
    counts: { IN_BOX: 1, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 2 },
  };
  const move = {
    id: '00000000-0000-4000-8000-000000000011',
    type_id: type.id,
    from_stage: 'IN_BOX' as const,
    to_stage: 'DONE' as const,
    qty: 2,
    created_at: '2026-11-25T09:00:00.000Z',
  };

  /** A server two days behind this device that refused `ids`, the device holding `held`. */
  const clockTwoDaysAhead = (
    held: TrackerState,
    ids: { type_ids: string[]; event_ids: string[] },
  ) =>
    testService(
      (_path, init) =>
        init?.method === 'POST'
          ? jsonResponse(
              changesAnswer({
                server_time: new Date(Date.now() - TWO_DAYS).toISOString(),
                refused: {
                  code: 'ERR_CLOCK_SKEW',
                  latest_allowed: '2026-11-24T09:00:00.000Z',
                  ...ids,
                },
              }),
            )
          : jsonResponse({ items: [] }),
      memoryStore(),
      { refused: held },
    );

  it('says how far the clock is off, lists what waits for it, in English and Russian', async () => {
    const { service } = clockTwoDaysAhead(
      { types: [type], events: [move], tombstones: [] },
      { type_ids: [], event_ids: [move.id] },
    );
    render(
      <>
        <SyncBadge service={service} />
        <SyncSettings service={service} origin="http://sync.test" />
      </>,
    );
    fireEvent.click(screen.getByLabelText('Sync with a server'));
    await waitFor(() => expect(screen.getByTestId('sync-badge').dataset.state).toBe('clock'));
    expect(screen.getByTestId('sync-badge').textContent).toBe('Check the clock');
    expect(screen.getByTestId('sync-clock-skew').textContent).toBe(
      'This device’s clock is 2 days ahead of the server’s. Check its date, time and time zone.',
    );
    await waitFor(() => expect(screen.getAllByTestId('sync-waiting')).toHaveLength(1));
    expect(screen.getByTestId('sync-clock').textContent).toMatch(
      /1 change waits on this device: the server does not take changes dated more than a day/,
    );
    // One change is "it", not "them" (found by the newcomer review).
    expect(screen.getByTestId('sync-clock').textContent).toMatch(
      /the next sync re-dates it to that moment and sends it\./,
    );
    expect(screen.getByTestId('sync-waiting').textContent).toMatch(
      /^Orks: move 2 models from In box to Done, dated /,
    );
    setLanguage('ru');
    await waitFor(() =>
      expect(screen.getByTestId('sync-clock-skew').textContent).toBe(
        'Часы этого устройства спешат на 2 дня относительно сервера. Проверьте дату, время и часовой пояс.',
      ),
    );
    expect(screen.getByTestId('sync-badge').textContent).toBe('Сверьте часы');
    expect(screen.getByTestId('sync-waiting').textContent).toMatch(
      /^Orks: перевод 2 моделей с этапа «В коробке» на этап «Готово», дата /,
    );
    expect(screen.getByTestId('sync-clock').textContent).toMatch(/датирует его этим моментом/);
  });

  it('lists a waiting type as created, renamed or edited, with the time that is ahead (review: “created or renamed”)', async () => {
    const ahead = '2026-11-26T10:00:00.000Z';
    const made = {
      ...type,
      id: '00000000-0000-4000-8000-000000000002',
      name: 'Made',
      created_at: ahead,
      name_updated_at: ahead,
      ...defaultTypeFields(ahead),
    };
    const renamed = {
      ...type,
      id: '00000000-0000-4000-8000-000000000003',
      name: 'Renamed',
      name_updated_at: ahead,
    };
    const edited = {
      ...type,
      id: '00000000-0000-4000-8000-000000000004',
      name: 'Edited',
      army_updated_at: ahead,
    };
    const waiting = [made, renamed, edited];
    const { service } = clockTwoDaysAhead(
      { types: waiting, events: [], tombstones: [] },
      { type_ids: waiting.map((x) => x.id), event_ids: [] },
    );
    render(<SyncSettings service={service} origin="http://sync.test" />);
    fireEvent.click(screen.getByLabelText('Sync with a server'));
    await waitFor(() => expect(screen.getAllByTestId('sync-waiting')).toHaveLength(3));
    const date = absoluteTime(ahead);
    expect(screen.getAllByTestId('sync-waiting').map((li) => li.textContent)).toEqual([
      `Made: created, dated ${date}`,
      `Renamed: renamed, dated ${date}`,
      `Edited: edited, dated ${date}`,
    ]);
    setLanguage('ru');
    await waitFor(() =>
      expect(screen.getAllByTestId('sync-waiting').map((li) => li.textContent)).toEqual([
        `Made: создан, дата ${absoluteTime(ahead)}`,
        `Renamed: переименован, дата ${absoluteTime(ahead)}`,
        `Edited: изменён, дата ${absoluteTime(ahead)}`,
      ]),
    );
  });

  it('says nothing about a clock within five minutes of the server’s', async () => {
    const { service } = testService((_path, init) =>
      init?.method === 'POST'
        ? jsonResponse(
            changesAnswer({ server_time: new Date(Date.now() - 4 * 60_000).toISOString() }),
          )
        : jsonResponse({ items: [] }),
    );
    render(<SyncSettings service={service} origin="http://sync.test" />);
    fireEvent.click(screen.getByLabelText('Sync with a server'));
    await waitFor(() => expect(service.state.record.value.clock).not.toBeNull());
    expect(screen.queryByTestId('sync-clock')).toBeNull();
    expect(service.state.badge.value).toBe('ok');
  });
});

describe('SyncBadge', () => {
  it('is hidden while sync is off and tells the state once on', async () => {
    const { service, local } = testService((_path, init) =>
      init?.method === 'POST' ? jsonResponse(changesAnswer()) : jsonResponse({ items: [] }),
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
