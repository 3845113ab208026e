import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { StageBar } from './StageBar';

describe('StageBar', () => {
  it('draws one segment per non-empty stage, sized by its count, with a label', () => {
    const { container, getByRole } = render(
      <StageBar
        counts={{ IN_BOX: 3, BUILDING: 0, PRIMING: 1, PAINTING: 0, DONE: 6 }}
        label="Orks: 60% done"
      />,
    );
    expect(getByRole('img', { name: 'Orks: 60% done' })).toBeTruthy();
    const segs = [...container.querySelectorAll<HTMLElement>('.seg')];
    expect(segs.map((s) => s.className)).toEqual([
      'seg seg-IN_BOX',
      'seg seg-PRIMING',
      'seg seg-DONE',
    ]);
    expect(segs.map((s) => s.style.flexGrow)).toEqual(['3', '1', '6']);
  });

  it('is empty when there are no models', () => {
    const { container } = render(
      <StageBar counts={{ IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 }} label="x" />,
    );
    expect(container.querySelectorAll('.seg')).toHaveLength(0);
  });

  it('is hidden from screen readers without a label (its heading says the numbers)', () => {
    const { container } = render(
      <StageBar counts={{ IN_BOX: 1, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 1 }} />,
    );
    const bar = container.querySelector('.stage-bar')!;
    expect(bar.getAttribute('aria-hidden')).toBe('true');
    expect(bar.getAttribute('role')).toBeNull();
    expect(container.querySelectorAll('.seg')).toHaveLength(2);
  });
});
