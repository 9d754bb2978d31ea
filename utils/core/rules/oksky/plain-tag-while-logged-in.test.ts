import rule from './plain-tag-while-logged-in';
import { describe, expect, it } from 'vitest';
import { loginRequest, queueTag, ruleContext, ruleTester, runRule, sdkTag } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'logged in with linkage', page: { state: 'logged-in', staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })] } },
    { name: 'logged out with the plain tag', page: { state: 'logged-out', staticTags: [queueTag()] } },
    { name: 'unknown state: not applicable', page: { state: 'unknown', staticTags: [queueTag()] }, expect: 'not-applicable', missing: ['login-state'] },
    { name: 'SDK with login', page: { state: 'logged-in', staticTags: [sdkTag({ login: { customer_id: 'A1' } })] } },
  ],
  invalid: [
    {
      name: 'logged in with the plain tag',
      page: { state: 'logged-in', staticTags: [queueTag()] },
      errors: [{ messageId: 'default', severity: 'error', source: 'static' }],
    },
    {
      name: 'the probe shows a plain tag ran although the source has linkage',
      page: {
        state: 'logged-in',
        staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })],
        runtimeTags: [queueTag({ origin: 'runtime' })],
      },
      errors: [{ source: 'runtime' }],
    },
    {
      name: 'the empty /login query confirms it: one finding with the tag and the request as evidence',
      page: { state: 'logged-in', staticTags: [queueTag()], loginRequests: [loginRequest('empty', { id: 'login-1' })] },
      errors: [{ messageId: 'default', severity: 'error', source: 'static' }],
    },
    { name: 'SDK login {}', page: { state: 'logged-in', staticTags: [sdkTag({ login: {} })] }, errors: [{ messageId: 'sdk' }] },
    { name: 'SDK without login', page: { state: 'logged-in', staticTags: [sdkTag({ login: null })] }, errors: [{ messageId: 'sdk' }] },
  ],
});

describe('plain-tag-while-logged-in evidence', () => {
  it('carries the empty /login request that confirms it (login-query-empty stays silent on this page)', () => {
    const ctx = ruleContext({ pages: [{ state: 'logged-in', staticTags: [queueTag()], loginRequests: [loginRequest('empty', { id: 'login-1' })] }] });
    const { reports } = runRule(rule, ctx);
    expect(reports).toHaveLength(1);
    expect(reports[0].evidence.map((e) => e.source)).toEqual(['static', 'network']);
    expect(reports[0].evidence[1].requestId).toBe('login-1');
  });
});
