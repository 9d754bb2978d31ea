// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MAX_SETTINGS_HTML, MAX_SETTINGS_URL, requestSettingsHtml } from './checklist-messages';
import { readSettingsPage } from './settings-reader';

describe('reading the settings page on demand', () => {
  it('the injected reader answers with the page as the operator sees it (typed values included, scripts dropped)', () => {
    document.body.innerHTML = '<label for="w">Webhook URL</label><input id="w" value="https://old.example.jp/"><script>var secret = 1</script>';
    (document.getElementById('w') as HTMLInputElement).value = 'https://new.example.jp/';
    const a = readSettingsPage(document, 'https://manager.line.biz/x');
    expect(a.url).toBe('https://manager.line.biz/x');
    expect(a.html).toContain('value="https://new.example.jp/"');
    expect(a.html).not.toContain('var secret');
  });

  it('the injected reader bounds what it returns', () => {
    document.body.innerHTML = `<p>${'あ'.repeat(MAX_SETTINGS_HTML + 10)}</p>`;
    const a = readSettingsPage(document, `https://a.example.jp/${'x'.repeat(MAX_SETTINGS_URL)}`);
    expect(a.html.length).toBe(MAX_SETTINGS_HTML);
    expect(a.url.length).toBe(MAX_SETTINGS_URL);
    // a document that throws while read gives an empty page, not an exception
    const hostile = { get documentElement(): never { throw new Error('boom'); } } as unknown as Document;
    expect(readSettingsPage(hostile, 'https://a.example.jp/')).toEqual({ html: '', url: 'https://a.example.jp/' });
  });

  it("the popup side: null when the tab cannot be scripted or the answer is nonsense, the top frame's answer otherwise", async () => {
    expect(await requestSettingsHtml(() => Promise.reject(new Error('Cannot access contents of the page')), 1)).toBeNull();
    expect(await requestSettingsHtml(async () => undefined, 1)).toBeNull();
    expect(await requestSettingsHtml(async () => [], 1)).toBeNull();
    expect(await requestSettingsHtml(async () => [{ frameId: 0, result: null }], 1)).toBeNull();
    expect(await requestSettingsHtml(async () => [{ frameId: 0, result: { html: 1, url: 'x' } }], 1)).toBeNull();
    expect(await requestSettingsHtml(async () => [{ frameId: 0, result: { html: 'x'.repeat(MAX_SETTINGS_HTML + 1), url: 'x' } }], 1)).toBeNull();
    expect(await requestSettingsHtml(async () => [{ frameId: 0, result: { html: 'x', url: 'x'.repeat(MAX_SETTINGS_URL + 1) } }], 1)).toBeNull();
    // only the top frame counts
    expect(await requestSettingsHtml(async () => [{ frameId: 3, result: { html: '<p>frame</p>', url: 'https://ad.example.jp/' } }], 1)).toBeNull();
    let asked: unknown;
    const ok = await requestSettingsHtml(async (id) => {
      asked = id;
      return [
        { frameId: 5, result: { html: '<p>frame</p>', url: 'https://ad.example.jp/' } },
        { frameId: 0, result: { html: '<p>a</p>', url: 'https://manager.line.biz/' } },
      ];
    }, 7);
    expect(asked).toBe(7);
    expect(ok).toEqual({ html: '<p>a</p>', url: 'https://manager.line.biz/' });
  });

  it('the reader round-trips: what the injected side returns passes the popup-side check', async () => {
    document.body.innerHTML = '<h1>応答設定</h1><input type="checkbox" id="c" checked>';
    (document.getElementById('c') as HTMLInputElement).checked = false;
    const r = await requestSettingsHtml(async () => [{ frameId: 0, documentId: 'd', result: readSettingsPage(document, 'https://manager.line.biz/r') }] as never, 2);
    expect(r?.url).toBe('https://manager.line.biz/r');
    expect(r?.html).toMatch(/<input type="checkbox" id="c">/);
  });
});
