/**
 * Captures for the four verdict states (components/VerdictView.tsx): nothing captured, a page
 * without a vendor tag, a correct OK SKY tag with its widget load and `/login`, and the same with
 * a bound that skipped part of a script. Analysed by the real core in the tests.
 */
import type { PageInput, Session } from '@/utils/core/model';
import type { TabCapture } from '@/utils/ui/source';

export const CORRECT_TAG = `OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");
OkskyChat("loginKey", "customer_id");
OkskyChat("customer_id", "A1234567");`;

const page = (extra: Partial<PageInput> = {}): PageInput => ({
  id: 'p1',
  url: 'https://shop.example.jp/mypage',
  time: 1_000,
  title: 'マイページ',
  state: { value: 'logged-in', source: 'inferred', hints: [] },
  scripts: [],
  scriptUrls: [],
  runtimeCalls: [],
  ...extra,
});

const requests: Session['requests'] = [
  { id: 'r1', pageId: 'p1', url: 'https://kobuna-s-001.okskychat.net/widget/widget.js', method: 'GET', time: 1_100, status: 200 },
  {
    id: 'r2',
    pageId: 'p1',
    url: 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/kobuna-s-001-0D5ACD179B043831/login',
    method: 'POST',
    time: 1_200,
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ key: 'kobuna-s-001-0D5ACD179B043831', query: { customer_id: 'A1234567' } }),
  },
];

function capture(tabId: number, pages: PageInput[], reqs: Session['requests'] = [], siteAccess: TabCapture['siteAccess'] = 'granted'): TabCapture {
  return { tabId, session: { pages, requests: reqs } as Session, overrides: {}, siteAccess, limits: { pages: 50, requests: 500 }, updatedAt: 0 };
}

export const verdictCaptures = {
  empty: (tabId: number) => capture(tabId, []),
  noTag: (tabId: number) => capture(tabId, [page({ url: 'https://shop.example.jp/about', title: '会社概要' })]),
  clear: (tabId: number) => capture(tabId, [page({ scripts: [{ text: CORRECT_TAG, line: 5, column: 1 }] })], requests),
  limited: (tabId: number) =>
    capture(tabId, [page({ scripts: [{ text: CORRECT_TAG, line: 5, column: 1 }], limits: [{ kind: 'script-chars', skipped: 5_000, unit: 'chars', limit: 1_000, script: 0 }] })], requests),
  problems: (tabId: number) => capture(tabId, [page({ scripts: [{ text: 'OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat("customer_id", "A1234567");', line: 5, column: 1 }] })]),
  withheld: (tabId: number) => capture(tabId, [], [], 'withheld'),
  restricted: (tabId: number) => capture(tabId, [], [], 'restricted'),
};
