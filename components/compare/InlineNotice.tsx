/**
 * A message beside the control that caused it ("saved", an error, "imported"). Every place that can
 * speak keeps its live region in the page, so screen readers announce what appears in it.
 */
export interface Notice {
  /** where it belongs: `row:staging-in`, `add`, `companion`, `compare` … */
  at: string;
  kind: 'info' | 'error';
  text: string;
  /** a share link to select and copy */
  link?: string;
}

export function InlineNotice(props: { at: string; notice?: Notice }) {
  const n = props.notice?.at === props.at ? props.notice : undefined;
  return (
    <span className="inline-notice" aria-live="polite" data-at={props.at}>
      {n ? (
        <span className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : undefined} data-testid="compare-status">
          {n.text}
          {n.link ? (
            <>
              {' '}
              <output className="share-url" data-testid="share-url">
                {n.link}
              </output>
            </>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}
