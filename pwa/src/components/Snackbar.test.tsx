import { signal } from '@preact/signals';
import { act, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import type { UndoOffer } from '../state/app-state';
import {
  DONE_MS,
  OFFER_MS,
  OFFER_NAME_CHARS,
  offerText,
  SNACKBAR_ROOM,
  Snackbar,
} from './Snackbar';

beforeAll(() => initI18n('en'));
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const moved: UndoOffer = {
  id: 1,
  key: 'undo.moved',
  params: { count: 1, name: 'Ork Boyz', from: 'IN_BOX', to: 'BUILDING' },
  undo: async () => ({ ok: true }),
};

async function show(offer: UndoOffer | null, onUndo = vi.fn()) {
  const state = signal<UndoOffer | null>(offer);
  render(<Snackbar offer={state} onUndo={onUndo} />);
  await act(() => {
    vi.advanceTimersToNextFrame();
  });
  return { state, onUndo };
}

describe('Snackbar', () => {
  it('words each change in English and Russian, with plurals', async () => {
    expect(offerText(moved)).toBe('Moved 1 Ork Boyz to Building');
    expect(offerText({ key: 'undo.removed', params: { count: 3, name: 'A', from: 'DONE' } })).toBe(
      'Removed 3 A from Done',
    );
    expect(offerText({ key: 'undo.renamed', params: { from: 'A', to: 'B' } })).toBe(
      'Renamed A to B',
    );
    await setLanguage('ru');
    expect(offerText(moved)).toBe('Переведено: 1 модель «Ork Boyz» → «Сборка»');
    expect(offerText({ ...moved, params: { ...moved.params, count: 5 } })).toBe(
      'Переведено: 5 моделей «Ork Boyz» → «Сборка»',
    );
    expect(
      offerText({ key: 'undo.reworked', params: { count: 2, name: 'A', to: 'PRIMING' } }),
    ).toBe('На переделку: 2 модели «A» → «Грунтовка»');
    expect(offerText({ key: 'undo.deleted', params: { name: 'A' } })).toBe('Удалено: «A»');
    // A long name is cut, so the step stays in sight on a phone (review).
    const long = `${'Космодесантники Кровавых Ангелов '.repeat(4)}`.trim();
    const text = offerText({ ...moved, params: { ...moved.params, name: long } });
    expect(text).toBe(
      `Переведено: 1 модель «${[...long]
        .slice(0, OFFER_NAME_CHARS - 1)
        .join('')
        .trimEnd()}…» → «Сборка»`,
    );
    await setLanguage('en');
  });

  it('shows the change with Undo in a polite live region, and goes after 8 s', async () => {
    const { state, onUndo } = await show(moved);
    const region = screen.getByRole('status', { name: 'Last change' });
    expect(region.textContent).toContain('Moved 1 Ork Boyz to Building');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(onUndo).toHaveBeenCalledTimes(1);
    await act(() => {
      vi.advanceTimersByTime(OFFER_MS - 100);
    });
    expect(state.value).not.toBeNull();
    await act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(state.value).toBeNull();
    expect(screen.getByRole('status', { name: 'Last change' }).textContent).toBe('');
  });

  it('waits while the focus is on it; "Undone." goes sooner', async () => {
    const { state } = await show(moved);
    const button = screen.getByRole('button', { name: 'Undo' });
    fireEvent.focusIn(button);
    await act(() => {
      vi.advanceTimersByTime(OFFER_MS * 3);
    });
    expect(state.value).not.toBeNull();
    fireEvent.focusOut(button, { relatedTarget: document.body });
    await act(() => {
      vi.advanceTimersByTime(OFFER_MS + 1);
    });
    expect(state.value).toBeNull();
    await act(() => {
      state.value = { id: 2, key: 'undo.done', params: {}, undo: null };
    });
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(screen.getByText('Undone.')).toBeTruthy();
    await act(() => {
      vi.advanceTimersByTime(DONE_MS + 1);
    });
    expect(state.value).toBeNull();
  });

  it('a step a sync set aside: said in two short sentences, no Undo, as long as an offer', async () => {
    const { state, onUndo } = await show({ id: 3, key: 'undo.setAside', params: {}, undo: null });
    expect(screen.getByRole('status', { name: 'Last change' }).textContent).toBe(
      'A sync set this step aside: its models were already used. Nothing to undo.',
    );
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    expect(onUndo).not.toHaveBeenCalled();
    await act(() => {
      vi.advanceTimersByTime(DONE_MS + 1);
    });
    expect(state.value).not.toBeNull(); // a sentence to read, not "Undone."
    await act(() => {
      vi.advanceTimersByTime(OFFER_MS);
    });
    expect(state.value).toBeNull();
  });

  it('reserves its room on the page while it shows, and gives it back when it goes', async () => {
    const room = () => document.documentElement.style.getPropertyValue(SNACKBAR_ROOM);
    const { state } = await show(null);
    expect(room()).toBe('');
    await act(() => {
      state.value = moved;
    });
    // jsdom lays nothing out: its height reads 0, its gap to the text above stays.
    expect(room()).toMatch(/^\d+px$/);
    await act(() => {
      vi.advanceTimersByTime(OFFER_MS + 1);
    });
    expect(state.value).toBeNull();
    expect(room()).toBe('');
  });

  it('Ctrl+Z undoes, but not while typing in a field', async () => {
    const { onUndo } = await show(moved);
    const input = document.createElement('input');
    document.body.append(input);
    fireEvent.keyDown(input, { key: 'z', ctrlKey: true });
    expect(onUndo).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    expect(onUndo).toHaveBeenCalledTimes(1);
    input.remove();
  });
});
