import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Props<T> {
  items: readonly T[];
  /** Every row has this height in px (the CSS must agree). */
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ComponentChildren;
  label: string;
  /** The list's id (a skip link's target). */
  id?: string;
  /** Rows rendered above and below the viewport. */
  overscan?: number;
}

/**
 * Renders only the rows near the viewport, positioned inside a box as tall as the
 * whole list; the page itself scrolls. 10 000 types cost the same to paint as 20.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  getKey,
  renderRow,
  label,
  id,
  overscan = 6,
}: Props<T>) {
  const ref = useRef<HTMLUListElement>(null);
  const [range, setRange] = useState({ start: 0, end: 30 });

  const measure = () => {
    const box = ref.current;
    if (!box) return;
    const top = box.getBoundingClientRect().top;
    const viewport = window.innerHeight || 800;
    const start = Math.max(0, Math.floor(-top / rowHeight) - overscan);
    const end = Math.min(items.length, Math.ceil((viewport - top) / rowHeight) + overscan);
    setRange((r) =>
      r.start === start && r.end === end ? r : { start, end: Math.max(start, end) },
    );
  };

  useLayoutEffect(measure, [items.length, rowHeight]);
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        measure();
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      cancelAnimationFrame(frame);
    };
  });

  const rows: ComponentChildren[] = [];
  for (let i = range.start; i < Math.min(range.end, items.length); i++) {
    const item = items[i]!;
    rows.push(
      <li
        key={getKey(item)}
        aria-setsize={items.length}
        aria-posinset={i + 1}
        class="vrow"
        style={{ transform: `translateY(${i * rowHeight}px)`, height: `${rowHeight}px` }}
      >
        {renderRow(item, i)}
      </li>,
    );
  }
  return (
    <ul
      ref={ref}
      id={id}
      aria-label={label}
      class="vlist"
      style={{ height: `${items.length * rowHeight}px` }}
    >
      {rows}
    </ul>
  );
}
