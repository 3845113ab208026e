import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { renderIn, testApp, until } from '../../test-app';
import { CreateScreen, draftCounts } from './CreateScreen';

let app: ReturnType<typeof testApp>;
beforeAll(() => initI18n('en'));
afterEach(() => app.dispose());

describe('CreateScreen', () => {
  it('creates a type with initial counts and opens it', async () => {
    app = testApp();
    renderIn(app, <CreateScreen />);
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Intercessors' } });
    fireEvent.input(screen.getByLabelText('In box'), { target: { value: '10' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New type' }));
    await until(() => location.hash.startsWith('#/type/'));
    const [type] = await app.db.types.toArray();
    expect(type).toMatchObject({ name: 'Intercessors', counts: { IN_BOX: 10 } });
  });

  it('shows ERR_NAME_TAKEN inline and keeps what was typed', async () => {
    app = testApp();
    await app.actions.create('Orks', {});
    renderIn(app, <CreateScreen />);
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'ORKS' } });
    fireEvent.input(screen.getByLabelText('Done'), { target: { value: '3' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New type' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'A type with this name already exists.',
    );
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('ORKS');
    expect((screen.getByLabelText('Done') as HTMLInputElement).value).toBe('3');
    expect(await app.db.types.count()).toBe(1);
  });

  it('a blank name (empty, spaces, invisible characters) asks for a name, not a length (found by review)', async () => {
    app = testApp();
    renderIn(app, <CreateScreen />);
    for (const blank of ['', '   ', '\u200b', ' \u00a0\u200d ']) {
      fireEvent.input(screen.getByLabelText('Name'), { target: { value: blank } });
      fireEvent.submit(screen.getByRole('form', { name: 'New type' }));
      expect((await screen.findByRole('alert')).textContent).toBe('Enter a name.');
    }
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'x'.repeat(121) } });
    fireEvent.submit(screen.getByRole('form', { name: 'New type' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Enter a name of 1 to 120 characters. It has 121 now.',
    );
    // The same for an army or a game of invisible characters (pasted, say).
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Boyz' } });
    fireEvent.input(screen.getByLabelText('Army'), { target: { value: '\u200b' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New type' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'An army needs at least one visible character, or leave it empty.',
    );
    expect(await app.db.types.count()).toBe(0);
  });

  it('a bad count names its stage and the range 0 to 100 000, and marks that field (found by review)', async () => {
    app = testApp();
    renderIn(app, <CreateScreen />);
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Boyz' } });
    fireEvent.input(screen.getByLabelText('Priming'), { target: { value: '-5' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New type' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Priming: enter a whole number from 0 to 100 000.',
    );
    expect(screen.getByLabelText('Priming').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('In box').getAttribute('aria-invalid')).toBe('false');
    expect(await app.db.types.count()).toBe(0);
  });

  it('an army or game spelled otherwise than one in use says it joins that one, and is saved so (found by review)', async () => {
    app = testApp();
    await app.actions.create('Boyz', {}, { army: 'Orks', game: 'Warhammer 40,000' });
    await until(() => app.state.types.value?.length === 1);
    renderIn(app, <CreateScreen />);
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Trukk' } });
    const army = screen.getByLabelText('Army');
    // Case, spacing and invisible characters: the same army by its identity key.
    for (const typed of ['orks', ' ORKS ', 'o\u200brks']) {
      fireEvent.input(army, { target: { value: typed } });
      const hint = screen.getByText('Joins the army “Orks”.');
      expect(army.getAttribute('aria-describedby')).toBe(hint.id);
    }
    // The army itself, a new army, nothing: no word.
    for (const typed of ['Orks', '  Orks', 'Orkz', '']) {
      fireEvent.input(army, { target: { value: typed } });
      expect(screen.queryByText(/^Joins the army/)).toBeNull();
      expect(army.getAttribute('aria-describedby')).toBeNull();
    }
    fireEvent.input(army, { target: { value: 'ORKS' } });
    fireEvent.input(screen.getByLabelText('Game'), { target: { value: 'WARHAMMER  40,000' } });
    screen.getByText('Joins the game “Warhammer 40,000”.');
    fireEvent.submit(screen.getByRole('form', { name: 'New type' }));
    await until(() => location.hash.startsWith('#/type/'));
    const trukk = (await app.db.types.toArray()).find((t) => t.name === 'Trukk');
    expect(trukk).toMatchObject({ army: 'Orks', game: 'Warhammer 40,000' });
  });

  it('blank counts mean zero', () => {
    expect(
      draftCounts({ IN_BOX: '5', BUILDING: '', PRIMING: ' ', PAINTING: '0', DONE: '' }),
    ).toEqual({ IN_BOX: 5, PAINTING: 0 });
  });

  it('takes army, game, points and notes, suggesting the armies in use; a bad one is shown under its field', async () => {
    app = testApp();
    await app.actions.create('Boyz', {}, { army: 'Orks', game: 'Warhammer 40,000' });
    await until(() => app.state.types.value?.length === 1);
    renderIn(app, <CreateScreen />);
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Trukk' } });
    const army = screen.getByLabelText('Army') as HTMLInputElement;
    const list = document.getElementById(army.getAttribute('list')!)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(['Orks']);
    fireEvent.input(army, { target: { value: 'Orks' } });
    fireEvent.input(screen.getByLabelText('Points per model'), { target: { value: '1.5' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New type' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Points per model must be a whole number from 0 to 1 000.',
    );
    expect(screen.getByLabelText('Points per model').getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(screen.getByLabelText('Points per model'), { target: { value: '6' } });
    fireEvent.input(screen.getByLabelText('Notes'), { target: { value: 'Red wunz' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New type' }));
    await until(() => location.hash.startsWith('#/type/'));
    const trukk = (await app.db.types.toArray()).find((t) => t.name === 'Trukk');
    expect(trukk).toMatchObject({
      army: 'Orks',
      game: null,
      points_per_model: 6,
      notes: 'Red wunz',
    });
  });
});
