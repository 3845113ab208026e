import { fireEvent, render } from '@testing-library/preact';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import { QtyField } from './QtyField';

beforeAll(() => initI18n('en'));

describe('QtyField', () => {
  it('steps with − and +, sets All to the maximum, and is labelled', () => {
    const onChange = vi.fn();
    const { getByRole, getByLabelText } = render(
      <QtyField label="Quantity" value={2} max={5} onChange={onChange} />,
    );
    expect((getByLabelText('Quantity') as HTMLInputElement).value).toBe('2');
    fireEvent.click(getByRole('button', { name: 'One more' }));
    fireEvent.click(getByRole('button', { name: 'One less' }));
    fireEvent.click(getByRole('button', { name: 'All' }));
    expect(onChange.mock.calls).toEqual([[3], [1], [5]]);
  });

  it('disables − at 1 and + at the maximum; no All without a maximum', () => {
    const { getByRole, queryByRole, rerender } = render(
      <QtyField label="Q" value={1} max={1} onChange={() => {}} />,
    );
    expect((getByRole('button', { name: 'One less' }) as HTMLButtonElement).disabled).toBe(true);
    expect((getByRole('button', { name: 'One more' }) as HTMLButtonElement).disabled).toBe(true);
    rerender(<QtyField label="Q" value={1} onChange={() => {}} />);
    expect(queryByRole('button', { name: 'All' })).toBeNull();
  });

  it('passes typed numbers through', () => {
    const onChange = vi.fn();
    const { getByLabelText } = render(<QtyField label="Q" value={1} onChange={onChange} />);
    fireEvent.input(getByLabelText('Q'), { target: { value: '42' } });
    expect(onChange).toHaveBeenCalledWith(42);
    // Not rounded or defaulted: the form's check answers "a whole number", in its language.
    fireEvent.input(getByLabelText('Q'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith(Number.NaN);
  });
});
