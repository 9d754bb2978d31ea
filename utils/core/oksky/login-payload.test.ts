import { describe, expect, it } from 'vitest';
import { MAX_LOGIN_BODY, parseLoginPayload } from './login-payload';

describe('parseLoginPayload', () => {
  it('reads query as an object', () => {
    expect(parseLoginPayload('{"key":"kobuna-s-001-0D5ACD179B043831","query":{"customer_id":"012345","rank":3,"vip":true,"n":null}}', 'application/json')).toEqual({
      status: 'ok',
      format: 'object',
      entries: [
        { key: 'customer_id', value: '012345' },
        { key: 'rank', value: '3' },
        { key: 'vip', value: 'true' },
        { key: 'n', value: 'null' },
      ],
      key: 'kobuna-s-001-0D5ACD179B043831',
    });
  });

  it('reads query as a JSON string and as a form-encoded string', () => {
    expect(parseLoginPayload(JSON.stringify({ query: JSON.stringify({ customer_id: 'A1' }) }))).toMatchObject({
      status: 'ok',
      format: 'json-string',
      entries: [{ key: 'customer_id', value: 'A1' }],
    });
    expect(parseLoginPayload(JSON.stringify({ query: 'customer_id=A1&name=%E5%B1%B1%E7%94%B0' }))).toMatchObject({
      status: 'ok',
      format: 'form',
      entries: [
        { key: 'customer_id', value: 'A1' },
        { key: 'name', value: '山田' },
      ],
    });
  });

  it('reads form-encoded bodies', () => {
    expect(parseLoginPayload('key=k1&query%5Bcustomer_id%5D=A1&query[name]=x', 'application/x-www-form-urlencoded')).toEqual({
      status: 'ok',
      format: 'form',
      entries: [
        { key: 'customer_id', value: 'A1' },
        { key: 'name', value: 'x' },
      ],
      key: 'k1',
    });
    expect(parseLoginPayload(`query=${encodeURIComponent('{"customer_id":"A1"}')}`)).toMatchObject({
      status: 'ok',
      format: 'json-string',
      entries: [{ key: 'customer_id', value: 'A1' }],
    });
  });

  it.each([
    ['{"query":{}}', 'object'],
    ['{"query":""}', 'json-string'],
    ['{"query":"{}"}', 'json-string'],
    ['{"query":[]}', 'object'],
    ['{"query":null}', 'object'],
    ['{"query":{"customer_id":"  "}}', 'object'],
    ['query=', 'json-string'],
  ])('%s is empty', (body, format) => {
    const q = parseLoginPayload(body);
    expect(q.status).toBe('empty');
    expect(q.format).toBe(format);
  });

  it('says when query is absent', () => {
    expect(parseLoginPayload('{"key":"k","visitor":{"id":1}}')).toEqual({ status: 'absent', entries: [], key: 'k' });
    expect(parseLoginPayload('key=k&x=1')).toEqual({ status: 'absent', entries: [], key: 'k' });
  });

  it.each([
    [undefined, 'no request body'],
    ['', 'empty'],
    ['\u0000\u0001\u0002binary', 'binary'],
    ['{"query": {', 'invalid JSON'],
    ['[1,2]', 'not an object'],
    ['just text', 'neither JSON nor form'],
    ['{"query": 5}', 'query is a number'],
    ['{"query": "not json"}', 'neither JSON nor form'],
    [`{"query":${'['.repeat(10_000)}`, 'nested deeper'],
    ['x'.repeat(MAX_LOGIN_BODY + 1), 'larger than'],
  ])('%j is unreadable (%s)', (body, reason) => {
    const q = parseLoginPayload(body as string | undefined);
    expect(q.status).toBe('unreadable');
    expect(q.reason).toContain(reason);
  });

  it('reads a JSON body even when the content type says text/plain', () => {
    expect(parseLoginPayload('{"query":{"customer_id":"A1"}}', 'text/plain;charset=UTF-8').status).toBe('ok');
  });
});
