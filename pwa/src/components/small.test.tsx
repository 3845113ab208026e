import { signal } from '@preact/signals';
import { fireEvent, render } from '@testing-library/preact';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import type { Notice } from '../state/app-state';
import { online } from '../state/online';
import { EmptyState } from './EmptyState';
import { NoticeBar } from './NoticeBar';
import { OfflineBadge } from './OfflineBadge';
import { ReloadNotice } from './ReloadNotice';
import { StageSelect } from './StageSelect';
import { WeekChart } from './WeekChart';

beforeAll(() => initI18n('en'));

describe('small components', () => {
  it('EmptyState shows a title, text and an action', () => {
    const { getByRole, getByText } = render(
      <EmptyState title="No types yet" text="Add one.">
        <a href="#/new">Add a type</a>
      </EmptyState>,
    );
    expect(getByRole('status').textContent).toContain('No types yet');
    expect(getByText('Add a type')).toBeTruthy();
  });

  it('OfflineBadge appears only while offline', async () => {
    online.value = true;
    const { queryByText } = render(<OfflineBadge />);
    expect(queryByText('Offline')).toBeNull();
    online.value = false;
    await Promise.resolve();
    expect(queryByText('Offline')).toBeTruthy();
    online.value = true;
  });

  it('NoticeBar shows ERR_STORAGE text as an alert and can be dismissed', async () => {
    const notice = signal<Notice | null>({ kind: 'error', code: 'ERR_STORAGE', details: {} });
    const { getByRole, queryByRole } = render(<NoticeBar notice={notice} />);
    expect(getByRole('alert').textContent).toContain('Could not save on this device');
    fireEvent.click(getByRole('button', { name: 'Dismiss' }));
    expect(notice.value).toBeNull();
    await Promise.resolve();
    expect(queryByRole('alert')).toBeNull();
  });

  it('ReloadNotice asks to reload', () => {
    const onReload = vi.fn();
    const { getByRole } = render(<ReloadNotice onReload={onReload} />);
    expect(getByRole('alertdialog').textContent).toContain('Please reload');
    fireEvent.click(getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledOnce();
  });

  it('StageSelect offers the given stages with a label', () => {
    const onChange = vi.fn();
    const { getByLabelText } = render(
      <StageSelect label="To" value="PRIMING" stages={['PRIMING', 'DONE']} onChange={onChange} />,
    );
    const select = getByLabelText('To') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Priming', 'Done']);
    fireEvent.change(select, { target: { value: 'DONE' } });
    expect(onChange).toHaveBeenCalledWith('DONE');
  });

  it('StageSelect groups each stage’s count as the tiles do, "(12,345)" (newcomer review)', () => {
    const counts = { IN_BOX: 12345, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 1000 };
    const { getByLabelText } = render(
      <StageSelect
        label="From"
        value="IN_BOX"
        stages={['IN_BOX', 'DONE']}
        onChange={() => {}}
        counts={counts}
      />,
    );
    const select = getByLabelText('From') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'In box (12,345)',
      'Done (1,000)',
    ]);
  });

  it('WeekChart draws a bar per week and describes it in words', () => {
    const weeks = [0, 2, 5].map((count, i) => ({ start: new Date(2026, 0, 5 + 7 * i), count }));
    const { getAllByTestId, getByRole } = render(<WeekChart weeks={weeks} />);
    expect(getAllByTestId('week-bar').map((g) => g.getAttribute('data-count'))).toEqual([
      '0',
      '2',
      '5',
    ]);
    expect(getByRole('img').getAttribute('aria-label')).toContain('Models finished per week');
  });
});
