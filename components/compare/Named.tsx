/**
 * A control's visible text followed by what it applies to, for screen readers only: the
 * accessible name starts with the visible label (WCAG 2.5.3) and is unique in the list
 * (「このページを記録（本番・ログイン中）」).
 */
export function Named(props: { text: string; suffix: string }) {
  return (
    <>
      {props.text}
      <span className="sr-only">{props.suffix}</span>
    </>
  );
}
