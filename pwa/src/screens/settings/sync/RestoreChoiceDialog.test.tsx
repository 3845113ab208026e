import type { CorrectionSummary } from '@mpt/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../i18n';
import { NO_CORRECTIONS } from '../../../sync/test-doubles';
import { RestoreChoiceDialog } from './RestoreChoiceDialog';
import { useEnglishUi } from './test-service';

const summary = (s: Partial<CorrectionSummary>): CorrectionSummary => ({
  ...NO_CORRECTIONS,
  ...s,
});

useEnglishUi();

describe('restoring while sync is on: on every device asks again, saying what changes', () => {
  it('lists what would change (RU plurals) and restores only when confirmed', async () => {
    await setLanguage('ru');
    const ran: string[] = [];
    render(
      <RestoreChoiceDialog
        title="Восстановить?"
        onHere={async () => void ran.push('here')}
        planEverywhere={async () => ({
          summary: summary({
            deleted: 601,
            deletedNames: Array.from(
              { length: 601 },
              (_, i) => `Тип ${String(i).padStart(3, '0')}`,
            ),
            recreated: 1,
            renamed: 3,
            recounted: 2,
            events: 4,
          }),
          run: async () => void ran.push('everywhere'),
        })}
        onCancel={() => ran.push('cancel')}
      />,
    );
    fireEvent.click(screen.getByTestId('restore-everywhere'));
    const plan = await screen.findByTestId('restore-plan');
    expect([...plan.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      // Which ones, not only how many (review).
      'удалит 601 тип, созданный после этого: Тип 000, Тип 001, Тип 002, Тип 003, Тип 004 и ещё 596',
      'вернёт 1 удалённый тип',
      'переименует 3 типа',
      'изменит количества у 2 типов',
    ]);
    expect(ran).toEqual([]);
    // Deleting types on every device is the dangerous kind of confirmation.
    const confirm = screen.getByTestId('restore-everywhere-confirm');
    expect(confirm.className).toContain('btn-danger');
    // Back to the choice: still nothing done.
    fireEvent.click(screen.getByRole('button', { name: 'Назад' }));
    expect(ran).toEqual([]);
    fireEvent.click(screen.getByTestId('restore-everywhere'));
    fireEvent.click(await screen.findByTestId('restore-everywhere-confirm'));
    await waitFor(() => expect(ran).toEqual(['everywhere']));
  });

  it('says when there is nothing to correct, and offers no restore', async () => {
    render(
      <RestoreChoiceDialog
        title="Restore?"
        onHere={async () => {}}
        planEverywhere={async () => ({ summary: summary({}), run: async () => {} })}
        onCancel={() => {}}
      />,
    );
    fireEvent.click(screen.getByTestId('restore-everywhere'));
    expect((await screen.findByTestId('restore-plan')).textContent).toBe(
      'Nothing to correct: the data already shows that.',
    );
    expect(screen.queryByTestId('restore-everywhere-confirm')).toBeNull();
  });
});
