import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../tests/fixtures/oksky';
import { parseHtmlPage } from '../html';
import type { Page, TagCall } from '../model';
import { staticString } from '../static-value';
import { extractOksky } from './extract';

const URL_ = 'https://shop.example.jp/mypage/';
const LOADER =
  '!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);';

function extract(html: string) {
  const page = parseHtmlPage(html, URL_);
  return { page, ev: extractOksky(page) };
}

function page(body: string): string {
  return `<!DOCTYPE html><html><head><title>t</title></head><body>\n${body}\n</body></html>`;
}

function summary(c: TagCall) {
  return { name: c.name, value: staticString(c.args[0]), line: c.location?.line, column: c.location?.column };
}

describe('000 example tags (verbatim)', () => {
  it('例(正): key, loginKey and the typographic-quoted keyword call', () => {
    const { page: p, ev } = extract(fixtures.correctTag);
    expect(p.state.value).toBe('logged-in');
    expect(ev.staticTags).toHaveLength(1);
    const tag = ev.staticTags[0];
    expect(tag).toMatchObject({
      form: 'queue',
      origin: 'static',
      global: 'OkskyChat',
      loaderCount: 1,
      widgetUrl: 'https://kobuna-s-001.okskychat.net/widget/widget.js',
      widgetHost: 'kobuna-s-001.okskychat.net',
      key: 'kobuna-s-001-0D5ACD179B043831',
      keys: ['kobuna-s-001-0D5ACD179B043831'],
      loginKeys: ['customer_id'],
      location: { line: 10, column: 1, script: 0 },
    });
    expect(tag.calls.map(summary)).toEqual([
      { name: 'key', value: 'kobuna-s-001-0D5ACD179B043831', line: 11, column: 1 },
      { name: 'loginKey', value: 'customer_id', line: 12, column: 1 },
      { name: 'customer_id', value: 'xxxxx', line: 13, column: 1 },
    ]);
    expect(tag.calls.map((c) => c.smartQuotes === true)).toEqual([false, false, true]);
    expect(tag.loginKeyCalls).toHaveLength(1);
    expect(tag.keywords).toHaveLength(1);
    expect(tag.keywords[0]).toMatchObject({ name: 'customer_id', via: 'queue', value: { kind: 'string', value: 'xxxxx', raw: '“xxxxx"' } });
    expect(tag.calls[2].raw).toBe('OkskyChat(“customer_id”, “xxxxx")');
    expect(tag.commentedCalls).toEqual([]);
    expect(ev.syntaxErrors).toEqual([
      {
        scriptIndex: 0,
        message: "Unexpected character '“'",
        location: { line: 13, column: 11, script: 0 },
        smartQuotes: true,
        lineText: 'OkskyChat(“customer_id”, “xxxxx");',
        holdsTag: true,
      },
    ]);
    expect(ev.probed).toBe(false);
    expect(ev.runtimeTags).toEqual([]);
  });

  it('例(誤): no loginKey call', () => {
    const { ev } = extract(fixtures.loginkeyMissing);
    const tag = ev.staticTags[0];
    expect(tag.loginKeys).toEqual([]);
    expect(tag.loginKeyCalls).toEqual([]);
    expect(tag.keywords.map((k) => [k.name, staticString(k.value)])).toEqual([['customer_id', 'xxxxx']]);
    expect(tag.calls[1]).toMatchObject({ name: 'customer_id', smartQuotes: true, location: { line: 12, column: 1 } });
    expect(ev.syntaxErrors).toHaveLength(1);
    expect(ev.syntaxErrors[0]).toMatchObject({ smartQuotes: true, location: { line: 12, column: 11 } });
  });

  it('ログイン時の例 without the leading `!`: a syntax error, and the calls are still read', () => {
    const { ev } = extract(fixtures.loginTimeNoBang);
    expect(ev.syntaxErrors).toHaveLength(1);
    const err = ev.syntaxErrors[0];
    expect(err.smartQuotes).toBe(false);
    expect(err.holdsTag).toBe(true);
    expect(err.message).toBe('Unexpected token');
    // `function(` at the start of a statement: the `(` where a name is required
    expect(err.location).toEqual({ line: 10, column: 9, script: 0 });
    expect(err.lineText.startsWith('function(t,e,o,n){')).toBe(true);
    const tag = ev.staticTags[0];
    expect(tag.loaderCount).toBe(1);
    expect(tag.global).toBe('OkskyChat');
    expect(tag.widgetHost).toBe('kobuna-s-001.okskychat.net');
    expect(tag.loginKeys).toEqual(['customer_id']);
    expect(tag.calls.map(summary)).toEqual([
      { name: 'key', value: 'kobuna-s-001-0D5ACD179B043831', line: 11, column: 1 },
      { name: 'loginKey', value: 'customer_id', line: 12, column: 1 },
      { name: 'customer_id', value: 'xxxxx', line: 13, column: 1 },
    ]);
    expect(tag.calls[2].smartQuotes).toBe(true);
  });

  it('未ログイン時の例: a plain tag on oksky-chat.net with another key', () => {
    const { page: p, ev } = extract(fixtures.loggedOutTag);
    expect(p.state.value).toBe('logged-out');
    expect(ev.syntaxErrors).toEqual([]);
    const tag = ev.staticTags[0];
    expect(tag).toMatchObject({
      widgetHost: 'kobuna-s-001.oksky-chat.net',
      widgetUrl: 'https://kobuna-s-001.oksky-chat.net/widget/widget.js',
      key: 'kobuna-s-001-ED70F4289B17AA9F',
      loginKeys: [],
      keywords: [],
      commentedCalls: [],
      // the loader starts right after <script> on line 9
      location: { line: 9, column: 9 },
    });
    expect(tag.calls.map(summary)).toEqual([{ name: 'key', value: 'kobuna-s-001-ED70F4289B17AA9F', line: 10, column: 1 }]);
  });

  it('未ログイン時の例 (または): the linkage is commented out', () => {
    const { ev } = extract(fixtures.loggedOutCommented);
    expect(ev.syntaxErrors).toEqual([]);
    const tag = ev.staticTags[0];
    expect(tag.loginKeys).toEqual([]);
    expect(tag.keywords).toEqual([]);
    expect(tag.calls).toHaveLength(1);
    expect(tag.commentedCalls.map(summary)).toEqual([
      { name: 'loginKey', value: 'customer_id', line: 11, column: 3 },
      { name: 'customer_id', value: '0292564', line: 12, column: 3 },
    ]);
    expect(tag.commentedCalls.every((c) => c.commented === true && c.global === 'OkskyChat')).toBe(true);
    expect(tag.commentedCalls[1].raw).toBe('OkskyChat("customer_id", "0292564")');
  });
});

describe('queue form', () => {
  it('finds a tenant-named queue global by the loader shape', () => {
    const loader = LOADER.replace('t.OkskyChat=i', 't["AcmeChat"]=i').replace('kobuna-s-001.okskychat.net', 'acme.okskychat.net');
    const html = page(
      `<script>${loader}\nAcmeChat("key", "acme-0123ABCD");</script>\n<script>\nwindow["AcmeChat"]("loginKey", "customer_code, name");\nwindow.AcmeChat("customer_code", user.code);\nAcmeChat("name", "山田");\nOkskyChat("ignored", "x");\n</script>`,
    );
    const { ev } = extract(html);
    const acme = ev.staticTags.find((t) => t.global === 'AcmeChat');
    expect(acme).toBeDefined();
    expect(acme).toMatchObject({ loaderCount: 1, widgetHost: 'acme.okskychat.net', key: 'acme-0123ABCD', loginKeys: ['customer_code', 'name'] });
    expect(acme?.keywords.map((k) => [k.name, k.value.kind, k.value.raw])).toEqual([
      ['customer_code', 'unknown', 'user.code'],
      ['name', 'string', '"山田"'],
    ]);
    expect(acme?.loginKeyCalls[0].location).toMatchObject({ line: 5, column: 1, script: 1 });
    // an OkskyChat call without a loader is its own (loader-less) tag
    const plain = ev.staticTags.find((t) => t.global === 'OkskyChat');
    expect(plain?.loaderCount).toBe(0);
    expect(plain?.calls.map((c) => c.name)).toEqual(['ignored']);
  });

  it('finds a loader that receives the global name as an argument', () => {
    const html = page(
      `<script>(function(w,d,n){w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)};var s=d.createElement("script");s.src="https://beta.oksky-chat.net/widget/widget.js";d.head.appendChild(s)})(window,document,"BetaChat");\nBetaChat("key","beta-1");</script>`,
    );
    const { ev } = extract(html);
    expect(ev.staticTags.map((t) => [t.global, t.loaderCount, t.widgetHost, t.key])).toEqual([['BetaChat', 1, 'beta.oksky-chat.net', 'beta-1']]);
  });

  it('finds a loader written with window assignments at the top level', () => {
    const html = page(
      `<script>window.OkskyChat = function (k, v) { (window.OkskyChat.q = window.OkskyChat.q || []).push([k, v]); };\nvar s = document.createElement('script'); s.src = 'https://gamma.okskychat.net/widget/widget.js'; document.head.appendChild(s);\nOkskyChat('key', 'gamma-1');</script>`,
    );
    const { ev } = extract(html);
    expect(ev.staticTags).toHaveLength(1);
    expect(ev.staticTags[0]).toMatchObject({ global: 'OkskyChat', loaderCount: 1, widgetHost: 'gamma.okskychat.net', key: 'gamma-1' });
  });

  it('does not take a configuration object for a loader', () => {
    const html = page(`<script>window.chatConfig = { src: "https://x.okskychat.net/widget/widget.js" };</script>`);
    expect(extract(html).ev.staticTags).toEqual([]);
  });

  it('counts duplicate loaders and every key set', () => {
    const other = LOADER.replace('okskychat.net', 'oksky-chat.net');
    const html = page(
      `<script>${LOADER}\nOkskyChat("key", "kobuna-s-001-0D5ACD179B043831");</script>\n<script>${other}\nOkskyChat("key", "kobuna-s-001-ED70F4289B17AA9F");</script>`,
    );
    const tag = extract(html).ev.staticTags[0];
    expect(tag.loaderCount).toBe(2);
    expect(tag.keys).toEqual(['kobuna-s-001-0D5ACD179B043831', 'kobuna-s-001-ED70F4289B17AA9F']);
    expect(tag.key).toBe('kobuna-s-001-ED70F4289B17AA9F');
    expect(tag.widgetUrls).toEqual([
      'https://kobuna-s-001.okskychat.net/widget/widget.js',
      'https://kobuna-s-001.oksky-chat.net/widget/widget.js',
    ]);
  });

  it('keeps the source text of number literals', () => {
    const html = page(`<script>${LOADER}\nOkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", 012345);\nOkskyChat("big", 12345678901234567890);</script>`);
    const tag = extract(html).ev.staticTags[0];
    expect(tag.keywords[0].value).toEqual({ kind: 'number', value: 0o12345, raw: '012345' });
    expect(staticString(tag.keywords[0].value)).toBe('5349');
    expect(tag.keywords[1].value).toMatchObject({ kind: 'number', raw: '12345678901234567890' });
  });

  it('treats expressions and templates with expressions as unknown', () => {
    const html = page(
      `<script>${LOADER}\nOkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", \`\${member.id}\`);\nOkskyChat("name", \`山田\`);\nOkskyChat("mail", "a" + b);\nOkskyChat("tel", getTel());</script>`,
    );
    const kws = extract(html).ev.staticTags[0].keywords;
    expect(kws.map((k) => [k.name, k.value.kind, k.value.raw])).toEqual([
      ['customer_id', 'unknown', '`${member.id}`'],
      ['name', 'string', '`山田`'],
      ['mail', 'unknown', '"a" + b'],
      ['tel', 'unknown', 'getTel()'],
    ]);
  });

  it('reads a block comment holding linkage calls', () => {
    const html = page(`<script>${LOADER}\nOkskyChat("key", "k-1");\n/*\nOkskyChat("loginKey", "customer_id");\n*/</script>`);
    const tag = extract(html).ev.staticTags[0];
    expect(tag.commentedCalls.map(summary)).toEqual([{ name: 'loginKey', value: 'customer_id', line: 5, column: 1 }]);
    expect(tag.loginKeys).toEqual([]);
  });

  it('reads a straight-opened, typographic-closed string and leaves typographic quotes inside strings alone', () => {
    const html = page(`<script>${LOADER}\nOkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", "A1234”);\nOkskyChat("memo", "It’s “ok”");</script>`);
    const { ev } = extract(html);
    const tag = ev.staticTags[0];
    expect(tag.keywords.map((k) => [k.name, staticString(k.value), k.call.smartQuotes === true])).toEqual([
      ['customer_id', 'A1234', true],
      ['memo', 'It’s “ok”', false],
    ]);
    expect(ev.syntaxErrors).toHaveLength(1);
    expect(ev.syntaxErrors[0]).toMatchObject({ smartQuotes: true, message: 'Unterminated string constant', location: { line: 4, column: 26 } });
  });

  it('reads calls in a module script and skips non-JavaScript script types', () => {
    const html = page(
      `<script type="module">${LOADER}\nOkskyChat("key", "m-1");</script>\n<script type="text/template">OkskyChat("loginKey", "tpl");</script>`,
    );
    const tag = extract(html).ev.staticTags[0];
    expect(tag.key).toBe('m-1');
    expect(tag.loginKeyCalls).toEqual([]);
  });

  it('splits loginKey on commas', () => {
    const html = page(`<script>${LOADER}\nOkskyChat("loginKey", " customer_code ,name,, ");</script>`);
    expect(extract(html).ev.staticTags[0].loginKeys).toEqual(['customer_code', 'name']);
  });

  it('reads a script too large for a full syntax tree with the scanner', () => {
    const filler = 'var a = [1, 2, 3].map(function (x) { return x * 2; });\n'.repeat(12_000);
    const html = page(
      `<script>\n${filler}${LOADER}\nOkskyChat("key", "k-big");\n// OkskyChat("loginKey", "customer_id");\nvar s = "OkskyChat is great";\nOkskyChat(“customer_id”, “A1");\n</script>`,
    );
    const { ev } = extract(html);
    expect(ev.syntaxErrors).toEqual([]);
    expect(ev.staticTags).toHaveLength(1);
    const tag = ev.staticTags[0];
    expect(tag).toMatchObject({ loaderCount: 1, widgetHost: 'kobuna-s-001.okskychat.net', key: 'k-big', location: { line: 12_003, column: 1 } });
    expect(tag.calls.map(summary)).toEqual([
      { name: 'key', value: 'k-big', line: 12_004, column: 1 },
      { name: 'customer_id', value: 'A1', line: 12_007, column: 1 },
    ]);
    expect(tag.calls[1].smartQuotes).toBe(true);
    expect(tag.commentedCalls.map(summary)).toEqual([{ name: 'loginKey', value: 'customer_id', line: 12_005, column: 4 }]);
  });

  it('finds nothing on a page without OK SKY', () => {
    const html = page(`<script>var a = 1; function f(){ return "x"; }</script><script src="/app.js"></script>`);
    expect(extract(html).ev).toEqual({ staticTags: [], runtimeTags: [], probed: false, syntaxErrors: [] });
  });
});

describe('SDK form', () => {
  const SDK = '<script src="https://cdn.ok-sky.com/sdk/latest/widget.js"></script>';

  it('reads new OkskyChat(...) and .show() on the variable', () => {
    const html = page(
      `${SDK}\n<script>\nvar chat = new OkskyChat("W-1", "https://tenant.ok-sky.com/", {\n  login: { customer_id: "A100" },\n  user_infos: { name: "山田", email: user.email },\n  ga_client_code: "UA-1"\n});\nchat.show({ hideButton: false, hidePopup: true });\n</script>`,
    );
    const { ev } = extract(html);
    expect(ev.syntaxErrors).toEqual([]);
    expect(ev.staticTags).toHaveLength(1);
    const tag = ev.staticTags[0];
    expect(tag).toMatchObject({
      form: 'sdk',
      global: 'OkskyChat',
      loaderCount: 1,
      key: 'W-1',
      keys: ['W-1'],
      loginKeys: ['customer_id'],
      shown: true,
      widgetUrl: 'https://cdn.ok-sky.com/sdk/latest/widget.js',
      widgetHost: 'cdn.ok-sky.com',
      systemUrl: { kind: 'string', value: 'https://tenant.ok-sky.com/' },
      location: { line: 4, column: 12 },
    });
    expect(tag.keywords.map((k) => [k.name, k.via, k.value.kind])).toEqual([
      ['customer_id', 'sdk-login', 'string'],
      ['name', 'sdk-user-infos', 'string'],
      ['email', 'sdk-user-infos', 'unknown'],
    ]);
    expect(tag.sdkLogin).toMatchObject({ kind: 'object', entries: [{ key: 'customer_id', value: { kind: 'string', value: 'A100' } }] });
    expect(tag.calls.map((c) => c.name)).toEqual(['new', 'show']);
  });

  it('reads a chained .show() and an SDK tag without login', () => {
    const html = page(`${SDK}\n<script>new OkskyChat("W-2", "https://t.ok-sky.com", {}).show();</script>`);
    const tag = extract(html).ev.staticTags[0];
    expect(tag).toMatchObject({ form: 'sdk', key: 'W-2', shown: true, loginKeys: [], keywords: [] });
    expect(tag.sdkLogin).toBeUndefined();
    expect(tag.systemUrl).toMatchObject({ value: 'https://t.ok-sky.com' });
  });

  it("reports the SDK docs' broken example as a syntax error (not typographic quotes)", () => {
    const html = page(`${SDK}\n<script>new OkskyChat("id", "https://x.ok-sky.com/", {"ga_client_code", "UA-1"})</script>`);
    const { ev } = extract(html);
    expect(ev.syntaxErrors).toHaveLength(1);
    expect(ev.syntaxErrors[0]).toMatchObject({ smartQuotes: false, holdsTag: true, message: 'Unexpected token', location: { line: 3, column: 71 } });
    expect(ev.staticTags[0]).toMatchObject({ form: 'sdk', key: 'id' });
  });
});

describe('runtime evidence', () => {
  const base: Page = parseHtmlPage(page('<p>no tag in the source</p>'), URL_);

  it('builds runtime tags from the probe calls', () => {
    const call = (name: string, value: string, global = 'OkskyChat'): TagCall => ({
      vendor: 'oksky',
      form: 'queue',
      name,
      args: [{ kind: 'string', value }],
      global,
      origin: 'runtime',
      time: 1,
    });
    const p: Page = {
      ...base,
      scriptUrls: ['https://kobuna-s-001.okskychat.net/widget/widget.js'],
      runtimeCalls: [
        call('key', 'kobuna-s-001-0D5ACD179B043831'),
        call('loginKey', 'customer_id'),
        call('customer_id', 'A1'),
        call('(number)', 'x'),
        { vendor: 'channeltalk', form: 'snippet', name: 'boot', args: [], origin: 'runtime' },
        { vendor: 'oksky', form: 'sdk', name: 'new', args: [{ kind: 'string', value: 'W-9' }, { kind: 'string', value: 'https://t.ok-sky.com/' }, { kind: 'object', entries: [] }], origin: 'runtime' },
        { vendor: 'oksky', form: 'sdk', name: 'show', args: [], origin: 'runtime' },
      ],
    };
    const ev = extractOksky(p);
    expect(ev.probed).toBe(true);
    expect(ev.staticTags).toEqual([]);
    expect(ev.runtimeTags).toHaveLength(2);
    expect(ev.runtimeTags[0]).toMatchObject({
      form: 'queue',
      origin: 'runtime',
      global: 'OkskyChat',
      key: 'kobuna-s-001-0D5ACD179B043831',
      loginKeys: ['customer_id'],
      widgetHost: 'kobuna-s-001.okskychat.net',
    });
    expect(ev.runtimeTags[0].keywords.map((k) => k.name)).toEqual(['customer_id']);
    expect(ev.runtimeTags[1]).toMatchObject({ form: 'sdk', origin: 'runtime', key: 'W-9', shown: true, loginKeys: [] });
  });

  it('is probed when the page says so even without calls', () => {
    expect(extractOksky({ ...base, probed: true }).probed).toBe(true);
    expect(extractOksky(base).probed).toBe(false);
  });
});
