import { describe, expect, it } from 'vitest';
import rule, { cspAllowsScript } from './widget-load-failed';
import { loginRequest, queueTag, ruleTester, widgetRequest } from '../rule-tester';

const other = [widgetRequest({ url: 'https://shop.example.jp/index.html' })];

ruleTester(rule, {
  valid: [
    { name: 'loaded', page: { staticTags: [queueTag()], widgetRequests: [widgetRequest()] } },
    { name: 'a retry succeeded', page: { staticTags: [queueTag()], widgetRequests: [widgetRequest({ status: 503 }), widgetRequest()] } },
    { name: 'no network evidence', page: { staticTags: [queueTag()] }, expect: 'not-applicable', missing: ['network'] },
    {
      name: 'a pasted /login payload is not a network capture (the page\'s other requests are unknown)',
      page: { staticTags: [queueTag()], loginRequests: [loginRequest('empty', { pasted: true })] },
      expect: 'not-applicable',
      missing: ['network'],
    },
    { name: 'no tag', page: { otherRequests: other }, expect: 'not-applicable', missing: ['oksky-tag'] },
    { name: 'the loader never ran because of a syntax error (other rules)', page: { staticTags: [queueTag()], syntaxErrors: [{ smartQuotes: true }], otherRequests: other } },
  ],
  invalid: [
    { name: 'not requested', page: { staticTags: [queueTag()], otherRequests: other }, errors: [{ messageId: 'not-requested', severity: 'error', source: 'static' }] },
    {
      name: 'HTTP 404 (wrong tenant)',
      page: { staticTags: [queueTag()], widgetRequests: [widgetRequest({ status: 404 })] },
      errors: [{ messageId: 'status', data: { status: 404 }, source: 'network' }],
    },
    { name: 'ad blocker', page: { staticTags: [queueTag()], widgetRequests: [widgetRequest({ error: 'net::ERR_BLOCKED_BY_CLIENT' })] }, errors: [{ messageId: 'blocked' }] },
    { name: 'CSP reported by the network', page: { staticTags: [queueTag()], widgetRequests: [widgetRequest({ error: 'csp' })] }, errors: [{ messageId: 'csp' }] },
    {
      name: "CSP of the page does not allow the widget host",
      page: { staticTags: [queueTag()], otherRequests: other, csp: "default-src 'self'; script-src 'self' https://www.googletagmanager.com" },
      errors: [{ messageId: 'csp', data: { host: 'kobuna-s-001.okskychat.net' } }],
    },
    { name: 'connection error', page: { staticTags: [queueTag()], widgetRequests: [widgetRequest({ error: 'net::ERR_NAME_NOT_RESOLVED' })] }, errors: [{ messageId: 'error' }] },
  ],
});

describe('cspAllowsScript', () => {
  const url = 'https://kobuna-s-001.okskychat.net/widget/widget.js';
  it('reads script-src, falls back to default-src', () => {
    expect(cspAllowsScript("script-src 'self'", url, 'https://shop.example.jp/')).toBe(false);
    expect(cspAllowsScript('script-src https://*.okskychat.net', url)).toBe(true);
    expect(cspAllowsScript('default-src kobuna-s-001.okskychat.net', url)).toBe(true);
    expect(cspAllowsScript('default-src https:', url)).toBe(true);
    expect(cspAllowsScript("img-src 'self'", url)).toBe(true);
    expect(cspAllowsScript("script-src 'nonce-abc'", url)).toBe(false);
    expect(cspAllowsScript('script-src http://*.okskychat.net', url)).toBe(false);
  });
});
