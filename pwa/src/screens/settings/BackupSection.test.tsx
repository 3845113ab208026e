import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../db/state-io';
import { initI18n, setLanguage } from '../../i18n';
import { renderIn, testApp, until } from '../../test-app';
import { BackupSection } from './BackupSection';

let app: ReturnType<typeof testApp>;
beforeAll(() => initI18n('en'));
afterEach(() => app.dispose());

const pick = (text: string, name = 'data.json') => {
  const input = screen.getByLabelText('Import a data file') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
};

const file = (types: unknown[]) =>
  JSON.stringify({
    format: 'miniatures-tracker',
    version: 1,
    exported_at: '2026-11-01T00:00:00.000Z',
    types,
    tombstones: [],
  });

const fileType = {
  id: '7d4c5d3e-7a0b-4c55-9a55-3a1d2e6f0b11',
  name: 'Necrons',
  created_at: '2026-10-01T00:00:00.000Z',
  name_updated_at: '2026-10-01T00:00:00.000Z',
  counts: { IN_BOX: 4, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
  history: [],
};

describe('BackupSection import', () => {
  it('shows the dry-run report, writes nothing until confirmed, then imports', async () => {
    app = testApp();
    await app.actions.create('Orks', { IN_BOX: 1 });
    renderIn(app, <BackupSection />);
    pick(file([fileType]));
    const report = await screen.findByTestId('import-report');
    expect(report.textContent).toContain('create 1 type');
    expect(report.textContent).toContain('add 1 history entry');
    expect(await app.db.types.count()).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const done = await screen.findByTestId('import-done');
    expect(done.textContent).toBe('Import finished. A restore point was kept.');
    expect(await app.db.types.count()).toBe(2);
    expect(await app.db.restore_points.count()).toBe(1);
  });

  it('into an empty device: keeps no restore point and does not say it kept one', async () => {
    app = testApp();
    renderIn(app, <BackupSection />);
    pick(file([fileType]));
    await screen.findByTestId('import-report');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const done = await screen.findByTestId('import-done');
    expect(done.textContent).toBe(
      'Import finished. No restore point was kept: this device held no data before it.',
    );
    expect(await app.db.types.count()).toBe(1);
    expect(await app.db.restore_points.count()).toBe(0);
  });

  it('says which names and notes had characters it could not read or control characters, and in which types', async () => {
    app = testApp();
    renderIn(app, <BackupSection />);
    const types = [
      { ...fileType, name: 'Banner \ud83c' },
      ...['Tau', 'Eldar', 'Grots', 'Nobz', 'Kroot'].map((name, i) => ({
        ...fileType,
        id: `7d4c5d3e-7a0b-4c55-9a55-3a1d2e6f0c1${i}`,
        name: `${name} \udc00`,
      })),
      { ...fileType, id: '7d4c5d3e-7a0b-4c55-9a55-3a1d2e6f0d11', name: 'Nob\u0000z' },
      { ...fileType, id: '7d4c5d3e-7a0b-4c55-9a55-3a1d2e6f0d12', name: '  Clean\tname ' },
    ];
    // JSON.stringify writes a lone surrogate as its escape, as a broken exporter would.
    pick(file(types));
    const unreadable = await screen.findByTestId('report-unreadable');
    expect(unreadable.textContent).toBe(
      'Characters that could not be read were replaced with “�” in 6 names or notes (types “Banner �”, “Tau �”, “Eldar �”, “Grots �”, “Nobz �”, and 1 more).',
    );
    expect(screen.getByTestId('report-control').textContent).toBe(
      'Control characters were replaced with spaces in 1 name or note (type “Nob z”).',
    );
    await setLanguage('ru');
    await until(
      () => screen.queryByTestId('report-control')?.textContent?.startsWith('Упр') === true,
    );
    expect(screen.getByTestId('report-unreadable').textContent).toBe(
      'Нечитаемые символы заменены на «�» в 6 названиях или заметках (типы «Banner �», «Tau �», «Eldar �», «Grots �», «Nobz �» и ещё 1).',
    );
    expect(screen.getByTestId('report-control').textContent).toBe(
      'Управляющие символы заменены пробелами в 1 названии или заметке (тип «Nob z»).',
    );
    await setLanguage('en');
  });

  it('a clean file reports no replaced characters', async () => {
    app = testApp();
    renderIn(app, <BackupSection />);
    pick(file([{ ...fileType, name: '  Necrons\u200b ' }]));
    await screen.findByTestId('import-report');
    expect(screen.queryByTestId('report-unreadable')).toBeNull();
    expect(screen.queryByTestId('report-control')).toBeNull();
  });

  it('a broken file shows the error text, the field and what is wrong, and changes nothing', async () => {
    app = testApp();
    await app.actions.create('Orks', { IN_BOX: 1 });
    const before = await readState(app.db);
    renderIn(app, <BackupSection />);
    pick(file([{ ...fileType, counts: { ...fileType.counts, IN_BOX: -1 } }]));
    const error = await screen.findByTestId('import-error');
    // A readable file with one bad value is not "not a data file" (review).
    expect(error.textContent).toContain('The file holds a value the app does not accept.');
    expect(error.textContent).not.toContain('not a valid');
    expect(error.textContent).toContain('In box must be at least 0.');
    // The field named once (review: "… at least 0. (field “In box”)" named it twice).
    expect(error.textContent?.split('In box').length).toBe(2);
    pick('{ not json');
    await until(
      () =>
        screen.queryByTestId('import-error')?.textContent?.includes('The file is not JSON') ===
        true,
    );
    // The whole file is the place: "(at $)" would say nothing more (review).
    expect(screen.getByTestId('import-error').textContent).toContain(
      'This is not a valid Miniatures Tracker data file.',
    );
    expect(screen.getByTestId('import-error').textContent).not.toContain('(at $)');
    expect(await readState(app.db)).toEqual(before);
    expect(await app.db.restore_points.count()).toBe(0);
  });

  // Review: a name of only control characters was named in the error as «» — the type
  // could not be found in the file. Its place in the file names it then.
  it('names a type whose name shows nothing by its place in the file, in both languages', async () => {
    app = testApp();
    renderIn(app, <BackupSection />);
    const second = { ...fileType, id: '7d4c5d3e-7a0b-4c55-9a55-3a1d2e6f0b12' };
    pick(file([fileType, { ...second, name: '\u0001\u0002 \u0007' }]));
    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toContain('A name needs at least one visible character.');
    expect(error.textContent).toContain('It is type no. 2 in the file.');
    expect(error.textContent).not.toContain('Type: “');
    await setLanguage('ru');
    await until(
      () =>
        screen.queryByTestId('import-error')?.textContent?.includes('Это тип №2 в файле.') === true,
    );
    await setLanguage('en');
    // A readable name is still named as such.
    pick(file([{ ...fileType, counts: { ...fileType.counts, IN_BOX: -1 } }]));
    await until(
      () =>
        screen.queryByTestId('import-error')?.textContent?.includes('Type: “Necrons”.') === true,
    );
    expect(await app.db.types.count()).toBe(0);
  });
});
