// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { PageMsg, PROBE_CHANNEL, type RelayMsg } from './protocol';
import { locateScripts, placeByCount, serializeUpTo, startRelay } from './relay';

describe('locateScripts', () => {
  it('gives each inline script its 1-based line and column in the serialized document', () => {
    const html = '<html><head>\n<script>a()</script></head>\n<body>\n  <script src="x.js"></script><script>\nb()\n</script></body></html>';
    expect(locateScripts(html, [{ text: 'a()' }, { text: '\nb()\n' }])).toEqual([
      { text: 'a()', line: 2, column: 9 },
      { text: '\nb()\n', line: 4, column: 39 },
    ]);
    expect(locateScripts(html, [{ text: 'a()' }], 1)[0]!.line).toBe(3);
  });

  it('positions agree with a naive count for any script texts', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 30 }).filter((s) => !s.includes('<')), fc.string({ maxLength: 30 }).filter((s) => !s.includes('<'))), { maxLength: 6 }), (parts) => {
        let html = '<html><head></head><body>';
        const expected: { line: number; column: number }[] = [];
        for (const [before, text] of parts) {
          html += `${before}<script>`;
          const upto = html.split('\n');
          expected.push({ line: upto.length, column: upto.at(-1)!.length + 1 });
          html += `${text}</script>`;
        }
        html += '</body></html>';
        const got = locateScripts(html, parts.map(([, text]) => ({ text })));
        expect(got.map((g) => ({ line: g.line, column: g.column }))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('serializeUpTo', () => {
  // a random subtree: elements with attributes (quotes, ampersands, line breaks), text with
  // characters the serializer escapes, comments, and inline scripts
  const leaf = fc.oneof(
    fc.record({ kind: fc.constant('text' as const), text: fc.constantFrom('a', '\n', ' & ', '<b>', '\u00a0', 'x\ny', '"q"') }),
    fc.record({ kind: fc.constant('comment' as const), text: fc.constantFrom('c', 'multi\nline', '') }),
    fc.record({ kind: fc.constant('script' as const), text: fc.constantFrom('OkskyChat("key","k");', '\nvar a = 1 < 2 && "x";\n', '') }),
  );
  type Tree = { kind: 'el'; tag: string; attr: string; children: Tree[] } | { kind: 'text' | 'comment' | 'script'; text: string };
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({
        kind: fc.constant('el' as const),
        tag: fc.constantFrom('div', 'p', 'section', 'span'),
        attr: fc.constantFrom('', 'a&b', 'line\nbreak', '"quoted"', '<x>'),
        children: fc.array(tie('node'), { maxLength: 4 }),
      }),
    ),
  })).node;
  const build = (t: Tree, parent: Element) => {
    const doc = parent.ownerDocument;
    if (t.kind === 'el') {
      const el = doc.createElement(t.tag);
      if (t.attr) el.setAttribute('data-v', t.attr);
      for (const c of t.children) build(c, el);
      parent.appendChild(el);
    } else if (t.kind === 'text') parent.appendChild(doc.createTextNode(t.text));
    else if (t.kind === 'comment') parent.appendChild(doc.createComment(t.text));
    else {
      const s = doc.createElement('script');
      s.type = 'text/x-inert';
      s.text = t.text;
      parent.appendChild(s);
    }
  };

  it('is the start of the whole serialization, up to the end of the script, wherever the script is', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), fc.array(tree, { maxLength: 5 }), fc.nat(), (head, body, pick) => {
        document.documentElement.innerHTML = '<head></head><body></body>';
        for (const t of head) build(t, document.head);
        for (const t of body) build(t, document.body);
        const scripts = Array.from(document.querySelectorAll('script'));
        if (scripts.length === 0) return;
        const last = scripts[pick % scripts.length]!;
        const full = document.documentElement.outerHTML;
        const prefix = serializeUpTo(document.documentElement, last);
        expect(full.startsWith(prefix)).toBe(true);
        // it ends with the script (or is the whole serialization, when nothing follows the script)
        expect(prefix === full || prefix.endsWith(last.outerHTML)).toBe(true);
        // the scripts up to `last` are placed as in the whole document
        const upTo = scripts.slice(0, scripts.indexOf(last) + 1).map((s) => ({ text: s.text }));
        expect(locateScripts(prefix, upTo)).toEqual(locateScripts(full, upTo));
      }),
      { numRuns: 300 },
    );
  });

  it('a tag in <head> of a big page: the body is not serialized', () => {
    document.documentElement.innerHTML = `<head><script>OkskyChat("key","k");</script></head><body>${'<p>本文</p>\n'.repeat(5_000)}</body>`;
    const tag = document.querySelector('script')!;
    const prefix = serializeUpTo(document.documentElement, tag);
    expect(prefix).toBe('<html><head><script>OkskyChat("key","k");</script>');
  });
});

describe('placeByCount', () => {
  // random documents: text with line breaks and characters the serializer escapes, comments,
  // elements with attributes (with and without line breaks), inline scripts with attributes
  type Tree = { kind: 'el'; tag: string; attr: string; children: Tree[] } | { kind: 'text' | 'comment'; text: string } | { kind: 'script'; text: string; attr: string };
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ kind: fc.constant('text' as const), text: fc.constantFrom('a', '\n', '\n  ', ' & ', 'x<b>\n', '\u00a0', 'x\ny', '\n"q" > &') }),
      fc.record({ kind: fc.constant('comment' as const), text: fc.constantFrom('c', 'multi\nline', '', '\n\n') }),
      fc.record({ kind: fc.constant('script' as const), text: fc.constantFrom('OkskyChat("key","k");', '\nvar a = 1 < 2 && "x";\n', ''), attr: fc.constantFrom('', 'a&b', 'two\nlines') }),
      fc.record({
        kind: fc.constant('el' as const),
        tag: fc.constantFrom('div', 'p', 'pre', 'span', 'textarea', 'style'),
        attr: fc.constantFrom('', 'a&b', 'line\nbreak', '"quoted"', '<x>'),
        children: fc.array(tie('node'), { maxLength: 4 }),
      }),
    ),
  })).node;
  /** line breaks inside attribute values of the (non-script) elements before each script */
  let attrBreaks: Map<Element, number>;
  const build = (t: Tree, parent: Element, seen: { breaks: number }) => {
    const doc = parent.ownerDocument;
    if (t.kind === 'el') {
      // raw-text elements hold text only (the serializer writes their text as it is)
      const el = doc.createElement(t.tag);
      if (t.attr) el.setAttribute('data-v', t.attr);
      seen.breaks += t.attr.split('\n').length - 1;
      parent.appendChild(el);
      for (const c of t.children) if (!/^(style|textarea)$/.test(t.tag) || c.kind === 'text') build(c, el, seen);
    } else if (t.kind === 'script') {
      const s = doc.createElement('script');
      s.type = 'text/x-inert';
      if (t.attr) s.setAttribute('data-v', t.attr);
      s.text = t.text;
      parent.appendChild(s);
      // a script's own start tag is counted, for it and for every script after it
      attrBreaks.set(s, seen.breaks);
    } else if (t.kind === 'text') parent.appendChild(doc.createTextNode(t.text));
    else parent.appendChild(doc.createComment(t.text));
  };

  it('gives the serialization\'s places, less the line breaks inside attribute values before the script', () => {
    let placed = 0;
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 4 }), fc.array(tree, { minLength: 1, maxLength: 6 }), (head, body) => {
        document.documentElement.innerHTML = '<head></head><body></body>';
        attrBreaks = new Map();
        const seen = { breaks: 0 };
        for (const t of head) build(t, document.head, seen);
        for (const t of body) build(t, document.body, seen);
        const scripts = Array.from(document.querySelectorAll('script'));
        const got = placeByCount(document.documentElement, scripts, 1);
        const want = locateScripts(document.documentElement.outerHTML, scripts.map((s) => ({ text: s.text })), 1);
        if (!got) {
          // only where no sibling before a script holds a line break (nor its start tag)
          expect(
            scripts.some((s) => {
              let before = '';
              for (let p = s.previousSibling; p; p = p.previousSibling) before += p.nodeType === 1 ? (p as Element).outerHTML : (p.textContent ?? '');
              return !(s.cloneNode(false) as Element).outerHTML.includes('\n') && !before.includes('\n');
            }),
          ).toBe(true);
          return;
        }
        placed++;
        // locateScripts searches each script's text after the previous one: an empty script, or one
        // whose text appears earlier, is not a fair comparison
        if (scripts.some((s) => s.text === '')) return;
        expect(got).toEqual(want.map((w, i) => ({ line: w.line - attrBreaks.get(scripts[i]!)!, column: w.column })));
      }),
      { numRuns: 400 },
    );
    expect(placed).toBeGreaterThan(50);
  });

  it('leaves a page with a <template> before the script to the serialization', () => {
    document.documentElement.innerHTML = '<head></head><body>\n<template><p>a\nb</p></template>\n<script>x()</script></body>';
    expect(placeByCount(document.documentElement, [document.querySelector('script')!])).toBeUndefined();
    document.documentElement.innerHTML = '<head></head><body>\n<script>x()</script>\n<template><p>a\nb</p></template></body>';
    expect(placeByCount(document.documentElement, [document.querySelector('script')!])).toEqual([{ line: 2, column: 9 }]);
  });
});

describe('startRelay', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  const post = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data, source: window }));
  // the relay sends at DOMContentLoaded and batches calls on a timer: wait for what it sent (a
  // state), never for a fixed time, so a loaded machine cannot fail these tests
  const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 5 });
  // a background that stores and acknowledges every message (relay-outbox.ts resends the others)
  const acking = (sent: RelayMsg[]) => (m: RelayMsg) => {
    sent.push(m);
    return Promise.resolve({ ack: m.seq, ok: true });
  };
  const pagesOf = (sent: RelayMsg[]) => sent.filter((m): m is Extract<RelayMsg, { type: 'page' }> => m.type === 'page');

  it('a page without any vendor marker sends its address and title only (a light page), once', async () => {
    document.documentElement.innerHTML = '<head><title>about</title></head><body><a href="/logout">ログアウト</a><script>var analytics = 1;</script></body>';
    const sent: RelayMsg[] = [];
    stop = startRelay({ window, send: acking(sent), batchMs: 5 }).stop;
    await until(() => expect(sent.length).toBeGreaterThan(0));
    expect(sent).toEqual([
      {
        type: 'page',
        url: window.location.href,
        title: 'about',
        time: expect.any(Number),
        light: true,
        scripts: [],
        scriptUrls: [],
        controls: [],
        passwordField: false,
        doc: expect.stringMatching(/^[0-9a-z]+-[0-9a-z]{8,}$/),
        seq: 1,
      },
    ]);
    // no script text, no control left the page
    expect(JSON.stringify(sent)).not.toContain('analytics');
    expect(JSON.stringify(sent)).not.toContain('ログアウト');
  });

  it('a tagged page: scripts, URLs and login controls; probe calls relayed, forged ones counted and dropped', async () => {
    document.documentElement.innerHTML =
      '<head><title>マイページ</title><script src="https://kobuna-s-001.okskychat.net/widget/widget.js" type="x-not-run"></script></head><body><a href="/logout">ログアウト</a><input type="password"><script>OkskyChat("key", "k");</script></body>';
    const sent: RelayMsg[] = [];
    stop = startRelay({ window, send: acking(sent), batchMs: 5, pageTime: () => 1234 }).stop;
    await until(() => expect(pagesOf(sent)).toHaveLength(1));
    const page = sent.find((m) => m.type === 'page');
    expect(page).toMatchObject({ light: false, title: 'マイページ', passwordField: true, time: 1234 });
    if (page?.type !== 'page') throw new Error('no page');
    expect(page.scripts.map((s) => s.text)).toEqual(['OkskyChat("key", "k");']);
    expect(page.scriptUrls).toEqual(['https://kobuna-s-001.okskychat.net/widget/widget.js']);
    expect(page.controls).toContainEqual({ kind: 'link', text: 'ログアウト', href: '/logout' });

    post({ ch: PROBE_CHANNEL, call: { vendor: 'oksky', form: 'queue', name: 'key', args: [{ kind: 'string', value: 'k' }], time: 1 } });
    post({ ch: PROBE_CHANNEL, call: { vendor: 'evil' } });
    post({ ch: PROBE_CHANNEL, call: { vendor: 'oksky', form: 'queue', name: 'x', args: [{ kind: 'string', value: 'v'.repeat(10_000) }] } });
    post({ other: 'traffic' });
    // a message from another window (an iframe) is not the probe's
    window.dispatchEvent(new MessageEvent('message', { data: { ch: PROBE_CHANNEL, call: { vendor: 'oksky', form: 'queue', name: 'y', args: [] } }, source: null }));
    // the messages were dispatched synchronously: one batch carries them all
    await until(() => expect(sent.filter((m) => m.type === 'calls').length).toBeGreaterThan(0));
    const calls = sent.filter((m) => m.type === 'calls');
    expect(calls).toHaveLength(1);
    if (calls[0]?.type !== 'calls') throw new Error('no calls');
    expect(calls[0].calls.map((c) => [c.name, c.origin])).toEqual([['key', 'runtime']]);
    expect(calls[0].dropped).toBe(2);
  });

  it('a tag at the end of a huge inline bundle: the head, a fragment around the tag at its line, and the limit; the message passes its schema', async () => {
    const bundle = `${'var filler=function(a){return a+1};\n'.repeat(30_000)}OkskyChat("key", "k");\nOkskyChat("loginKey", "customer_id");`;
    document.documentElement.innerHTML = `<head><title>big</title></head><body><script>${bundle}</script></body>`;
    const sent: RelayMsg[] = [];
    stop = startRelay({ window, send: acking(sent), batchMs: 5 }).stop;
    await until(() => expect(pagesOf(sent)).toHaveLength(1));
    const page = pagesOf(sent)[0]!;
    expect(PageMsg.safeParse(page).success).toBe(true);
    expect(page.scripts).toHaveLength(2);
    expect(page.scripts[0]).toMatchObject({ truncated: true });
    const frag = page.scripts[1]!;
    expect(frag).toMatchObject({ fragment: true, text: 'OkskyChat("key", "k");\nOkskyChat("loginKey", "customer_id");' });
    expect(frag.line).toBe(page.scripts[0]!.line + 30_000);
    expect(page.limits).toEqual([{ kind: 'parse-chars', skipped: expect.any(Number), unit: 'chars', limit: expect.any(Number), script: 0 }]);
    expect(page.truncated).toBeUndefined();
  });

  it('relays at most 500 calls per page', async () => {
    document.documentElement.innerHTML = '<head></head><body><script>OkskyChat("key","k")</script></body>';
    const sent: RelayMsg[] = [];
    stop = startRelay({ window, send: acking(sent), batchMs: 5 }).stop;
    await until(() => expect(pagesOf(sent)).toHaveLength(1));
    for (let i = 0; i < 700; i++) post({ ch: PROBE_CHANNEL, call: { vendor: 'oksky', form: 'queue', name: `n${i}`, args: [] } });
    const batches = () => sent.filter((m): m is Extract<RelayMsg, { type: 'calls' }> => m.type === 'calls');
    // every one of the 700 is accounted for, relayed or counted as dropped
    await until(() => expect(batches().reduce((n, b) => n + b.calls.length + b.dropped, 0)).toBe(700));
    expect(batches().reduce((n, b) => n + b.calls.length, 0)).toBe(500);
    expect(batches().reduce((n, b) => n + b.dropped, 0)).toBe(200);
  });

  it('a page that gets its tag after DOMContentLoaded (tag manager) is read again in full', async () => {
    document.documentElement.innerHTML = '<head></head><body><p>no tag yet</p></body>';
    const sent: RelayMsg[] = [];
    stop = startRelay({ window, send: acking(sent), batchMs: 5 }).stop;
    await until(() => expect(sent.length).toBeGreaterThan(0));
    // no marker yet: the page is announced with its address and title only
    expect(sent).toEqual([expect.objectContaining({ type: 'page', light: true, scripts: [], scriptUrls: [], controls: [] })]);
    const s = document.createElement('script');
    s.type = 'text/x-inert';
    s.text = 'OkskyChat("key", "late")';
    document.body.appendChild(s);
    post({ ch: PROBE_CHANNEL, call: { vendor: 'oksky', form: 'queue', name: 'key', args: [{ kind: 'string', value: 'late' }] } });
    await until(() => expect(pagesOf(sent)).toHaveLength(2));
    const pages = pagesOf(sent);
    expect(pages.map((p) => p.light)).toEqual([true, false]);
    expect(pages[1]!.scripts.map((x) => x.text)).toContain('OkskyChat("key", "late")');
    // the call that revealed the tag travels with the full report: one message, numbered after the light one
    expect(pages[1]!.calls?.map((c) => c.name)).toEqual(['key']);
    expect(sent.map((m) => [m.type, m.seq])).toEqual([
      ['page', 1],
      ['page', 2],
    ]);
  });
});
