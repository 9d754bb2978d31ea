import { describe, expect, it } from 'vitest';
import { harObjectToSession } from '../core/har';
import { devtoolsHar, type DevtoolsCaptureApi, type DevtoolsResource } from './devtools-har';

const HTML = '<html><body><a href="/logout">ログアウト</a><script>OkskyChat("key", "t-1");</script></body></html>';

function api(entries: unknown[], resources: DevtoolsResource[]): DevtoolsCaptureApi {
  return { network: { getHAR: async () => ({ version: '1.2', entries }) }, inspectedWindow: { getResources: async () => resources } };
}
const doc = (url: string, text: string, encoding = ''): DevtoolsResource => ({ url, type: 'document', getContent: (cb) => cb(text, encoding) });
const login = {
  startedDateTime: '2026-01-05T10:00:01.000Z',
  _resourceType: 'xhr',
  request: { method: 'POST', url: 'https://t.okskychat.net/rapi/v1/clients/1/login', headers: [], postData: { mimeType: 'application/json', text: '{"query":{}}' } },
  response: { status: 200, headers: [], content: {} },
};

describe('devtoolsHar', () => {
  it('fills the document entry with its source so the HAR reads like a saved one', async () => {
    const docEntry = {
      startedDateTime: '2026-01-05T10:00:00.000Z',
      _resourceType: 'document',
      request: { method: 'GET', url: 'https://shop.example.jp/mypage', headers: [] },
      response: { status: 200, headers: [], content: { mimeType: 'text/html', size: 10 } },
    };
    const har = await devtoolsHar(api([docEntry, login], [doc('https://shop.example.jp/mypage', HTML), { url: 'x.js', type: 'script', getContent: () => {} }]));
    const s = harObjectToSession(har);
    expect(s.pages.map((p) => p.url)).toEqual(['https://shop.example.jp/mypage']);
    expect(s.pages[0]!.scripts[0]!.text).toContain('OkskyChat("key", "t-1")');
    expect(s.requests.some((r) => r.url.endsWith('/login') && r.body === '{"query":{}}')).toBe(true);
  });

  it('adds the document when DevTools was opened after the page loaded', async () => {
    const har = await devtoolsHar(api([login], [doc('https://shop.example.jp/', HTML)]));
    const s = harObjectToSession(har);
    expect(s.pages.map((p) => p.url)).toEqual(['https://shop.example.jp/']);
    expect(s.requests.find((r) => r.url.endsWith('/login'))!.pageId).toBe(s.pages[0]!.id);
  });

  it('skips binary or silent documents instead of hanging', async () => {
    const silent: DevtoolsResource = { url: 'https://a.example.jp/', type: 'document', getContent: () => {} };
    const har = await devtoolsHar(api([login], [silent, doc('https://b.example.jp/', 'AAAA', 'base64')]), 20);
    expect(harObjectToSession(har).pages).toHaveLength(0);
  });
});
