import { describe, expect, it } from 'vitest';
import { fixtures } from '../../tests/fixtures/oksky';
import { analyzeSession, assignRequests, renderFindings } from './analyze';
import { parseHtmlPage } from './html';
import type { NetworkRequest, Page, Session, TagCall } from './model';
import { SEVERITY_ORDER } from './rules/engine';

const SALT = 'analyze-test';

function page(html: string, path: string, i: number, extra: { time?: number } = {}): Page {
  return parseHtmlPage(html, `https://shop.example.jp${path}`, { id: `p${i}`, time: extra.time ?? i * 60_000 });
}

function session(pages: Page[], requests: NetworkRequest[] = []): Session {
  return { pages, requests };
}

/** 000's correct tag with straight quotes and a real-looking member value. */
function fixedTag(value: string): string {
  return fixtures.correctTag.replace('OkskyChat(“customer_id”, “xxxxx");', `OkskyChat("customer_id", "${value}");`);
}

function widget(time: number, extra: Partial<NetworkRequest> = {}): NetworkRequest {
  return { id: `w${time}`, url: 'https://kobuna-s-001.okskychat.net/widget/widget.js', method: 'GET', type: 'script', status: 200, time, ...extra };
}

function login(time: number, query: unknown, extra: Partial<NetworkRequest> = {}): NetworkRequest {
  return {
    id: `l${time}`,
    url: 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/42/login',
    method: 'POST',
    type: 'xhr',
    status: 200,
    body: JSON.stringify({ key: 'kobuna-s-001-0D5ACD179B043831', query }),
    contentType: 'application/json',
    time,
    ...extra,
  };
}

const ids = (r: ReturnType<typeof analyzeSession>) => r.findings.map((f) => f.ruleId);

describe('analyzeSession on the example tags of 000', () => {
  it("000's correct tag as printed: smart quotes break it, the sample value is a placeholder", () => {
    const r = analyzeSession(session([page(fixtures.correctTag, '/mypage', 0)]), { salt: SALT, strict: true });
    expect(r.pages[0].state).toBe('logged-in');
    expect(ids(r)).toContain('oksky/smart-quotes');
    expect(ids(r)).toContain('oksky/login-value-placeholder');
    expect(ids(r)).not.toContain('oksky/loginkey-missing');
    const sq = r.findings.find((f) => f.ruleId === 'oksky/smart-quotes')!;
    expect(sq.severity).toBe('error');
    expect(sq.evidence[0]).toMatchObject({ source: 'static', location: { line: 13, column: 11 } });
    expect(sq.evidence[0].text).toContain('OkskyChat(“customer_id”, “xxxxx");');
    expect(sq.fix).toContain('OkskyChat("customer_id", "xxxxx");');
    expect(sq.source).toEqual({ doc: '000', section: 'IDは送信されているのに、ルームが別れてしまう' });
    // no network evidence in a saved page: network rules are not applicable, never passed or failed
    const na = r.outcomes.find((o) => o.ruleId === 'oksky/login-request-missing');
    expect(na).toMatchObject({ status: 'not-applicable', missing: ['network'] });
  });

  it("000's wrong tag: loginkey-missing, in the voice of 000", () => {
    const r = analyzeSession(session([page(fixtures.loginkeyMissing, '/mypage', 0)]), { salt: SALT, strict: true });
    const f = r.findings.find((x) => x.ruleId === 'oksky/loginkey-missing');
    expect(f).toBeDefined();
    expect(f!.message).toContain('「IDは送信されているのに、ルームが別れてしまう」原因です');
    expect(f!.fix).toContain('OkskyChat("loginKey", "customer_id");');
    expect(f!.page).toBe('https://shop.example.jp/mypage');
    const en = analyzeSession(session([page(fixtures.loginkeyMissing, '/mypage', 0)]), { salt: SALT, lang: 'en' });
    expect(en.findings.find((x) => x.ruleId === 'oksky/loginkey-missing')!.title).toBe('loginKey is not set');
  });

  it("000's logged-out variant with the linkage commented out: info on a logged-out page", () => {
    const r = analyzeSession(session([page(fixtures.loggedOutCommented, '/', 0)]), { salt: SALT, strict: true });
    expect(r.pages[0].state).toBe('logged-out');
    const f = r.findings.find((x) => x.ruleId === 'oksky/linkage-commented-out');
    expect(f).toMatchObject({ severity: 'info' });
    // the commented member value 0292564 is personal: masked everywhere
    expect(JSON.stringify(r.findings)).not.toContain('0292564');
  });

  it("000's login/logout pair: widget domain and key change within the session", () => {
    const r = analyzeSession(session([page(fixtures.correctTag, '/mypage', 0), page(fixtures.loggedOutTag, '/', 1)]), { salt: SALT, strict: true });
    const host = r.findings.find((x) => x.ruleId === 'oksky/widget-host-mismatch');
    expect(host).toMatchObject({ severity: 'warning', pageIndex: 1 });
    expect(host!.message).toContain('okskychat.net / oksky-chat.net');
    expect(r.findings.find((x) => x.ruleId === 'oksky/key-changed-in-session')!.message).toContain('kobuna-s-001-ED70F4289B17AA9F');
  });

  it('the logged-in example without the leading "!" is a syntax error besides the smart quotes', () => {
    const r = analyzeSession(session([page(fixtures.loginTimeNoBang, '/mypage', 0)]), { salt: SALT, strict: true });
    expect(ids(r)).toContain('oksky/tag-syntax-error');
    expect(ids(r)).toContain('oksky/smart-quotes');
  });

  it('sorts error → warning → info, then page order', () => {
    const r = analyzeSession(
      session([page(fixtures.loggedOutCommented, '/', 0), page(fixtures.loginkeyMissing, '/mypage', 1), page(fixtures.loggedOutTag, '/', 2)]),
      { salt: SALT, strict: true },
    );
    const order = r.findings.map((f) => SEVERITY_ORDER[f.severity] * 1000 + (f.pageIndex ?? 999));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(r.summary.errors).toBe(r.findings.filter((f) => f.severity === 'error').length);
    expect(r.saltId).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('analyzeSession with network evidence', () => {
  it('a working linkage: no finding at all', () => {
    const p = page(fixedTag('A1234567'), '/mypage', 0, { time: 1_000 });
    const r = analyzeSession(session([p], [widget(1_200), login(2_000, { customer_id: 'A1234567' })]), { salt: SALT, strict: true });
    expect(r.findings).toEqual([]);
    expect(r.pages[0].networkCaptured).toBe(true);
    expect(r.pages[0].loginRequests[0].query.status).toBe('ok');
    expect(r.outcomes.filter((o) => o.ruleId === 'oksky/login-query-mismatch')).toEqual([{ ruleId: 'oksky/login-query-mismatch', pageIndex: 0, status: 'passed' }]);
  });

  it('000 切り分け方法: the query is empty although the tag sets linkage', () => {
    const p = page(fixedTag('A1234567'), '/mypage', 0, { time: 1_000 });
    const r = analyzeSession(session([p], [widget(1_200), login(2_000, {})]), { salt: SALT, strict: true });
    const f = r.findings.find((x) => x.ruleId === 'oksky/login-query-empty');
    expect(f).toMatchObject({ severity: 'error' });
    expect(f!.evidence[0]).toMatchObject({ source: 'network', requestId: 'l2000' });
  });

  it('a query value that differs is masked unless revealed', () => {
    const p = page(fixedTag('A1234567'), '/mypage', 0, { time: 1_000 });
    const s = session([p], [widget(1_200), login(2_000, { customer_id: 'B7654321' })]);
    const masked = analyzeSession(s, { salt: SALT, strict: true });
    expect(masked.findings.map((f) => f.ruleId)).toEqual(['oksky/login-query-mismatch']);
    const text = JSON.stringify(masked.findings);
    expect(text).not.toContain('A1234567');
    expect(text).not.toContain('B7654321');
    expect(text).toContain('B7****21');
    const revealed = analyzeSession(s, { salt: SALT, reveal: true });
    expect(JSON.stringify(revealed.findings)).toContain('B7654321');
    // and rendered again masked (for a snapshot or a shared report)
    expect(JSON.stringify(renderFindings(revealed, { reveal: false }))).not.toContain('B7654321');
  });

  it('a network capture without any OK SKY request: the widget was never requested', () => {
    const p = page(fixedTag('A1234567'), '/mypage', 0, { time: 1_000 });
    const saved = analyzeSession(session([p]), { salt: SALT, strict: true });
    expect(saved.outcomes.find((o) => o.ruleId === 'oksky/widget-load-failed')).toMatchObject({ status: 'not-applicable', missing: ['network'] });
    const observed = analyzeSession(session([p]), { salt: SALT, strict: true, networkCaptured: true });
    expect(observed.findings.find((f) => f.ruleId === 'oksky/widget-load-failed')?.message).toContain('kobuna-s-001.okskychat.net/widget/widget.js');
  });

  it('widget 404 and no /login', () => {
    const p = page(fixedTag('A1234567'), '/mypage', 0, { time: 1_000 });
    const r = analyzeSession(session([p], [widget(1_200, { status: 404 })]), { salt: SALT, strict: true });
    expect(ids(r)).toContain('oksky/widget-load-failed');
    // the tag never ran: a missing /login proves nothing more
    expect(ids(r)).not.toContain('oksky/login-request-missing');
  });

  it('widget loaded but /login never came within the window', () => {
    const p = page(fixedTag('A1234567'), '/mypage', 0, { time: 1_000 });
    const r = analyzeSession(session([p], [widget(1_200)]), { salt: SALT, strict: true, captureWindowMs: 5_000 });
    const f = r.findings.find((x) => x.ruleId === 'oksky/login-request-missing');
    expect(f?.message).toContain('5 秒以内');
  });

  it('the probe shows the tag that really ran: a plain tag on a logged-in page', () => {
    const p = page(fixedTag('A1234567'), '/mypage', 0, { time: 1_000 });
    const call = (name: string, value: string): TagCall => ({
      vendor: 'oksky',
      form: 'queue',
      name,
      args: [{ kind: 'string', value }],
      global: 'OkskyChat',
      origin: 'runtime',
      raw: JSON.stringify([name, value]),
    });
    p.runtimeCalls = [call('key', 'kobuna-s-001-0D5ACD179B043831')];
    const r = analyzeSession(session([p], [widget(1_200), login(2_000, {})]), { salt: SALT, strict: true });
    const f = r.findings.find((x) => x.ruleId === 'oksky/plain-tag-while-logged-in');
    expect(f?.evidence[0].source).toBe('runtime');
    // the empty /login query is the same cause: evidence of this finding, not a second error
    expect(f?.evidence.some((e) => e.source === 'network')).toBe(true);
    expect(r.findings.find((x) => x.ruleId === 'oksky/login-query-empty')?.severity).toBe('error');
  });

  it('identity switches between linkage and cookie, and the cookie visitor crosses subdomains', () => {
    const pages = [
      parseHtmlPage(fixedTag('A1234567'), 'https://www.shop.example.jp/mypage', { id: 'a', time: 0 }),
      parseHtmlPage(fixtures.loggedOutTag.replace('oksky-chat.net', 'okskychat.net').replace('ED70F4289B17AA9F', '0D5ACD179B043831'), 'https://www.shop.example.jp/', { id: 'b', time: 60_000 }),
      parseHtmlPage(fixtures.loggedOutTag.replace('oksky-chat.net', 'okskychat.net').replace('ED70F4289B17AA9F', '0D5ACD179B043831'), 'https://support.shop.example.jp/faq', { id: 'c', time: 120_000 }),
    ];
    const r = analyzeSession(session(pages), { salt: SALT, strict: true });
    expect(r.findings.find((x) => x.ruleId === 'oksky/identity-switched')).toMatchObject({ severity: 'info', pageIndex: 1 });
    expect(r.findings.find((x) => x.ruleId === 'oksky/cross-domain-cookie')).toMatchObject({ severity: 'warning', pageIndex: 2 });
    expect(ids(r)).not.toContain('oksky/key-changed-in-session');
  });

  it('derives other vendors through the page derivers (Channel Talk)', () => {
    const r = analyzeSession(session([page(fixtures.correctTag, '/mypage', 0)]), { salt: SALT });
    expect(r.pages[0]).toHaveProperty('channeltalk');
    expect((r.pages[0].channeltalk as { present: boolean }).present).toBe(false);
  });

  it('survives broken input', () => {
    expect(analyzeSession(session([]), { salt: SALT, strict: true }).findings).toEqual([]);
    const garbage = page('<script>OkskyChat("key", \u0000\u0001 }}}{{{ "', '/x', 0);
    const r = analyzeSession(session([garbage], [login(5, 'not json at all', { body: '\u0000\u0001binary' })]), { salt: SALT });
    expect(Array.isArray(r.findings)).toBe(true);
  });
});

describe('assignRequests', () => {
  const p = (id: string, time?: number): Page => ({ ...parseHtmlPage('<p>x</p>', `https://shop.example.jp/${id}`, { id }), time });
  const req = (id: string, time: number, pageId?: string): NetworkRequest => ({ id, url: 'https://x.example/', method: 'GET', time, pageId });

  it('by pageId, else to the latest page loaded before the request', () => {
    const s: Session = { pages: [p('a', 100), p('b', 200), p('c', 300)], requests: [req('1', 150), req('2', 250, 'a'), req('3', 999), req('4', 50)] };
    const byPage = assignRequests(s).map((list) => list.map((r) => r.id));
    expect(byPage).toEqual([['1', '2'], [], ['3']]);
  });

  it('a single page takes every request', () => {
    expect(assignRequests({ pages: [p('a')], requests: [req('1', 5)] })[0]).toHaveLength(1);
  });
});

describe('page derivers', () => {
  it('a registered deriver fills its field on every page', async () => {
    const { registerPageDeriver, pageDerivers } = await import('./analyze');
    const before = pageDerivers.length;
    registerPageDeriver('testvendor', ({ page: p, requests }) => ({ url: p.url, requests: requests.length }));
    try {
      const r = analyzeSession(session([page('<p>x</p>', '/a', 0)], [widget(10)]), { salt: SALT });
      expect(r.pages[0].testvendor).toEqual({ url: 'https://shop.example.jp/a', requests: 1 });
    } finally {
      pageDerivers.splice(pageDerivers.findIndex((d) => d.name === 'testvendor'), 1);
    }
    expect(pageDerivers).toHaveLength(before);
  });
});
