/**
 * A list that stays cheap with 10 000 rows: above `threshold` (50) only the rows in view are in the
 * DOM (@tanstack/react-virtual, measured heights); short lists render plainly so every row is
 * reachable by find-in-page and assistive technology.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

export function VirtualList<T>(props: {
  rows: T[];
  rowKey(row: T, index: number): string;
  renderRow(row: T, index: number): ReactNode;
  estimateSize: number;
  label: string;
  threshold?: number;
  className?: string;
}) {
  const threshold = props.threshold ?? 50;
  if (props.rows.length <= threshold) {
    return (
      <div className={`list ${props.className ?? ''}`} role="list" aria-label={props.label}>
        {props.rows.map((row, i) => (
          <div role="listitem" key={props.rowKey(row, i)}>
            {props.renderRow(row, i)}
          </div>
        ))}
      </div>
    );
  }
  return <Virtualized {...props} />;
}

function Virtualized<T>(props: {
  rows: T[];
  rowKey(row: T, index: number): string;
  renderRow(row: T, index: number): ReactNode;
  estimateSize: number;
  label: string;
  className?: string;
}) {
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => props.estimateSize,
    getItemKey: (i) => props.rowKey(props.rows[i]!, i),
    overscan: 3,
    // before the first measurement (and in DOM emulators without layout) assume a panel-sized view
    initialRect: { width: 800, height: 600 },
  });
  return (
    // focusable so the keyboard can scroll it; the size of the whole list is on each item
    // (aria-setsize / aria-posinset: aria-rowcount belongs to tables and grids, not lists)
    <div ref={parentRef} className={`list virtual ${props.className ?? ''}`} role="list" aria-label={props.label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            role="listitem"
            aria-setsize={props.rows.length}
            aria-posinset={item.index + 1}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
          >
            {props.renderRow(props.rows[item.index]!, item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
