/**
 * The settings page as the operator sees it NOW, as HTML for readPage(): `outerHTML` only has the
 * attributes the server sent, not what was typed or toggled since (input values, checked boxes,
 * chosen options). This copies the live form state into attributes of a clone and serialises it.
 *
 * Called by the extension's content script with its own `document` (the only browser-side code of
 * the checklists; it takes the document as an argument and references no global). It is written
 * self-contained, so tests can also run it inside a page with `page.evaluate`.
 *
 * The snapshot can hold secrets typed in the form: it is analysed locally and never stored or
 * sent; only fingerprints and masked values leave the analysis.
 */
export function snapshotSettingsHtml(doc: Document, maxChars = 3_000_000): string {
  const root = doc.documentElement;
  if (!root) return '';
  const clone = root.cloneNode(true) as Element;
  const selector = 'input, textarea, select';
  const live = root.querySelectorAll(selector);
  const copy = clone.querySelectorAll(selector);
  const n = Math.min(live.length, copy.length, 20_000);
  for (let i = 0; i < n; i++) {
    const s = live[i] as HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement;
    const d = copy[i];
    const tag = s.tagName.toLowerCase();
    if (tag === 'input') {
      const type = (s.getAttribute('type') ?? '').toLowerCase();
      if (type === 'checkbox' || type === 'radio') {
        if (s.checked) d.setAttribute('checked', '');
        else d.removeAttribute('checked');
      } else if (type !== 'file') {
        d.setAttribute('value', String(s.value ?? '').slice(0, 10_000));
      }
    } else if (tag === 'textarea') {
      d.textContent = String(s.value ?? '').slice(0, 10_000);
    } else if (tag === 'select') {
      const lo = s.options;
      const co = d.querySelectorAll('option');
      for (let j = 0; j < Math.min(lo.length, co.length, 2_000); j++) {
        if (lo[j].selected) co[j].setAttribute('selected', '');
        else co[j].removeAttribute('selected');
      }
    }
  }
  // scripts and styles are not settings: drop them to keep the snapshot small
  for (const el of Array.from(clone.querySelectorAll('script, style, noscript, template, svg'))) el.remove();
  const html = `<!doctype html>${clone.outerHTML}`;
  return html.length > maxChars ? html.slice(0, maxChars) : html;
}
