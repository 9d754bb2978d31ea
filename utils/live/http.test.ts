import { afterEach, describe, expect, it } from 'vitest';
import { json, startStub, type Stub } from '../../tests/mocks/server';
import { WindowBudget } from './budget';
import { explainLiveError } from './explain';
import { LiveError, base64Utf8, liveRequest, parseRetryAfter, redact } from './http';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.stop();
  stub = undefined;
});

const SECRET = 'tok_0123456789abcdef0123456789abcdef';
const call = (url: string, extra: Partial<Parameters<typeof liveRequest>[3]> = {}) =>
  liveRequest('chatwork', url, { headers: { 'x-chatworktoken': SECRET } }, { secrets: [SECRET], budget: new WindowBudget(100, 60_000), timeoutMs: 2_000, ...extra });

async function failure(p: Promise<unknown>): Promise<LiveError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LiveError) return e;
    throw e;
  }
  throw new Error('expected a LiveError');
}

describe('liveRequest', () => {
  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [500, 'server'],
    [418, 'http'],
  ] as const)('HTTP %i → %s, never carrying the credential', async (status, kind) => {
    stub = await startStub((req, res) => json(res, status, { errors: [`bad token ${String(req.headers['x-chatworktoken'])}`] }));
    const e = await failure(call(stub.url + '/v2/me'));
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(JSON.stringify(e.toJSON()) + e.message + String(e.stack)).not.toContain(SECRET);
    expect(e.detail).toContain('[redacted]');
  });

  it('429 with Retry-After: reported, and the budget refuses the next call locally', async () => {
    stub = await startStub((_req, res) => json(res, 429, { errors: ['Rate limit exceeded'] }, { 'retry-after': '42' }));
    const budget = new WindowBudget(100, 60_000);
    const e = await failure(call(stub.url + '/v2/me', { budget }));
    expect(e).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterSec: 42 });
    const again = await failure(call(stub.url + '/v2/me', { budget }));
    expect(again.kind).toBe('rate-limited');
    expect(again.retryAfterSec).toBeGreaterThan(40);
    expect(stub.requests.length).toBe(1);
  });

  it('times out with an AbortSignal, and honours the caller\'s signal', async () => {
    stub = await startStub(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 1_500));
      json(res, 200, {});
    });
    expect((await failure(call(stub.url + '/slow', { timeoutMs: 100 }))).kind).toBe('timeout');
    const ac = new AbortController();
    const p = call(stub.url + '/slow', { signal: ac.signal, timeoutMs: 5_000 });
    ac.abort();
    expect((await failure(p)).kind).toBe('aborted');
  });

  it('network errors and oversized bodies', async () => {
    expect((await failure(call('http://127.0.0.1:1/x'))).kind).toBe('network');
    stub = await startStub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('"' + 'x'.repeat(1_200_000) + '"');
    });
    expect((await failure(call(stub.url + '/big'))).kind).toBe('bad-response');
  });

  it('does not follow redirects (credentials stay with the vendor host)', async () => {
    stub = await startStub((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/steal' });
      res.end();
    });
    expect((await failure(call(stub.url + '/r'))).kind).toBe('network');
  });
});

describe('WindowBudget', () => {
  it('allows N calls per window, then says how long to wait', () => {
    const b = new WindowBudget(3, 1_000);
    expect([b.take(0), b.take(10), b.take(20)]).toEqual([undefined, undefined, undefined]);
    expect(b.take(30)).toBe(970);
    expect(b.take(1_000)).toBeUndefined();
  });
  it('learns X-RateLimit-Remaining: 0 and X-RateLimit-Reset', () => {
    const b = new WindowBudget(300, 300_000);
    b.observe(200, new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '100' }), 40_000);
    expect(b.take(50_000)).toBe(50_000);
    expect(b.take(100_000)).toBeUndefined();
  });
  it('a 429 without Retry-After waits a minute', () => {
    const b = new WindowBudget(10, 1_000);
    b.observe(429, new Headers(), 0);
    expect(b.take(1)).toBe(59_999);
  });
});

describe('helpers', () => {
  it('parseRetryAfter: seconds and dates, bounded', () => {
    expect(parseRetryAfter('30', 0)).toBe(30);
    expect(parseRetryAfter(new Date(90_000).toUTCString(), 0)).toBe(90);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter('999999999', 0)).toBe(86_400);
  });
  it('redact removes credentials and token-like strings', () => {
    expect(redact(`Invalid token ${SECRET}`, [SECRET])).toBe('Invalid token [redacted]');
    expect(redact('Authorization: Bearer abc.def', [])).toBe('Authorization: Bearer [redacted]');
    expect(redact('x'.repeat(500), []).length).toBeLessThanOrEqual(200);
  });
  it('base64Utf8 encodes non-ASCII e-mail addresses', () => {
    expect(atob(base64Utf8('a@b/token:t'))).toBe('a@b/token:t');
    expect(new TextDecoder().decode(Uint8Array.from(atob(base64Utf8('山田@例え.jp')), (c) => c.charCodeAt(0)))).toBe('山田@例え.jp');
  });
  it('every error kind is explained in both languages with what to do', () => {
    const kinds = ['invalid-input', 'bad-credentials', 'unauthorized', 'forbidden', 'not-found', 'rate-limited', 'timeout', 'aborted', 'network', 'server', 'bad-response', 'http'] as const;
    for (const service of ['line', 'chatwork', 'zendesk'] as const) {
      for (const kind of kinds) {
        const ja = explainLiveError({ service, kind, status: 400, retryAfterSec: 30 }, 'ja');
        const en = explainLiveError({ service, kind, status: 400, retryAfterSec: 30 }, 'en');
        expect(ja.message.length * ja.fix.length * en.message.length * en.fix.length).toBeGreaterThan(0);
        expect(ja.message + ja.fix).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      }
    }
    expect(explainLiveError({ service: 'chatwork', kind: 'rate-limited', status: 429, retryAfterSec: 30 }, 'ja')).toEqual({
      message: 'Chatwork APIの利用制限にかかりました(HTTP 429)。ChatworkのAPIは5分間に300回までです。',
      fix: '30秒ほど待ってから、もう一度確認してください(自動では再試行しません)。',
    });
  });
});
