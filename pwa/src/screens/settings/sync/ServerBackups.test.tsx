import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NoticeBar } from '../../../components/NoticeBar';
import { replaceLocalState } from '../../../db/replace';
import { freshDb } from '../../../db/test-db';
import { t } from '../../../i18n';
import { createActions } from '../../../state/actions';
import { createAppState } from '../../../state/app-state';
import { AppContext } from '../../../state/context';
import { changesAnswer, EMPTY_FILE, NO_CORRECTIONS } from '../../../sync/test-doubles';
import { ServerBackups } from './ServerBackups';
import { SyncSettings } from './SyncSettings';
import { jsonResponse, testService, useEnglishUi } from './test-service';

const revision = (n: number, types: number) => ({
  revision: n,
  created_at: `2026-11-30T18:3${n}:00.000Z`,
  device: null,
  size_bytes: 100,
  types,
  events: types,
});

useEnglishUi();

describe('Settings → Sync → server backups', () => {
  it("drops the list and the chosen backup when the server's address changes", async () => {
    const asked: string[] = [];
    const { service } = testService((path) => {
      asked.push(path);
      return jsonResponse({ items: [revision(2, 604), revision(1, 1)] });
    });
    service.updateSettings({ enabled: true });
    render(<ServerBackups service={service} />);
    fireEvent.click(screen.getByRole('button', { name: t('sync.backups.show') }));
    await waitFor(() => expect(screen.getAllByTestId('sync-backup')).toHaveLength(2));

    // The same server written otherwise keeps it.
    service.updateSettings({ url: 'http://sync.test/' });
    expect(screen.getAllByTestId('sync-backup')).toHaveLength(2);
    // Another server: its revision 1 is other data. The old list must not offer it.
    service.updateSettings({ url: 'http://other.test' });
    await waitFor(() => expect(screen.queryAllByTestId('sync-backup')).toHaveLength(0));
    expect(screen.getByRole('button', { name: t('sync.backups.show') })).toBeTruthy();

    // Listed anew, then a backup chosen: another address meanwhile closes the choice, so
    // no revision of the old list is ever fetched from the new server.
    fireEvent.click(screen.getByRole('button', { name: t('sync.backups.show') }));
    await waitFor(() => expect(screen.getAllByTestId('sync-backup')).toHaveLength(2));
    fireEvent.click(screen.getAllByRole('button', { name: /^Restore/ })[1]!);
    await waitFor(() => expect(screen.getByRole('dialog')).toBeTruthy());
    service.updateSettings({ url: 'http://third.test' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryAllByTestId('sync-backup')).toHaveLength(0);
    expect(asked.filter((p) => /\/revisions\/\d/.test(p))).toEqual([]);
  });

  // Review: two phones of one kind, and nothing said which backup was this phone's.
  it('marks the backups this device wrote, not a phone of the same kind', async () => {
    const own = 'Chrome on Android - 3f2a';
    const { service } = testService(
      () =>
        jsonResponse({
          items: [
            { ...revision(3, 2), device: 'Chrome on Android - 66e9' },
            { ...revision(2, 2), device: `Chrome on Android - 66e9, ${own}` },
            { ...revision(1, 1), device: own },
          ],
        }),
      undefined,
      { device: own },
    );
    service.updateSettings({ enabled: true });
    render(<ServerBackups service={service} />);
    fireEvent.click(screen.getByRole('button', { name: t('sync.backups.show') }));
    await waitFor(() => expect(screen.getAllByTestId('sync-backup-device')).toHaveLength(3));
    expect(screen.getAllByTestId('sync-backup-device').map((d) => d.textContent)).toEqual([
      'from Chrome on Android (66e9)',
      'from Chrome on Android (66e9) and this device (Chrome on Android, 3f2a)',
      'from this device (Chrome on Android, 3f2a)',
    ]);
  });

  it('says a backup was restored on this device only, though that turns sync off and hides the list (review)', async () => {
    const db = freshDb();
    const state = createAppState();
    const restored: unknown[] = [];
    const { service } = testService(
      (path) =>
        path.endsWith('/revisions/1')
          ? jsonResponse({ revision: 1, snapshot: EMPTY_FILE })
          : jsonResponse({ items: [revision(1, 0)] }),
      undefined,
      {
        recovery: {
          correctTo: async () => NO_CORRECTIONS,
          previewCorrections: async () => NO_CORRECTIONS,
          replaceWith: async (s) => {
            restored.push(s);
            return true;
          },
        },
      },
    );
    service.updateSettings({ enabled: true });
    render(
      <AppContext.Provider value={{ db, state, actions: createActions(db, state) }}>
        <NoticeBar notice={state.notice} />
        <SyncSettings service={service} origin="http://sync.test" />
      </AppContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: t('sync.backups.show') }));
    await waitFor(() => expect(screen.getAllByTestId('sync-backup')).toHaveLength(1));
    fireEvent.click(screen.getAllByRole('button', { name: /^Restore/ })[0]!);
    fireEvent.click(await screen.findByTestId('restore-here'));
    await waitFor(() => expect(restored).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('sync-backup')).toBeNull());
    expect(service.state.settings.value.enabled).toBe(false);
    expect(document.querySelector('.notice')?.textContent).toContain(
      t('settings.restore.choice.doneHere'),
    );
    await db.delete();
  });
  it('replacing a device that holds nothing neither promises nor claims a restore point', async () => {
    const db = freshDb();
    const state = createAppState();
    const { service } = testService(() => jsonResponse(changesAnswer()), undefined, {
      recovery: {
        correctTo: async () => NO_CORRECTIONS,
        previewCorrections: async () => NO_CORRECTIONS,
        replaceWith: (s, server) => replaceLocalState(db, s, server),
      },
    });
    service.updateSettings({ enabled: true });
    render(
      <AppContext.Provider value={{ db, state, actions: createActions(db, state) }}>
        <ServerBackups service={service} />
      </AppContext.Provider>,
    );
    fireEvent.click(screen.getByTestId('sync-replace'));
    await waitFor(() =>
      expect(screen.getByRole('dialog').textContent).toContain(t('sync.backups.replaceTextEmpty')),
    );
    fireEvent.click(screen.getByRole('button', { name: t('sync.backups.replaceConfirm') }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-backups-message').textContent).toBe(
        t('sync.backups.replacedNoPoint'),
      ),
    );
    expect(await db.restore_points.count()).toBe(0);
    await db.delete();
  });
});
