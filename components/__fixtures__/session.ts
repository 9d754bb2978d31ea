/**
 * Small, realistic fixtures for the component tests: 000's queue tag on a logged-in page and a
 * plain tag on a logged-out page of another host, with their widget and `/login` requests.
 * `fixtureAnalyze` stands in for analyzeSession where a test is about rendering, not rules:
 * evidence comes from the real extractor, findings are fixed and rendered in the asked language.
 */
import { parseHtmlPage } from '@/utils/core/html';
import type { Finding, Lang, LoginState, NetworkRequest, Session } from '@/utils/core/model';
import { extractOksky } from '@/utils/core/oksky/extract';
import { parseLoginPayload } from '@/utils/core/oksky/login-payload';
import type { AnalyzedPage } from '@/utils/core/rules/types';
import type { TabCapture } from '@/utils/ui/source';
import { applyOverrides, summarize, type PanelAnalysis } from '@/utils/ui/view-model';

const loader = (host: string) =>
  `!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://${host}/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);`;

export const LOGGED_IN_HTML = `<!doctype html>
<html><head><title>マイページ</title></head>
<body>
<a href="/logout">ログアウト</a>
<script>
${loader('kobuna-s-001.okskychat.net')}
OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");
OkskyChat("loginKey", "customer_id");
OkskyChat("customer_id", "A1234567");
</script>
</body></html>`;

export const LOGGED_OUT_HTML = `<!doctype html>
<html><head><title>トップ</title></head>
<body>
<a href="/login">ログイン</a>
<script>
${loader('kobuna-s-001.oksky-chat.net')}
OkskyChat("key", "kobuna-s-001-ED70F4289B17AA9F");
//OkskyChat("loginKey", "customer_id");
</script>
</body></html>`;

export function fixtureSession(t0 = 1_700_000_000_000): Session {
  const p1 = parseHtmlPage(LOGGED_IN_HTML, 'https://shop.example.jp/mypage', { id: 'p1', time: t0 });
  const p2 = parseHtmlPage(LOGGED_OUT_HTML, 'https://www.example.jp/', { id: 'p2', time: t0 + 60_000 });
  const requests: NetworkRequest[] = [
    { id: 'r1', url: 'https://kobuna-s-001.okskychat.net/widget/widget.js', method: 'GET', type: 'script', status: 200, time: t0 + 100, durationMs: 40, pageId: 'p1' },
    {
      id: 'r2',
      url: 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/42/login',
      method: 'POST',
      type: 'xhr',
      status: 200,
      time: t0 + 300,
      durationMs: 80,
      pageId: 'p1',
      contentType: 'application/json',
      body: JSON.stringify({ key: 'kobuna-s-001-0D5ACD179B043831', query: { customer_id: 'A1234567' } }),
    },
    { id: 'r3', url: 'https://kobuna-s-001.oksky-chat.net/widget/widget.js', method: 'GET', type: 'script', status: 200, time: t0 + 60_100, pageId: 'p2' },
    {
      id: 'r4',
      url: 'https://kobuna-s-001.oksky-chat.net/rapi/v1/clients/42/login',
      method: 'POST',
      type: 'xhr',
      status: 200,
      time: t0 + 60_300,
      pageId: 'p2',
      contentType: 'application/json',
      body: JSON.stringify({ key: 'kobuna-s-001-ED70F4289B17AA9F', query: {} }),
    },
  ];
  return { pages: [p1, p2], requests };
}

export function fixtureCapture(tabId = 7, overrides: Record<string, LoginState> = {}): TabCapture {
  return { tabId, session: fixtureSession(), overrides, siteAccess: 'granted', limits: { pages: 50, requests: 2000 }, updatedAt: 1 };
}

const texts = {
  ja: {
    switched: ['ログイン時と未ログイン時で別のルームになります', '1ページ目は会員情報連携、2ページ目は Cookie で来訪者を特定しています。'],
    keyChanged: ['セッションの途中で key が変わっています', 'ログイン時と未ログイン時で別のウィジェットの key が使われています。'],
    commented: ['会員情報連携のタグがコメントアウトされています', 'loginKey がコメントの中にしかありません。'],
    fix: 'タグを見直してください。',
  },
  en: {
    switched: ['Logged-in and logged-out visits land in different rooms', 'Page 1 identifies the visitor by linkage, page 2 by cookie.'],
    keyChanged: ['The widget key changes within the session', 'The logged-in and logged-out tags use different keys.'],
    commented: ['The linkage calls are commented out', 'loginKey exists only inside a comment.'],
    fix: 'Review the tag.',
  },
} as const;

export function fixtureFindings(lang: Lang): Finding[] {
  const x = texts[lang];
  return [
    {
      ruleId: 'oksky/key-changed-in-session',
      severity: 'warning',
      title: x.keyChanged[0],
      message: x.keyChanged[1],
      fix: x.fix,
      source: { doc: '000', section: 'ログインしていないユーザーのルームが毎回変わってしまう' },
      page: 'https://www.example.jp/',
      pageIndex: 1,
      evidence: [{ source: 'static', text: 'OkskyChat("key", "kobuna-s-001-ED70F4289B17AA9F")', location: { line: 7, column: 1, script: 0 } }],
    },
    {
      ruleId: 'oksky/identity-switched',
      severity: 'info',
      title: x.switched[0],
      message: x.switched[1],
      fix: x.fix,
      source: { doc: '000', section: '来訪者(ユーザー)に過去の会話が出てこないと言われた' },
      pageIndex: 1,
      page: 'https://www.example.jp/',
      evidence: [{ source: 'network', requestId: 'r4', url: 'https://kobuna-s-001.oksky-chat.net/rapi/v1/clients/42/login' }],
    },
    {
      ruleId: 'oksky/linkage-commented-out',
      severity: 'error',
      title: x.commented[0],
      message: x.commented[1],
      fix: x.fix,
      source: { doc: '000', section: '未ログイン時の埋め込みタグの例' },
      page: 'https://www.example.jp/',
      pageIndex: 1,
      evidence: [{ source: 'static', text: '//OkskyChat("loginKey", "customer_id");', location: { line: 8, column: 1, script: 0 } }],
    },
  ];
}

/** A stand-in for analyzeSession: real extraction and payload decoding, fixed findings. */
export function fixtureAnalyze(capture: TabCapture, lang: Lang): PanelAnalysis {
  const session = applyOverrides(capture.session, capture.overrides);
  const pages: AnalyzedPage[] = session.pages.map((page, index) => {
    const reqs = session.requests.filter((r) => r.pageId === page.id);
    return {
      index,
      page,
      state: page.state.value,
      oksky: extractOksky(page),
      loginRequests: reqs.filter((r) => r.url.endsWith('/login')).map((r) => ({ request: r, query: parseLoginPayload(r.body, r.contentType), pageIndex: index })),
      widgetRequests: reqs.filter((r) => r.url.endsWith('widget.js')),
      networkCaptured: true,
    };
  });
  const findings = session.pages.length === 0 ? [] : fixtureFindings(lang);
  const order = { error: 0, warning: 1, info: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return { pages, findings, outcomes: [], summary: summarize(findings), saltId: 'test', lang };
}
