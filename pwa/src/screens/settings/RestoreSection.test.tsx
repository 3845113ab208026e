import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { restorePointTables, takeRestorePoint } from '../../db/restore-points';
import { readState } from '../../db/state-io';
import { initI18n, t } from '../../i18n';
import { renderIn, testApp, until } from '../../test-app';
import { BackupSection } from './BackupSection';
import { RestoreSection } from './RestoreSection';

let app: ReturnType<typeof testApp>;
afterEach(() => app.dispose());

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

async function onePoint(lang: 'en' | 'ru'): Promise<string> {
  await initI18n(lang);
  app = testApp();
  await app.actions.create('Orks', { IN_BOX: 2, DONE: 1 });
  const state = await readState(app.db);
  await app.db.transaction('rw', restorePointTables(app.db), () =>
    takeRestorePoint(app.db, state, 'import'),
  );
  renderIn(app, <RestoreSection />);
  await until(() => screen.queryAllByTestId('restore-point').length === 1);
  return plain(screen.getByTestId('restore-point').textContent ?? '');
}

describe('RestoreSection', () => {
  it('says "1 type, 2 history entries" in English (plural forms, not "1 types")', async () => {
    const text = await onePoint('en');
    expect(text).toMatch(/1 type, 2 history entries, \d+ bytes/);
  });

  it('does not promise a restore point of a device that holds nothing, and keeps none', async () => {
    await onePoint('en');
    fireEvent.click(screen.getByRole('button', { name: /^Restore the point of/ }));
    expect(screen.getByRole('dialog').textContent).toContain(t('settings.restore.confirmText'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    // The device left with nothing (an empty server copy put here, say).
    await app.db.transaction('rw', [app.db.types, app.db.events], () =>
      Promise.all([app.db.types.clear(), app.db.events.clear()]),
    );
    await until(() => screen.queryByRole('dialog') === null);
    fireEvent.click(screen.getByRole('button', { name: /^Restore the point of/ }));
    await until(
      () =>
        screen
          .queryByRole('dialog')
          ?.textContent?.includes(t('settings.restore.confirmTextEmpty')) === true,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await until(() => screen.queryByText(t('settings.restore.done')) !== null);
    expect((await readState(app.db)).types.map((x) => x.name)).toEqual(['Orks']);
    expect(await app.db.restore_points.count()).toBe(1);
  });

  it('tells apart two points of the same minute by their seconds, buttons included', async () => {
    await initI18n('en');
    app = testApp();
    await app.actions.create('Orks', { IN_BOX: 2 });
    const state = await readState(app.db);
    const times = ['2026-11-23T09:00:10.000Z', '2026-11-23T09:00:40.000Z'];
    await app.db.transaction('rw', restorePointTables(app.db), async () => {
      for (const at of times) await takeRestorePoint(app.db, state, 'import', new Date(at));
    });
    renderIn(app, <RestoreSection />);
    await until(() => screen.queryAllByTestId('restore-point').length === 2);
    const seconds = (iso: string) =>
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(
        new Date(iso),
      );
    const shown = screen.getAllByTestId('restore-point').map((r) => r.querySelector('strong'));
    expect(shown.map((s) => s?.textContent)).toEqual([seconds(times[1]!), seconds(times[0]!)]);
    const labels = screen
      .getAllByRole('button', { name: /^Restore the point of/ })
      .map((b) => b.getAttribute('aria-label'));
    expect(labels).toEqual([
      `Restore the point of ${seconds(times[1]!)}`,
      `Restore the point of ${seconds(times[0]!)}`,
    ]);
    fireEvent.click(screen.getAllByRole('button', { name: /^Restore the point of/ })[1]!);
    expect(screen.getByRole('dialog').textContent).toContain(
      `Restore the data of ${seconds(times[0]!)}?`,
    );
  });

  it('uses the Russian plural forms', async () => {
    const text = await onePoint('ru');
    expect(text).toMatch(/1 тип, 2 записи истории, \d+ байт/);
    await initI18n('en');
  });

  // Review: «Импорт завершён…» stayed under the import button after a restore, beside
  // «Данные восстановлены.», about data that was no longer there.
  it('an import’s outcome gives way to a restore’s, and the other way round', async () => {
    await initI18n('en');
    app = testApp();
    await app.actions.create('Orks', { IN_BOX: 2 });
    renderIn(
      app,
      <>
        <BackupSection />
        <RestoreSection />
      </>,
    );
    const pickFile = (name: string) => {
      const input = screen.getByLabelText('Import a data file') as HTMLInputElement;
      const text = JSON.stringify({
        format: 'miniatures-tracker',
        version: 1,
        exported_at: '2026-11-01T00:00:00.000Z',
        types: [
          {
            id: crypto.randomUUID(),
            name,
            created_at: '2026-10-01T00:00:00.000Z',
            name_updated_at: '2026-10-01T00:00:00.000Z',
            counts: { IN_BOX: 4, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
            history: [],
          },
        ],
        tombstones: [],
      });
      Object.defineProperty(input, 'files', {
        value: [new File([text], 'data.json', { type: 'application/json' })],
        configurable: true,
      });
      fireEvent.change(input);
    };
    const importFile = async (name: string) => {
      pickFile(name);
      await screen.findByTestId('import-report');
      fireEvent.click(screen.getByRole('button', { name: 'Import' }));
      await screen.findByTestId('import-done');
    };
    await importFile('Necrons');
    await until(() => screen.queryAllByTestId('restore-point').length === 1);
    fireEvent.click(screen.getByRole('button', { name: /^Restore the point of/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await until(() => screen.queryByText(t('settings.restore.done')) !== null);
    await until(() => screen.queryByTestId('import-done') === null);
    expect((await readState(app.db)).types.map((x) => x.name)).toEqual(['Orks']);
    await importFile('Tyranids');
    await until(() => screen.queryByText(t('settings.restore.done')) === null);
    // A review worked out before a restore would report against data now gone (review:
    // «нет ничего нового» stayed after the types it meant were restored away).
    pickFile('Eldar');
    await screen.findByTestId('import-report');
    const [latest] = screen.getAllByRole('button', { name: /^Restore the point of/ });
    fireEvent.click(latest!);
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await until(() => screen.queryByTestId('import-report') === null);
  });
});
