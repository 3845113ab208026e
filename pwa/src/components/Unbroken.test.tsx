import { render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { Unbroken } from './Unbroken';

afterEach(() => setLanguage('en'));

// Review: at 320 px «В коробке» broke after «В», and a date over two lines.
describe('Unbroken', () => {
  it('keeps stage names of the current language and the dates given on one line each', async () => {
    await initI18n('ru');
    const date = '1 дек. 2026 г., 03:57';
    const text = `Перевод 2 моделей с этапа «В коробке» на этап «Покраска», ${date}`;
    const { container } = render(<Unbroken text={text} keep={[date]} />);
    expect(container.textContent).toBe(text);
    expect([...container.querySelectorAll('.nowrap')].map((s) => s.textContent)).toEqual([
      'В коробке',
      date,
    ]);
  });

  it('follows the language, and leaves a text without such names as it is', async () => {
    await initI18n('en');
    const { container, rerender } = render(<Unbroken text="Moved 2 models from In box to Done" />);
    expect([...container.querySelectorAll('.nowrap')].map((s) => s.textContent)).toEqual([
      'In box',
    ]);
    rerender(<Unbroken text="Renamed (a+b) to x.*" keep={['(a+b) to']} />);
    expect(container.textContent).toBe('Renamed (a+b) to x.*');
    expect(container.querySelector('.nowrap')?.textContent).toBe('(a+b) to');
  });
});
