import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { rowAt, rowOffsets, VirtualList } from './VirtualList';

describe('VirtualList', () => {
  it('renders only the rows near the viewport of a long list, in a box of full height', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => `item ${i}`);
    const { container, getByRole } = render(
      <VirtualList
        items={items}
        rowHeight={100}
        label="Types"
        getKey={(s) => s}
        renderRow={(s) => <span>{s}</span>}
      />,
    );
    const list = getByRole('list', { name: 'Types' });
    expect(list.style.height).toBe('1000000px');
    const rows = container.querySelectorAll('li');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.textContent).toBe('item 0');
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('10000');
  });
});

describe('rows of different heights', () => {
  it('rowOffsets sums the heights and rowAt finds the row under a point', () => {
    const tops = rowOffsets(['h', 't', 't', 'h', 't'], (s) => (s === 'h' ? 48 : 156));
    expect([...tops]).toEqual([0, 48, 204, 360, 408, 564]);
    expect(rowAt(tops, -10)).toBe(0);
    expect(rowAt(tops, 0)).toBe(0);
    expect(rowAt(tops, 47)).toBe(0);
    expect(rowAt(tops, 48)).toBe(1);
    expect(rowAt(tops, 380)).toBe(3);
    expect(rowAt(tops, 10_000)).toBe(4);
    expect(rowAt(rowOffsets([], 10), 5)).toBe(0);
  });

  it('places each row at the sum of the heights above it, in a box of their total', () => {
    const items = Array.from({ length: 5_000 }, (_, i) =>
      i % 10 === 0 ? `head ${i}` : `row ${i}`,
    );
    const { container, getByRole } = render(
      <VirtualList
        items={items}
        rowHeight={(s) => (s.startsWith('head') ? 50 : 100)}
        label="Types"
        getKey={(s) => s}
        renderRow={(s) => <span>{s}</span>}
      />,
    );
    expect(getByRole('list', { name: 'Types' }).style.height).toBe(`${500 * 50 + 4_500 * 100}px`);
    const rows = [...container.querySelectorAll('li')];
    expect(rows.length).toBeLessThan(40);
    expect(rows[1]!.style.transform).toBe('translateY(50px)');
    expect(rows[1]!.style.height).toBe('100px');
    expect(rows[10]!.textContent).toBe('head 10');
    expect(rows[10]!.style.transform).toBe('translateY(950px)');
    expect(rows[10]!.style.height).toBe('50px');
  });
});
