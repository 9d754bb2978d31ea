/**
 * WAI-ARIA tabs with a roving tabindex: one tab is in the tab order, arrow keys / Home / End
 * move between tabs and select them (automatic activation).
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
}

export function Tabs<T extends string>(props: {
  label: string;
  items: TabItem<T>[];
  selected: T;
  onSelect(id: T): void;
  idPrefix: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = props.items.findIndex((i) => i.id === props.selected);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const n = props.items.length;
    let next: number | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (index + 1) % n;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (index - 1 + n) % n;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    if (next === undefined) return;
    e.preventDefault();
    props.onSelect(props.items[next]!.id);
    refs.current[next]?.focus();
  };

  return (
    <div role="tablist" aria-label={props.label} className="tabs" onKeyDown={onKeyDown}>
      {props.items.map((item, i) => (
        <button
          key={item.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`${props.idPrefix}-tab-${item.id}`}
          aria-controls={`${props.idPrefix}-panel-${item.id}`}
          aria-selected={item.id === props.selected}
          tabIndex={item.id === props.selected ? 0 : -1}
          className="tab"
          onClick={() => props.onSelect(item.id)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
