import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

interface Props<T> {
  items: readonly T[];
  /** Each row's height in px (the CSS must agree): one for all rows, or per item. */
  rowHeight: number | ((item: T) => number);
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ComponentChildren;
  label: string;
  /** The list's id (a skip link's target). */
  id?: string;
  /** Rows rendered above and below the viewport. */
  overscan?: number;
}

/**
 * The top of each row and, last, the whole height, in px: one pass over the items
 * (10 000 rows: well under a millisecond), so rows may differ in height.
 */
export function rowOffsets<T>(items: readonly T[], height: number | ((item: T) => number)) {
  const tops = new Float64Array(items.length + 1);
  for (let i = 0; i < items.length; i++) {
    tops[i + 1] = tops[i]! + (typeof height === 'number' ? height : height(items[i]!));
  }
  return tops;
}

/** The index of the row at `y` px (binary search in `tops`); 0 above, the last below. */
export function rowAt(tops: Float64Array, y: number): number {
  let lo = 0;
  let hi = tops.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tops[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
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
  const tops = useMemo(() => rowOffsets(items, rowHeight), [items, rowHeight]);

  const measure = () => {
    const box = ref.current;
    if (!box) return;
    const top = box.getBoundingClientRect().top;
    const viewport = window.innerHeight || 800;
    const start = Math.max(0, rowAt(tops, -top) - overscan);
    const end = Math.min(items.length, rowAt(tops, viewport - top) + 1 + overscan);
    setRange((r) =>
      r.start === start && r.end === end ? r : { start, end: Math.max(start, end) },
    );
  };

  useLayoutEffect(measure, [tops]);
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
        style={{ transform: `translateY(${tops[i]}px)`, height: `${tops[i + 1]! - tops[i]!}px` }}
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
      style={{ height: `${tops[items.length]}px` }}
    >
      {rows}
    </ul>
  );
}
