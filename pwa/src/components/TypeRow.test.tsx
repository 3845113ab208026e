import { defaultTypeFields } from '@mpt/shared';
import { fireEvent, render } from '@testing-library/preact';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import { TypeRow } from './TypeRow';

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
});
