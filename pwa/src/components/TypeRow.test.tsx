import { defaultTypeFields } from '@mpt/shared';
import { fireEvent, render } from '@testing-library/preact';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { ListTypeRow, TypeRow } from './TypeRow';

beforeAll(() => initI18n('en'));

const type = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Intercessors',
  created_at: '2026-01-01T00:00:00.000Z',
  name_updated_at: '2026-01-01T00:00:00.000Z',
  ...defaultTypeFields('2026-01-01T00:00:00.000Z'),
  counts: { IN_BOX: 3, BUILDING: 0, PRIMING: 1, PAINTING: 0, DONE: 4 },
};

describe('TypeRow', () => {
  it('shows the five counts, a link to the type and the share done', () => {
    const { getByTestId, getByRole, container } = render(
      <TypeRow type={type} onMoveOne={() => {}} />,
    );
    expect(getByTestId('count-IN_BOX').textContent).toBe('3');
    expect(getByTestId('count-DONE').textContent).toBe('4');
    expect(getByRole('link', { name: 'Intercessors' }).getAttribute('href')).toBe(
      `#/type/${type.id}`,
    );
    expect(container.querySelector('.row-done')?.textContent).toBe('4/8 · 50%');
  });

  it('has a labelled → per stage before DONE, disabled where the stage holds 0', () => {
    const onMoveOne = vi.fn();
    const { getByRole, getAllByRole } = render(<TypeRow type={type} onMoveOne={onMoveOne} />);
    expect(getAllByRole('button')).toHaveLength(4);
    const fromBox = getByRole('button', {
      name: 'Move one Intercessors from In box to Building',
    }) as HTMLButtonElement;
    const fromBuilding = getByRole('button', {
      name: 'Move one Intercessors from Building to Priming',
    }) as HTMLButtonElement;
    expect(fromBox.disabled).toBe(false);
    expect(fromBuilding.disabled).toBe(true);
    fireEvent.click(fromBox);
    expect(onMoveOne).toHaveBeenCalledWith(type.id, 'IN_BOX');
  });

  it('names every count by its stage, with every digit, for eyes and screen readers', () => {
    const big = {
      ...type,
      counts: { IN_BOX: 99_999, BUILDING: 1234, PRIMING: 0, PAINTING: 7, DONE: 5 },
    };
    const { getByTestId, container } = render(<TypeRow type={big} onMoveOne={() => {}} />);
    expect(getByTestId('count-IN_BOX').textContent).toBe('99,999');
    const cell = container.querySelector('.cell-IN_BOX')!;
    expect(cell.querySelector('.label-short')!.textContent).toBe('Box');
    expect(cell.querySelector('.sr-only')!.textContent).toBe('In box: 99,999');
    // One font size per row, for its longest count: the CSS reads --chars.
    expect(
      (container.querySelector('.row-stages') as HTMLElement).style.getPropertyValue('--chars'),
    ).toBe('6');
    expect(container.querySelector('.cell-BUILDING .sr-only')!.textContent).toBe('Building: 1,234');
  });

  it('in the list (kept from re-rendering for nothing), still follows a new record and the language', async () => {
    let renders = 0;
    const counted = { ...type };
    const { getByTestId, getByRole, rerender } = render(
      <ListTypeRow type={counted} onMoveOne={() => renders++} />,
    );
    const stable = () => {};
    rerender(<ListTypeRow type={counted} onMoveOne={stable} />);
    const moved = { ...counted, counts: { ...counted.counts, IN_BOX: 2, BUILDING: 1 } };
    rerender(<ListTypeRow type={moved} onMoveOne={stable} />);
    expect(getByTestId('count-BUILDING').textContent).toBe('1');
    await setLanguage('ru');
    await new Promise((r) => setTimeout(r, 0));
    expect(
      getByRole('button', {
        name: 'Перевести одну модель «Intercessors» с этапа «В коробке» на этап «Сборка»',
      }),
    ).toBeTruthy();
    await setLanguage('en');
    expect(renders).toBe(0);
  });
});
