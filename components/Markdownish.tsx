import { Fragment, useMemo } from 'react';
import { parseInline } from '@/utils/core/report/inline';
import './fix.css';

/**
 * Rule texts with their small Markdown subset (utils/core/report/inline.ts) as React elements:
 * `code`, `strong`, `em` and `br` only. Page data inside a text stays text: nothing is ever set
 * as HTML.
 */
export function Markdownish(props: { text: string }) {
  const nodes = useMemo(() => parseInline(props.text), [props.text]);
  return (
    <>
      {nodes.map((n, i) => {
        switch (n.type) {
          case 'code':
            return <code key={i}>{n.text}</code>;
          case 'strong':
            return <strong key={i}>{n.text}</strong>;
          case 'em':
            return <em key={i}>{n.text}</em>;
          case 'br':
            return <br key={i} />;
          default:
            return <Fragment key={i}>{n.text}</Fragment>;
        }
      })}
    </>
  );
}
