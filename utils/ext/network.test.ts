import { describe, expect, it } from 'vitest';
import { cspRequest, decodeRequestBody, requestFromDetails, wantsBody } from './network';
import { LIMITS } from './protocol';

const enc = (s: string) => {
  const b = new TextEncoder().encode(s);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('wantsBody', () => {
  it('keeps bodies of the OK SKY /login POST and Channel Talk boot only', () => {
    expect(wantsBody('https://kobuna-s-001.okskychat.net/rapi/v1/clients/k/login', 'POST')).toBe(true);
    expect(wantsBody('https://x.oksky-chat.net/api/login/', 'post')).toBe(true);
    expect(wantsBody('https://kobuna-s-001.okskychat.net/rapi/v1/clients/k/login', 'GET')).toBe(false);
    expect(wantsBody('https://kobuna-s-001.okskychat.net/rapi/v1/messages', 'POST')).toBe(false);
    expect(wantsBody('https://api.channel.io/front/v6/elastic/plugins/k/boot', 'POST')).toBe(true);
    expect(wantsBody('https://shop.example.jp/login', 'POST')).toBe(false);
    expect(wantsBody('not a url', 'POST')).toBe(false);
  });
});

describe('decodeRequestBody', () => {
  it('decodes raw bytes as UTF-8, across parts', () => {
    const body = JSON.stringify({ key: 'k', query: { name: 'こぶな太郎' } });
    const mid = 10;
    const r = decodeRequestBody({ raw: [{ bytes: enc(body.slice(0, mid)) }, { bytes: enc(body.slice(mid)) }] });
    expect(r).toEqual({ body });
  });

  it('bounds the body and says it was cut', () => {
    const r = decodeRequestBody({ raw: [{ bytes: new Uint8Array(LIMITS.bodyBytes + 10).fill(97).buffer }] });
    expect(r.body!.length).toBe(LIMITS.bodyBytes);
    expect(r.bodyTruncated).toBe(true);
  });

  it('does not throw on invalid UTF-8 or file parts', () => {
    const r = decodeRequestBody({ raw: [{ bytes: new Uint8Array([0xff, 0xfe, 0x41]).buffer }, {}] });
    expect(r.body).toContain('A');
    expect(r.bodyTruncated).toBe(true);
  });

  it('re-encodes form data', () => {
    expect(decodeRequestBody({ formData: { key: ['k'], 'query[customer_id]': ['A1'] } })).toEqual({
      body: 'key=k&query%5Bcustomer_id%5D=A1',
      contentType: 'application/x-www-form-urlencoded',
    });
  });
});

describe('requestFromDetails', () => {
  it('keeps the document ids and the body of a /login POST', () => {
    const r = requestFromDetails({
      requestId: '7',
      url: 'https://t.okskychat.net/rapi/v1/clients/k/login',
      method: 'POST',
      type: 'xmlhttprequest',
      tabId: 3,
      frameId: 0,
      documentId: 'D1',
      timeStamp: 100,
      requestBody: { raw: [{ bytes: enc('{"query":{}}') }] },
    });
    expect(r).toMatchObject({ id: 'wr-7', type: 'xhr', body: '{"query":{}}', documentId: 'D1', time: 100 });
    const script = requestFromDetails({ requestId: '8', url: 'https://t.okskychat.net/widget/widget.js', method: 'GET', type: 'script', tabId: 3, frameId: 0, timeStamp: 1 });
    expect(script.body).toBeUndefined();
  });

  it('a CSP-blocked script becomes a request with a csp error', () => {
    expect(cspRequest(0, { url: 'https://t.okskychat.net/widget/widget.js', directive: 'script-src-elem', time: 5 }, 'D')).toMatchObject({
      type: 'script',
      error: 'csp: blocked by Content-Security-Policy (script-src-elem)',
      documentId: 'D',
    });
  });
});
