import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex, MAX_SCRIPTS, MAX_SCRIPT_CHARS, parseHtmlPage, scriptPositions } from './html';

describe('parseHtmlPage', () => {
  it('collects inline scripts with the document line and column where their text starts', () => {
    const html = '<!DOCTYPE html>\r\n<html><head><title> 会員 &amp; ページ </title>\n<script>var a = 1;</script></head>\n<body><script type="module">\nimport x from "./x.js";</script><script type="application/ld+json">{"a":1}</script>\n<script type="text/javascript">b()</script></body></html>';
    const page = parseHtmlPage(html, 'https://shop.example.jp/mypage/index.html', { time: 5, id: 'p1' });
    expect(page.id).toBe('p1');
    expect(page.time).toBe(5);
    expect(page.title).toBe('会員 & ページ');
    expect(page.scripts).toEqual([
      { text: 'var a = 1;', line: 3, column: 9 },
      { text: '\nimport x from "./x.js";', line: 4, column: 29, type: 'module' },
      { text: '{"a":1}', line: 5, column: 68, type: 'application/ld+json' },
      { text: 'b()', line: 6, column: 32 },
    ]);
    expect(page.truncated).toBeUndefined();
  });

  it('keeps script text raw (no entity decoding) and tolerates broken HTML', () => {
    const html = '<div><p>unclosed <b>bold<script>if (a &amp;&amp; b < c) { x("</p>"); }</script><script>never closed';
    const page = parseHtmlPage(html, 'https://a.example/');
    expect(page.scripts.map((s) => s.text)).toEqual(['if (a &amp;&amp; b < c) { x("</p>"); }', 'never closed']);
  });

  it('resolves script srcs against the page URL or <base href>', () => {
    const page = parseHtmlPage(
      '<script src="/a.js"></script><script src="b.js">ignored()</script><script src="//cdn.example/c.js"></script><script src="https://kobuna-s-001.okskychat.net/widget/widget.js" async></script>',
      'https://shop.example.jp/dir/page.html',
    );
    expect(page.scripts).toEqual([]);
    expect(page.scriptUrls).toEqual([
      'https://shop.example.jp/a.js',
      'https://shop.example.jp/dir/b.js',
      'https://cdn.example/c.js',
      'https://kobuna-s-001.okskychat.net/widget/widget.js',
    ]);
    const based = parseHtmlPage('<head><base href="https://static.example/js/"></head><script src="d.js"></script>', 'https://shop.example.jp/');
    expect(based.scriptUrls).toEqual(['https://static.example/js/d.js']);
  });

  it('reads the CSP from <meta http-equiv>', () => {
    const page = parseHtmlPage(
      '<meta http-equiv="Content-Security-Policy" content="script-src \'self\' https://*.okskychat.net"><meta name="x" content="y">',
      'https://a.example/',
    );
    expect(page.csp).toBe("script-src 'self' https://*.okskychat.net");
  });

  it('infers the login state from the controls, and an explicit state wins', () => {
    const loggedIn = parseHtmlPage('<nav><a href="/mypage">マイページ</a> <a href="/logout"> ログアウト </a></nav>', 'https://a.example/');
    expect(loggedIn.state).toEqual({ value: 'logged-in', source: 'inferred', hints: ['リンク「ログアウト」 (href=/logout)'] });
    const iconLink = parseHtmlPage('<a href="/account/exit"><img src="x.png" alt="Log out"></a>', 'https://a.example/');
    expect(iconLink.state.value).toBe('logged-in');
    const loggedOut = parseHtmlPage('<form><input type="password" name="pw"><button>ログインする</button></form>', 'https://a.example/');
    expect(loggedOut.state).toEqual({
      value: 'logged-out',
      source: 'inferred',
      hints: ['ボタン「ログインする」', 'パスワード入力欄 (input type=password)'],
    });
    const submit = parseHtmlPage('<input type="password"><input type="submit" value="Sign in">', 'https://a.example/');
    expect(submit.state.value).toBe('logged-out');
    expect(parseHtmlPage('<p>hello</p>', 'https://a.example/').state).toEqual({ value: 'unknown', source: 'inferred', hints: [] });
    expect(parseHtmlPage('<a href="/logout">ログアウト</a>', 'https://a.example/', { state: 'logged-out' }).state).toEqual({
      value: 'logged-out',
      source: 'explicit',
      hints: [],
    });
  });

  it('bounds the size of scripts and their number, and records what it skipped', () => {
    // a long script without vendor markers: its head only; the rest holds no tag, nothing is skipped that matters
    const big = 'x'.repeat(MAX_SCRIPT_CHARS + 10);
    const page = parseHtmlPage(`<script>${big}</script>`, 'https://a.example/');
    expect(page.scripts).toHaveLength(1);
    expect(page.scripts[0].text.length).toBe(MAX_SCRIPT_CHARS);
    expect(page.scripts[0].truncated).toBe(true);
    expect(page.truncated).toBeUndefined();
    expect(page.limits).toBeUndefined();
    // with the tag after the head: a fragment around it, and the unparsed rest recorded
    const tagged = parseHtmlPage(`<script>${big};\nOkskyChat("key", "k");\n</script>`, 'https://a.example/');
    expect(tagged.scripts).toHaveLength(2);
    expect(tagged.scripts[1]).toMatchObject({ text: 'OkskyChat("key", "k");', line: 2, column: 1, fragment: true });
    expect(tagged.limits).toEqual([{ kind: 'parse-chars', skipped: 13, unit: 'chars', limit: MAX_SCRIPT_CHARS, script: 0 }]);
    // too many scripts: the ones over the bound are counted, and those naming a vendor still kept
    const many = parseHtmlPage(`${'<script>a()</script>'.repeat(MAX_SCRIPTS + 5)}<script>OkskyChat("key", "k");</script>`, 'https://a.example/');
    expect(many.scripts).toHaveLength(MAX_SCRIPTS + 1);
    expect(many.scripts[MAX_SCRIPTS].text).toBe('OkskyChat("key", "k");');
    expect(many.truncated).toBe(true);
    expect(many.limits).toEqual([{ kind: 'scripts', skipped: 5, unit: 'items', limit: MAX_SCRIPTS }]);
  });

  it('parses a 20 MB page and returns', () => {
    const chunk = '<div class="item"><a href="/p/1">商品</a><span>説明テキスト</span></div>\n';
    const parts: string[] = ['<html><body>'];
    let size = 0;
    let i = 0;
    while (size < 20 * 1024 * 1024) {
      const s = i % 500 === 0 ? `<script>var x${i} = ${i};</script>\n` : chunk;
      parts.push(s);
      size += s.length;
      i++;
    }
    parts.push('<script>OkskyChat("key", "k");</script></body></html>');
    const html = parts.join('');
    // no clock: a runaway parse is caught by the test's timeout; speed is a benchmark figure
    const page = parseHtmlPage(html, 'https://big.example/');
    expect(page.scripts.length).toBeGreaterThan(100);
    expect(page.scripts[page.scripts.length - 1].text).toBe('OkskyChat("key", "k");');
    expect(page.truncated).toBeUndefined();
  });
});

describe('LineIndex', () => {
  it('counts \\n, \\r\\n and \\r as line breaks', () => {
    const idx = new LineIndex('a\nb\r\nc\rd');
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(2)).toEqual({ line: 2, column: 1 });
    expect(idx.position(5)).toEqual({ line: 3, column: 1 });
    expect(idx.position(7)).toEqual({ line: 4, column: 1 });
    expect(idx.lineCount).toBe(4);
  });

  it('property: scriptPositions gives LineIndex#position for increasing (and restarting) offsets', () => {
    const text = fc.array(fc.constantFrom('a', 'あ', ' ', '\n', '\r', '\r\n', '<script>'), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(200), { maxLength: 12 }), fc.boolean(), (t, raw, sorted) => {
        const offsets = sorted ? [...raw].sort((a, b) => a - b) : raw;
        const index = new LineIndex(t);
        const position = scriptPositions(t);
        for (const o of offsets) expect(position(o)).toEqual(index.position(o));
      }),
      { numRuns: 500 },
    );
  });
});
