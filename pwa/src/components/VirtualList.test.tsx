import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { VirtualList } from './VirtualList';

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
