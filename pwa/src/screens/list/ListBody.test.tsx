import { fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n';
import { DEFAULT_VIEW } from '../../state/list-view';
import { listView, setListView } from '../../state/list-view-state';
import { readView, VIEW_STORAGE_KEY } from '../../state/view-store';
import { renderIn, testApp, until } from '../../test-app';
import { ListScreen } from './ListScreen';

let app: ReturnType<typeof testApp>;
beforeAll(() => initI18n('en'));
afterEach(async () => {
  await setLanguage('en');
  setListView(DEFAULT_VIEW);
  localStorage.removeItem(VIEW_STORAGE_KEY);
  await app.dispose();
});

const rowNames = () =>
  [...document.querySelectorAll('[data-testid="group-head"], [data-testid="type-row"]')].map(
    (el) =>
      el.matches('[data-testid="group-head"]')
        ? `[${el.querySelector('.group-name')!.textContent}]`
        : el.querySelector('.type-name')!.textContent,
  );

async function army() {
  app = testApp();
  await app.actions.create('Boyz', { IN_BOX: 10, DONE: 10 }, { army: 'Orks', points_per_model: 9 });
  await app.actions.create(
    'Trukk',
    { DONE: 1 },
    { army: 'orks', game: 'Kill Team', points_per_model: 70 },
  );
  await app.actions.create('Warriors', { IN_BOX: 20 }, { army: 'Necrons', game: 'Kill Team' });
  await app.actions.create('Zombie', { PAINTING: 1 }, {});
  renderIn(app, <ListScreen />);
  await until(() => screen.queryAllByTestId('type-row').length === 4);
}

const viewButton = () => screen.getByRole('button', { name: /^View/ });

describe('the list per army', () => {
  it('shows a section per army, "No army" last, each heading with its totals', async () => {
    await army();
    expect(rowNames()).toEqual([
      '[Necrons]',
      'Warriors',
      '[Orks]',
      'Boyz',
      'Trukk',
      '[No army]',
      'Zombie',
    ]);
    const orks = screen.getByRole('button', { name: /^Orks:/ });
    expect(orks.getAttribute('aria-expanded')).toBe('true');
    expect(orks.getAttribute('aria-label')).toBe('Orks: 11 of 21 models done, 52%, 2 types');
    expect(orks.textContent).toContain('52%');
    expect(orks.textContent).toContain('11 of 21 models · 2 types');
  });

  it('folds a section to its heading and unfolds it, remembered on the device', async () => {
    await army();
    fireEvent.click(screen.getByRole('button', { name: /^Orks:/ }));
    await until(() => screen.queryAllByTestId('type-row').length === 2);
    expect(rowNames()).toEqual(['[Necrons]', 'Warriors', '[Orks]', '[No army]', 'Zombie']);
    const orks = screen.getByRole('button', { name: /^Orks:/ });
    expect(orks.getAttribute('aria-expanded')).toBe('false');
    expect(readView().folded).toEqual(['orks']);
    fireEvent.click(orks);
    await until(() => screen.queryAllByTestId('type-row').length === 4);
    expect(readView().folded).toEqual([]);
  });

  it('counts points (models × points per model) in the totals and headings when asked', async () => {
    await army();
    expect(screen.getByTestId('totals-done').textContent).toBe('11 of 42 done · 26%');
    fireEvent.click(viewButton());
    fireEvent.click(screen.getByRole('radio', { name: 'Points' }));
    await until(() => screen.getByTestId('totals-done').textContent!.includes('points'));
    // Boyz 20 × 9 + Trukk 70 + Warriors 20 + Zombie 1 = 271; done 90 + 70 = 160.
    expect(screen.getByTestId('totals-done').textContent).toBe('160 of 271 points done · 59%');
    expect(screen.getByRole('button', { name: /^Orks:/ }).textContent).toContain(
      '160 of 250 points',
    );
    expect(readView().metric).toBe('points');
    expect(viewButton().textContent).toBe('View · 1');
  });

  it('filters by army and by game, says why nothing shows and clears the filter', async () => {
    await army();
    fireEvent.click(viewButton());
    const panel = screen.getByTestId('view-panel');
    fireEvent.change(within(panel).getByLabelText('Army'), { target: { value: 'orks' } });
    await until(() => screen.queryAllByTestId('type-row').length === 2);
    expect(rowNames()).toEqual(['[Orks]', 'Boyz', 'Trukk']);
    expect(screen.getByRole('status').textContent).toBe('2 of 4 shown');
    fireEvent.change(within(panel).getByLabelText('Game'), { target: { value: 'kill team' } });
    await until(() => screen.queryAllByTestId('type-row').length === 1);
    expect(rowNames()).toEqual(['[Orks]', 'Trukk']);
    fireEvent.change(within(panel).getByLabelText('Army'), { target: { value: ' ' } });
    await screen.findByText('No types in “No army · Kill Team”', {}, { timeout: 5000 });
    fireEvent.change(within(panel).getByLabelText('Army'), { target: { value: 'necrons' } });
    await until(() => screen.queryAllByTestId('type-row').length === 1);
    const search = screen.getByRole('searchbox', { name: 'Search types' });
    fireEvent.input(search, { target: { value: 'boyz' } });
    // The search loads on first use: allow for a busy machine.
    await screen.findByText(
      'Nothing in “Necrons · Kill Team” matches “boyz”',
      {},
      { timeout: 5000 },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show all types' }));
    await until(() => screen.queryAllByTestId('type-row').length === 1);
    expect(rowNames()).toEqual(['[Orks]', 'Boyz']);
    expect(listView.value.army).toBeNull();
    expect(listView.value.game).toBeNull();
  });

  it('sorts by % done, by most still in the box and by recent change, within sections', async () => {
    await army();
    fireEvent.click(viewButton());
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sections per army' }));
    const sort = screen.getByLabelText('Sort');
    fireEvent.change(sort, { target: { value: 'done' } });
    await until(() => rowNames()[0] === 'Trukk');
    // Warriors and Zombie are both 0% done: A–Z between them.
    expect(rowNames()).toEqual(['Trukk', 'Boyz', 'Warriors', 'Zombie']);
    fireEvent.change(sort, { target: { value: 'inBox' } });
    await until(() => rowNames()[0] === 'Warriors');
    expect(rowNames()).toEqual(['Warriors', 'Boyz', 'Trukk', 'Zombie']);
    // A move is a change: the type moved last comes first.
    fireEvent.change(sort, { target: { value: 'recent' } });
    await new Promise((r) => setTimeout(r, 5));
    const boyz = app.state.types.value!.find((x) => x.name === 'Boyz')!;
    await app.actions.moveOne(boyz.id, 'IN_BOX');
    await until(() => rowNames()[0] === 'Boyz');
    expect(readView().sort).toBe('recent');
    fireEvent.change(sort, { target: { value: 'name' } });
    await until(() => rowNames()[0] === 'Boyz' && rowNames()[1] === 'Trukk');
  });

  it('shows no headings while no type has an army, and speaks Russian with plural forms', async () => {
    app = testApp();
    await app.actions.create('Orks', { IN_BOX: 1 });
    renderIn(app, <ListScreen />);
    await until(() => screen.queryAllByTestId('type-row').length === 1);
    expect(screen.queryAllByTestId('group-head')).toHaveLength(0);
    await app.actions.updateFields(app.state.types.value![0]!.id, { army: 'Орки' }, false);
    await app.actions.create(
      'Воины',
      { IN_BOX: 4, DONE: 1 },
      { army: 'Орки', points_per_model: 1 },
    );
    await setLanguage('ru');
    const orks = await screen.findByRole('button', { name: /^Орки:/ });
    expect(orks.getAttribute('aria-label')).toBe('Орки: готово 1 из 6 моделей, 16%, 2 типа');
    expect(screen.getByRole('button', { name: 'Вид' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('closes the View panel with Esc (focus back on View) and when Tab leaves it for the list', async () => {
    await army();
    fireEvent.click(viewButton());
    const sort = screen.getByLabelText('Sort');
    fireEvent.keyDown(sort, { key: 'Escape' });
    await until(() => screen.queryByTestId('view-panel') === null);
    expect(document.activeElement).toBe(viewButton());
    expect(viewButton().getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(viewButton());
    const heading = screen.getByRole('button', { name: /^Orks:/ });
    // A tap in the list leaves it open (closing would move the page under the finger)…
    fireEvent.pointerDown(heading);
    fireEvent.focusOut(screen.getByLabelText('Sort'), { relatedTarget: heading });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('view-panel')).not.toBeNull();
    // …Tab on into the list closes it.
    fireEvent.keyDown(screen.getByLabelText('Sort'), { key: 'Tab' });
    fireEvent.focusOut(screen.getByLabelText('Sort'), { relatedTarget: heading });
    await until(() => screen.queryByTestId('view-panel') === null);
  });
});
