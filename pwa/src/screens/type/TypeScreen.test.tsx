import { fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { renderIn, testApp, until } from '../../test-app';
import { TypeScreen } from './TypeScreen';

let app: ReturnType<typeof testApp>;
beforeAll(() => initI18n('en'));
afterEach(() => app.dispose());

async function open(counts = { IN_BOX: 10 }) {
  app = testApp();
  const out = await app.actions.create('Intercessors', counts);
  if (!out.ok) throw new Error(out.code);
  renderIn(app, <TypeScreen id={out.value.id} />);
  await screen.findByRole('heading', { level: 1, name: 'Intercessors' });
  return out.value.id;
}

describe('TypeScreen', () => {
  it('moves a quantity, and "All" moves everything at the source stage', async () => {
    await open();
    const form = screen.getByRole('form', { name: 'Move models' });
    fireEvent.click(within(form).getByRole('button', { name: 'One more' }));
    fireEvent.click(within(form).getByRole('button', { name: 'One more' }));
    fireEvent.submit(form);
    await until(() => screen.getByTestId('count-BUILDING').textContent === '3');
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: 'DONE' } });
    fireEvent.click(within(form).getByRole('button', { name: 'All' }));
    fireEvent.submit(form);
    await until(() => screen.getByTestId('count-DONE').textContent === '7');
    expect(screen.getByTestId('count-IN_BOX').textContent).toBe('0');
    // the source ran out: the form now offers the next stage that has models
    await until(
      () => (within(form).getByLabelText('From') as HTMLSelectElement).value === 'BUILDING',
    );
    const groups = screen.getAllByTestId('history-group').map((g) => g.textContent);
    expect(groups[0]).toContain('Moved 7 models from In box to Done');
    expect(groups[2]).toContain('Added 10 models to In box');
  });

  it('offers only later stages as targets', async () => {
    await open({ IN_BOX: 1, PRIMING: 2 } as never);
    const form = screen.getByRole('form', { name: 'Move models' });
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: 'PRIMING' } });
    const to = within(form).getByLabelText('To') as HTMLSelectElement;
    expect([...to.options].map((o) => o.value)).toEqual(['PAINTING', 'DONE']);
  });

  it('adds and removes models; removing more than there is shows the error', async () => {
    await open();
    const add = screen.getByRole('form', { name: 'Add models' });
    fireEvent.change(within(add).getByLabelText('Stage to add to'), { target: { value: 'DONE' } });
    fireEvent.input(within(add).getByLabelText('Quantity to add'), { target: { value: '4' } });
    fireEvent.submit(add);
    await until(() => screen.getByTestId('count-DONE').textContent === '4');
    const remove = screen.getByRole('form', { name: 'Remove models' });
    fireEvent.input(within(remove).getByLabelText('Quantity to remove'), {
      target: { value: '11' },
    });
    fireEvent.submit(remove);
    expect((await within(remove).findByRole('alert')).textContent).toBe(
      'There are not that many models at this stage.',
    );
    expect(screen.getByTestId('count-IN_BOX').textContent).toBe('10');
  });

  it('renames, and deletes after confirming', async () => {
    const id = await open();
    const rename = screen.getByRole('form', { name: 'Rename' });
    fireEvent.input(within(rename).getByLabelText('New name'), {
      target: { value: 'Assault Intercessors' },
    });
    fireEvent.submit(rename);
    await screen.findByRole('heading', { level: 1, name: 'Assault Intercessors' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete type…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Assault Intercessors”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await until(() => location.hash === '#/');
    expect(await app.db.types.get(id)).toBeUndefined();
    expect(await app.db.tombstones.get(id)).toBeTruthy();
  });
});
