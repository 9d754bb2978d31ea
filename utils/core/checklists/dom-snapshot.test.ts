// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { snapshotSettingsHtml } from './dom-snapshot';
import { readFields } from './read-fields';

describe('snapshotSettingsHtml', () => {
  it('carries typed values, toggles and chosen options into the HTML read by labels', () => {
    const doc = globalThis.document;
    doc.body.innerHTML = `<label for=a>Channel Id</label><input id=a value="old">
      <label><input type=checkbox id=c checked>チャット</label>
      <label>プラン<select id=s><option>A</option><option>B</option></select></label>
      <label>本文<textarea id=t>x</textarea></label><script>var secret = 1;</script>`;
    (doc.getElementById('a') as HTMLInputElement).value = '1656012345';
    (doc.getElementById('c') as HTMLInputElement).checked = false;
    (doc.getElementById('s') as HTMLSelectElement).selectedIndex = 1;
    (doc.getElementById('t') as HTMLTextAreaElement).value = '新しい本文';
    const html = snapshotSettingsHtml(doc);
    expect(html).not.toContain('var secret');
    const f = Object.fromEntries(readFields(html).map((x) => [x.label, x]));
    expect(f['Channel Id'].value).toBe('1656012345');
    expect(f['チャット'].on).toBe(false);
    expect(f['プラン'].value).toBe('B');
    expect(f['本文'].value).toBe('新しい本文');
    // the live document is untouched
    expect(doc.getElementById('a')!.getAttribute('value')).toBe('old');
    expect(doc.querySelector('script')).not.toBeNull();
  });
  it('is bounded', () => {
    globalThis.document.body.innerHTML = `<p>${'あ'.repeat(5000)}</p>`;
    expect(snapshotSettingsHtml(globalThis.document, 1000).length).toBe(1000);
  });
});
