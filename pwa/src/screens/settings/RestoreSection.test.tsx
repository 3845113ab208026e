import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { restorePointTables, takeRestorePoint } from '../../db/restore-points';
import { readState } from '../../db/state-io';
import { initI18n } from '../../i18n';
import { renderIn, testApp, until } from '../../test-app';
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

  it('uses the Russian plural forms', async () => {
    const text = await onePoint('ru');
    expect(text).toMatch(/1 тип, 2 записи истории, \d+ байт/);
    await initI18n('en');
  });
});
