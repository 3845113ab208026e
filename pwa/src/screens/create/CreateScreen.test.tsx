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

  it('blank counts mean zero', () => {
    expect(
      draftCounts({ IN_BOX: '5', BUILDING: '', PRIMING: ' ', PAINTING: '0', DONE: '' }),
    ).toEqual({ IN_BOX: 5, PAINTING: 0 });
  });
});
