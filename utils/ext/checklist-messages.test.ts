// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerSettingsHtml, MAX_SETTINGS_HTML, requestSettingsHtml, SETTINGS_HTML_MESSAGE } from './checklist-messages';

describe('settings page messages', () => {
  it('answers the popup with the page as the operator sees it (typed values included)', () => {
    document.body.innerHTML = '<label for="w">Webhook URL</label><input id="w" value="https://old.example.jp/"><script>var secret = 1</script>';
    (document.getElementById('w') as HTMLInputElement).value = 'https://new.example.jp/';
    const a = answerSettingsHtml({ type: SETTINGS_HTML_MESSAGE }, document, 'https://manager.line.biz/x')!;
    expect(a.url).toBe('https://manager.line.biz/x');
    expect(a.html).toContain('value="https://new.example.jp/"');
    expect(a.html).not.toContain('var secret');
  });

  it('ignores anything else, never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (m) => {
        const valid = typeof m === 'object' && m !== null && !Array.isArray(m) && Object.keys(m).length === 1 && (m as { type?: unknown }).type === SETTINGS_HTML_MESSAGE;
        expect(answerSettingsHtml(m, document, 'https://a.example.jp/') === undefined).toBe(!valid);
      }),
    );
    expect(answerSettingsHtml({ type: SETTINGS_HTML_MESSAGE, extra: 1 }, document, 'https://a.example.jp/')).toBeUndefined();
    expect(answerSettingsHtml({ type: 'renkei:other' }, document, 'https://a.example.jp/')).toBeUndefined();
  });

  it('the popup side: null when the tab has no content script or answers nonsense, the answer otherwise', async () => {
    expect(await requestSettingsHtml(() => Promise.reject(new Error('Could not establish connection')), 1)).toBeNull();
    expect(await requestSettingsHtml(async () => undefined, 1)).toBeNull();
    expect(await requestSettingsHtml(async () => ({ html: 1, url: 'x' }), 1)).toBeNull();
    expect(await requestSettingsHtml(async () => ({ html: 'x'.repeat(MAX_SETTINGS_HTML + 1), url: 'x' }), 1)).toBeNull();
    let asked: unknown;
    const ok = await requestSettingsHtml(async (id, msg) => {
      asked = [id, msg];
      return { html: '<p>a</p>', url: 'https://manager.line.biz/' };
    }, 7);
    expect(asked).toEqual([7, { type: SETTINGS_HTML_MESSAGE }]);
    expect(ok).toEqual({ html: '<p>a</p>', url: 'https://manager.line.biz/' });
  });
});
