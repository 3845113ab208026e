import { useSignal } from '@preact/signals';
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { initI18n, setLanguage, t } from '../../i18n';
import { renderIn, testApp, until } from '../../test-app';
import { ListScreen } from './ListScreen';

let app: ReturnType<typeof testApp>;
beforeAll(() => initI18n('en'));
afterEach(async () => {
  await setLanguage('en');
  await app.dispose();
});

function WithDialog() {
  const open = useSignal(true);
  return (
    <>
      <ListScreen />
      {open.value && (
        <ConfirmDialog
          title={t('type.delete.confirmTitle', { name: 'Orks' })}
          text=""
          confirmLabel={t('type.delete.confirm')}
          onConfirm={() => {}}
          onCancel={() => (open.value = false)}
        />
      )}
    </>
  );
}

describe('ListScreen', () => {
  it('shows the empty state with no types', async () => {
    app = testApp();
    renderIn(app, <ListScreen />);
    await screen.findByText('No types yet');
    expect(screen.getByRole('link', { name: 'Add a type' }).getAttribute('href')).toBe('#/new');
  });

  it('lists types A–Z with totals, filters instantly, shows no-results, and "/" focuses search', async () => {
    app = testApp();
    await app.actions.create('Ork Boyz', { IN_BOX: 10 });
    await app.actions.create('eldar', { DONE: 10 });
    renderIn(app, <ListScreen />);
    await until(() => screen.queryAllByTestId('type-row').length === 2);
    expect(
      screen.getAllByTestId('type-row').map((r) => r.querySelector('.type-name')!.textContent),
    ).toEqual(['eldar', 'Ork Boyz']);
    // Said once, not "50% done · 10 of 20 done".
    expect(screen.getByTestId('totals-done').textContent).toBe('10 of 20 done · 50%');
    expect(screen.getByTestId('totals').textContent?.match(/done/g)).toHaveLength(1);
    const search = screen.getByRole('searchbox', { name: 'Search types' });
    expect(document.activeElement).not.toBe(search);
    // The "/" listener is an effect, run after paint: under load the rows can show first.
    await until(() => {
      fireEvent.keyDown(document.body, { key: '/' });
      return document.activeElement === search;
    });
    fireEvent.input(search, { target: { value: 'ork' } });
    await until(() => screen.queryAllByTestId('type-row').length === 1);
    fireEvent.input(search, { target: { value: 'zzz' } });
    await screen.findByText('Nothing matches “zzz”');
  });

  it('a → button moves one model and updates the row', async () => {
    app = testApp();
    await app.actions.create('Orks', { IN_BOX: 1 });
    renderIn(app, <ListScreen />);
    const button = await screen.findByRole('button', {
      name: 'Move one Orks from In box to Building',
    });
    fireEvent.click(button);
    await until(() => screen.getByTestId('count-BUILDING').textContent === '1');
    expect(screen.getByTestId('count-IN_BOX').textContent).toBe('0');
    expect(
      (
        screen.getByRole('button', {
          name: 'Move one Orks from In box to Building',
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(true);
  });

  it('switching the language keeps the typed search and an open dialog', async () => {
    app = testApp();
    await app.actions.create('Orks', { IN_BOX: 1 });
    await app.actions.create('Eldar', { IN_BOX: 1 });
    renderIn(app, <WithDialog />);
    const search = await screen.findByRole('searchbox', { name: 'Search types' });
    fireEvent.input(search, { target: { value: 'ork' } });
    await until(() => screen.queryAllByTestId('type-row').length === 1);
    await setLanguage('ru');
    await screen.findByRole('dialog', { name: 'Удалить «Orks»?' });
    const same = screen.getByRole('searchbox', { name: 'Поиск типов' }) as HTMLInputElement;
    expect(same).toBe(search);
    expect(same.value).toBe('ork');
    expect(screen.getAllByTestId('type-row')).toHaveLength(1);
  });
});
