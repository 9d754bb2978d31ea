/**
 * One HTML parse per page: the tag analysis (html.ts) builds the settings-page reader's DOM in its
 * own htmlparser2 pass. What it reads must be exactly what the reader's own parse (readPage) and
 * the tag analysis alone (parseHtmlPage) give.
 */
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { READ_LIMITS, readDocument, readExtent, readPage } from './checklists/read-fields';
import { parseHtmlPage, parseHtmlPageAndDocument } from './html';
import { recogniseText } from './input';

const URL_ = 'https://admin.example.jp/settings';

function shared(html: string) {
  const extent = readExtent(html);
  const { page, document } = parseHtmlPageAndDocument(html, URL_, { id: 'p1' }, extent.chars);
  return { page, read: readDocument(document, extent.truncated) };
}

function expectSame(html: string) {
  const { page, read } = shared(html);
  expect(read).toEqual(readPage(html));
  expect(page).toEqual(parseHtmlPage(html, URL_, { id: 'p1' }));
}

const FIXTURES = import.meta.glob(['/tests/fixtures/settings/*.html', '/tests/fixtures/cli/*.html', '/tests/fixtures/oksky/*.html', '/tests/fixtures/channeltalk/*.html'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const fixture = (path: string) => {
  const text = FIXTURES[path];
  if (text === undefined) throw new Error(`missing fixture ${path}`);
  return text;
};

describe('parseHtmlPageAndDocument + readDocument', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads every HTML fixture exactly as readPage and parseHtmlPage do', () => {
    const all = Object.values(FIXTURES);
    expect(all.length).toBeGreaterThan(15);
    for (const html of all) expectSame(html);
  });

  it('is the same on arbitrary markup (forms, tables, scripts, comments, entities, broken tags)', () => {
    const piece = fc.constantFrom(
      '<form>',
      '</form>',
      '<label for="a">チャネルID</label><input id="a" value="12345">',
      '<label>通知 <input type="checkbox" name="n" checked></label>',
      '<table><tr><th>Webhook URL</th><td>https://x.example/hook</td></tr></table>',
      '<dl><dt>ステータス</dt><dd>オン</dd></dl>',
      '<h2>LINE連携</h2>',
      '<script>OkskyChat("key", "k-1");</script>',
      '<script src="https://kobuna-s-001.okskychat.net/widget/widget.js"></script>',
      '<!-- note -->',
      '<![CDATA[x]]>',
      '<?xml version="1.0"?>',
      '&amp;&lt;&#x3042;&nbsp;',
      '<div role="switch" aria-checked="true" aria-label="自動応答">',
      '</div>',
      '<select name="s"><option>オン</option><option selected>オフ</option></select>',
      '<p>ラベル：値</p>',
      '<a href="/logout">ログアウト</a>',
      '<input type="password">',
      '<title>設定 &amp; 管理</title>',
      '<b',
      '</',
      '<',
      '<div hidden><span id="h">隠し</span></div>',
      '<textarea>本文</textarea>',
      '\r\n',
      'テキスト',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => expectSame(parts.join(''))),
      { numRuns: 300 },
    );
  });

  it('builds the DOM only up to the reader’s bound on a huge page, and the tag analysis reads the whole page', () => {
    const form = '<html><head><title>LINE連携設定</title></head><body><form><label for="c">チャネルID</label><input id="c" value="1650000000"></form>';
    const filler = `<p>${'あいうえお かきくけこ '.repeat(40)}</p>\n`;
    const tail = '<script>OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");</script></body></html>';
    const html = form + filler.repeat(Math.ceil(READ_LIMITS.htmlChars / filler.length) + 10) + tail;
    expect(html.length).toBeGreaterThan(READ_LIMITS.htmlChars);
    const { page, read } = shared(html);
    expect(read).toEqual(readPage(html));
    expect(read.truncated).toBe(true);
    expect(read.fields.map((f) => [f.label, f.value])).toContainEqual(['チャネルID', '1650000000']);
    expect(page).toEqual(parseHtmlPage(html, URL_, { id: 'p1' }));
    expect(page.scripts.map((s) => s.text)).toContain('OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");');
  });

  it('cuts the DOM where the nesting exceeds the reader’s depth bound, as readPage does', () => {
    const html = `<form><label for="c">チャネルID</label><input id="c" value="42"></form>${'<div>'.repeat(READ_LIMITS.depth + 50)}<input aria-label="深い" value="x">${'</div>'.repeat(READ_LIMITS.depth + 50)}<script>after()</script>`;
    const { page, read } = shared(html);
    expect(read).toEqual(readPage(html));
    expect(read.truncated).toBe(true);
    expect(read.fields.map((f) => f.label)).toEqual(['チャネルID']);
    expect(page.scripts.map((s) => s.text)).toEqual(['after()']);
  });

  it('parses an HTML file once when it is recognised, settings page or not', () => {
    const end = vi.spyOn(Parser.prototype, 'end');
    const settings = fixture('/tests/fixtures/settings/ecai-cart-abandonment.html');
    const r1 = recogniseText(settings, 'ecai.html');
    expect(r1.kind).toBe('settings-page');
    expect(end).toHaveBeenCalledTimes(1);
    end.mockClear();
    const r2 = recogniseText(fixture('/tests/fixtures/cli/oksky-correct.html'), 'page.html');
    expect(r2.kind).toBe('html');
    expect(end).toHaveBeenCalledTimes(1);
  });
});
