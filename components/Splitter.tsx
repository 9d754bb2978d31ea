/**
 * A resizable split between a list and its detail, as in DevTools: side by side when the panel is
 * wide, one above the other when it is narrow (docked to the right). The separator is a focusable
 * WAI-ARIA window splitter: arrow keys move it by 5 %, Home/End to the limits, and it can be
 * dragged. The position is remembered per orientation.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';

export type SplitOrientation = 'side' | 'stack';
const MIN = 20;
const MAX = 80;
/** below this width (px) the detail goes below the list */
export const SIDE_BY_SIDE_MIN_WIDTH = 640;

export interface Split {
  orientation: SplitOrientation;
  /** the list's share, in percent */
  ratio: number;
  setRatio(n: number): void;
  containerRef: RefObject<HTMLDivElement | null>;
  style: CSSProperties;
}

const clamp = (n: number) => Math.round(Math.max(MIN, Math.min(MAX, n)));

function remembered(key: string, fallback: number): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(key));
    return Number.isFinite(v) && v >= MIN && v <= MAX ? v : fallback;
  } catch {
    return fallback;
  }
}

export function useSplit(name: string): Split {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [orientation, setOrientation] = useState<SplitOrientation>(() =>
    (globalThis.innerWidth ?? SIDE_BY_SIDE_MIN_WIDTH) >= SIDE_BY_SIDE_MIN_WIDTH ? 'side' : 'stack',
  );
  const storageKey = `renkei.split.${name}.${orientation}`;
  const [ratios, setRatios] = useState<Record<SplitOrientation, number>>(() => ({
    side: remembered(`renkei.split.${name}.side`, 45),
    stack: remembered(`renkei.split.${name}.stack`, 40),
  }));
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const w = el.getBoundingClientRect().width;
      if (w > 0) setOrientation(w >= SIDE_BY_SIDE_MIN_WIDTH ? 'side' : 'stack');
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const ratio = ratios[orientation];
  const setRatio = useCallback(
    (n: number) => {
      const v = clamp(n);
      setRatios((r) => ({ ...r, [orientation]: v }));
      try {
        globalThis.localStorage?.setItem(storageKey, String(v));
      } catch {
        // storage may be unavailable: the position lasts for this panel only
      }
    },
    [orientation, storageKey],
  );
  return { orientation, ratio, setRatio, containerRef, style: { ['--split' as string]: `${ratio}%` } };
}

export function Splitter({ split, controls, label }: { split: Split; controls: string; label: string }) {
  const dragging = useRef(false);
  const side = split.orientation === 'side';
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const less = side ? 'ArrowLeft' : 'ArrowUp';
    const more = side ? 'ArrowRight' : 'ArrowDown';
    let next: number | undefined;
    if (e.key === less) next = split.ratio - 5;
    else if (e.key === more) next = split.ratio + 5;
    else if (e.key === 'Home') next = MIN;
    else if (e.key === 'End') next = MAX;
    if (next === undefined) return;
    e.preventDefault();
    split.setRatio(next);
  };
  const fromPointer = (e: PointerEvent<HTMLDivElement>) => {
    const box = split.containerRef.current?.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return;
    split.setRatio(side ? ((e.clientX - box.left) / box.width) * 100 : ((e.clientY - box.top) / box.height) * 100);
  };
  useEffect(() => () => void (dragging.current = false), []);
  return (
    <div
      role="separator"
      tabIndex={0}
      className="splitter"
      aria-orientation={side ? 'vertical' : 'horizontal'}
      aria-valuenow={split.ratio}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      aria-controls={controls}
      aria-label={label}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture?.(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (dragging.current) fromPointer(e);
      }}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture?.(e.pointerId);
      }}
    />
  );
}
