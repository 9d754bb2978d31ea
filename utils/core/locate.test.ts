import { describe, expect, it } from 'vitest';
import { filler } from '../../tests/fixtures/big/big-script';
import { extractOksky } from './oksky/extract';
import { markerWindows, MAX_WINDOWS, PositionCounter, refineFragments, splitLongScript } from './locate';
import { jsParses } from './locate-parse';

const TAG = 'OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", "A1");';

describe('markerWindows', () => {
  it('finds no window in a text without vendor markers', () => {
    expect(markerWindows(filler(50_000), 0, 50_000, jsParses)).toEqual({ windows: [], markers: 0, skippedMarkers: 0 });
  });

  it('cuts one window around neighbouring markers, starting at a statement boundary where it parses', () => {
    const before = filler(30_000);
    const text = `${before}${TAG}\nvar z=1;`;
    const { windows, markers } = markerWindows(text, 0, text.length, jsParses);
    expect(markers).toBe(3);
    expect(windows).toHaveLength(1);
    const w = windows[0];
    expect(w.clean).toBe(true);
    expect(w.start).toBeGreaterThan(before.length - 5_000);
    expect(w.start).toBeLessThanOrEqual(before.length);
    expect(text.slice(w.start, w.end)).toContain(TAG);
  });

  it('keeps far-apart markers in separate windows, and bounds their number', () => {
    const gap = filler(40_000);
    const text = Array.from({ length: MAX_WINDOWS + 5 }, () => `${gap}OkskyChat("k", 1);\n`).join('');
    const r = markerWindows(text, 0, text.length, jsParses);
    expect(r.windows).toHaveLength(MAX_WINDOWS);
    expect(r.skippedMarkers).toBe(5);
    for (let i = 1; i < r.windows.length; i++) expect(r.windows[i].start).toBeGreaterThanOrEqual(r.windows[i - 1].end);
  });

  it('stays bounded on 5 MB made of markers (windows and characters capped, every marker counted)', () => {
    const text = 'OkskyChat('.repeat(500_000);
    const r = markerWindows(text, 0, text.length, jsParses);
    expect(r.markers).toBe(500_000);
    expect(r.windows.length).toBeLessThanOrEqual(MAX_WINDOWS);
    expect(r.windows.reduce((n, w) => n + (w.end - w.start), 0)).toBeLessThanOrEqual(1024 * 1024);
    const split = splitLongScript(text, { line: 1, column: 1 }, 100_000, { parses: jsParses });
    expect(split.limit?.kind).toBe('parse-chars');
  });

  it('never throws on hostile text (unbalanced code, markers only)', () => {
    expect(() => markerWindows('OkskyChat('.repeat(10_000), 0, 100_000, jsParses)).not.toThrow();
    expect(() => markerWindows(`${'{'.repeat(50_000)}ChannelIO('boot')`, 0, 60_000, jsParses)).not.toThrow();
  });
});

describe('PositionCounter', () => {
  it('counts lines and columns from a start position (LF, CRLF, CR)', () => {
    const c = new PositionCounter('ab\ncd\r\nef\rgh', 10, 5);
    expect(c.position(0)).toEqual({ line: 10, column: 5 });
    expect(c.position(1)).toEqual({ line: 10, column: 6 });
    expect(c.position(4)).toEqual({ line: 11, column: 2 });
    expect(c.position(7)).toEqual({ line: 12, column: 1 });
    expect(c.position(10)).toEqual({ line: 13, column: 1 });
  });
});

describe('splitLongScript', () => {
  it('keeps a short script as it is', () => {
    expect(splitLongScript('a();', { line: 3, column: 9 }, 100)).toEqual({ scripts: [{ text: 'a();', line: 3, column: 9 }] });
  });

  it('keeps only the head of a long script without vendor markers, and records no limit', () => {
    const r = splitLongScript(filler(20_000), { line: 1, column: 1 }, 5_000);
    expect(r.scripts).toHaveLength(1);
    expect(r.scripts[0]).toMatchObject({ truncated: true });
    expect(r.scripts[0].text).toHaveLength(5_000);
    expect(r.limit).toBeUndefined();
  });

  it('adds a fragment around the tag at the end, at its document position, and records what was not parsed', () => {
    const before = filler(100_000);
    const text = `${before}${TAG}`;
    const r = splitLongScript(text, { line: 7, column: 9 }, 10_000, { scriptIndex: 2, parses: jsParses });
    expect(r.scripts).toHaveLength(2);
    const frag = r.scripts[1];
    expect(frag.fragment).toBe(true);
    const offset = text.length - frag.text.length;
    const lines = text.slice(0, offset).split('\n');
    expect(frag.line).toBe(7 + lines.length - 1);
    expect(frag.column).toBe(lines.length === 1 ? 9 + offset : lines[lines.length - 1].length + 1);
    expect(r.limit).toMatchObject({ kind: 'parse-chars', unit: 'chars', limit: 10_000, script: 2 });
    expect(r.limit!.skipped).toBe(text.length - 10_000 - frag.text.length);
    // the extractor reads the fragment's calls at their document lines, and reports no syntax error for its edges
    const ev = extractOksky({ id: 'p', url: 'https://a.example/', state: { value: 'unknown', source: 'inferred', hints: [] }, scripts: r.scripts, scriptUrls: [], runtimeCalls: [] });
    expect(ev.syntaxErrors).toEqual([]);
    const tag = ev.staticTags[0];
    expect(tag.loginKeys).toEqual(['customer_id']);
    const tagLine = 7 + before.split('\n').length - 1;
    expect(tag.calls[0].location).toMatchObject({ line: tagLine, script: 1 });
  });

  it('does not read a call twice when the head ends just before a marker', () => {
    const before = filler(10_000);
    const text = `${before}${TAG}`;
    const r = splitLongScript(text, { line: 1, column: 1 }, before.length + 5, { parses: jsParses });
    const ev = extractOksky({ id: 'p', url: 'https://a.example/', state: { value: 'unknown', source: 'inferred', hints: [] }, scripts: r.scripts, scriptUrls: [], runtimeCalls: [] });
    expect(ev.staticTags.flatMap((t) => t.calls).filter((c) => c.name === 'key')).toHaveLength(1);
  });
});

describe('without a parse check (the extension relay)', () => {
  it('starts each window at the nearest line start before the marker', () => {
    const before = filler(30_000);
    const text = `${before}${TAG}`;
    const { windows } = markerWindows(text);
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ start: before.length, clean: false });
  });
});

describe('refineFragments (fragments the relay cut without a parser)', () => {
  it('moves a fragment cut inside a one-line minified bundle to a statement boundary where it parses, keeping document positions', async () => {
    const { analyzeSession } = await import('./analyze');
    const loader =
      '!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);';
    // one line: no line start to cut at
    const before = filler(60_000).replace(/\n/g, '');
    const text = `${before}${loader}OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");OkskyChat("customer_id", "A1");var after=function(){return 1}();`;
    const split = splitLongScript(text, { line: 3, column: 9 }, 20_000);
    const frag = split.scripts[1];
    expect(frag.fragment).toBe(true);
    expect(jsParses(frag.text)).toBe(false); // cut mid-statement
    const refined = refineFragments({ scripts: split.scripts }, jsParses);
    expect(refined[1].text.startsWith('!function(t,e,o,n)')).toBe(true);
    expect(refined[1]).toMatchObject({ line: 3, column: 9 + before.length, fragment: true });
    const page = { id: 'p', url: 'https://shop.example.jp/mypage', state: { value: 'logged-in' as const, source: 'explicit' as const, hints: [] }, scripts: split.scripts, scriptUrls: [], runtimeCalls: [] };
    const r = analyzeSession({ pages: [page], requests: [] }, { salt: 's', strict: true });
    const f = r.findings.find((x) => x.ruleId === 'oksky/loginkey-missing');
    expect(f, r.findings.map((x) => x.ruleId).join(', ')).toBeDefined();
    expect(r.pages[0].oksky.staticTags[0].location).toMatchObject({ line: 3, column: 9 + before.length });
    expect(r.findings.map((x) => x.ruleId)).not.toContain('oksky/tag-syntax-error');
  });

  it('leaves a page without fragments untouched (same array)', () => {
    const scripts = [{ text: 'a()', line: 1, column: 1 }];
    expect(refineFragments({ scripts }, jsParses)).toBe(scripts);
  });
});
