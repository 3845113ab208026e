import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getMeta, META } from '../../db/meta';
import { initI18n } from '../../i18n';
import { renderIn, testApp, until } from '../../test-app';
import { CsvExport } from './CsvExport';

let app: ReturnType<typeof testApp>;
beforeAll(() => initI18n('en'));
afterEach(async () => {
  vi.restoreAllMocks();
  await app.dispose();
  await initI18n('en');
});

/** Presses the button and returns the bytes of the file it saved. */
async function exportCsv(label: string): Promise<Uint8Array> {
  let blob: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    blob = b as Blob;
    return 'blob:csv';
  });
  await until(() => app.state.types.value !== null);
  fireEvent.click(screen.getByRole('button', { name: label }));
  await screen.findByTestId('csv-exported');
  expect(blob).not.toBeNull();
  return new Uint8Array(await (blob as unknown as Blob).arrayBuffer());
}

describe('CsvExport', () => {
  it('saves the types A–Z with an English header, a BOM and commas', async () => {
    app = testApp();
    await app.actions.create('Tanks', { IN_BOX: 1, DONE: 1 }, { points_per_model: 10 });
    await app.actions.create('=Boyz, big', { BUILDING: 3 }, { army: 'Orks', game: 'WH40k' });
    renderIn(app, <CsvExport />);
    await until(() => app.state.types.value?.length === 2);
    const bytes = await exportCsv('Export CSV for spreadsheets');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(
      'Name,Army,Game,Points per model,In box,Building,Priming,Painting,Done,% done\r\n' +
        `"'=Boyz, big",Orks,WH40k,1,0,3,0,0,0,0\r\n` +
        'Tanks,,,10,1,0,0,0,1,50\r\n',
    );
    expect(screen.getByTestId('csv-exported').textContent).toMatch(
      /^Saved miniatures-\d{4}-\d\d-\d\d\.csv\.$/,
    );
    // A CSV is not a backup: the "last backup" stays unset.
    expect(await getMeta(app.db, META.lastExportAt, null)).toBeNull();
  });

  it('speaks Russian with semicolons when the app does', async () => {
    await initI18n('ru');
    app = testApp();
    await app.actions.create('Ёжики', { DONE: 2 }, { army: 'Орки' });
    renderIn(app, <CsvExport />);
    await until(() => app.state.types.value?.length === 1);
    const text = new TextDecoder().decode(await exportCsv('Экспорт CSV для таблиц'));
    expect(text).toBe(
      'Название;Армия;Игра;Очков за модель;В коробке;Сборка;Грунтовка;Покраска;Готово;% готово\r\n' +
        'Ёжики;Орки;;1;0;0;0;0;2;100\r\n',
    );
  });
});
