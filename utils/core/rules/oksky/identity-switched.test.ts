import rule from './identity-switched';
import { loginRequest, queueTag, ruleTester } from '../rule-tester';

const linkage = (v = 'A1234567') => queueTag({ loginKey: 'customer_id', keywords: [['customer_id', v]] });

ruleTester(rule, {
  valid: [
    { name: 'linkage on every page', pages: [{ staticTags: [linkage()] }, { staticTags: [linkage()] }] },
    { name: 'cookie on every page', pages: [{ staticTags: [queueTag()] }, { staticTags: [queueTag()] }] },
    { name: 'one page', page: { staticTags: [linkage()] }, expect: 'not-applicable', missing: ['session'] },
    {
      // tests/fixtures/cli/session.har: the linkage never reached /login, so the visitor was identified by the
      // cookie on every page; "expected behaviour, nothing to fix" would hide the broken linkage (login-query-empty)
      name: 'linkage tag on the logged-in page but its /login query was empty: cookie everywhere, no switch',
      pages: [
        { state: 'logged-in', staticTags: [linkage()], loginRequests: [loginRequest('empty')] },
        { state: 'logged-out', staticTags: [queueTag()], loginRequests: [loginRequest('empty')] },
      ],
    },
  ],
  invalid: [
    {
      name: '000: logged in, then logged off',
      pages: [{ state: 'logged-in', staticTags: [linkage()] }, { state: 'logged-out', staticTags: [queueTag()] }],
      errors: [{ severity: 'info', pageIndex: 1, data: { linkagePages: '1', cookiePages: '2' } }],
      hidden: ['A1234567'],
    },
    {
      // issue 9: logging out and in as another member is expected behaviour: info, never more
      name: 'logged in, logged out, logged in as another member (a login page between): one info',
      pages: [
        { state: 'logged-in', staticTags: [linkage('A1234567')] },
        { url: 'https://shop.example.jp/login', state: 'logged-out', staticTags: [queueTag()] },
        { state: 'logged-in', staticTags: [linkage('B7654321')] },
      ],
      errors: [{ severity: 'info', pageIndex: 1, data: { linkagePages: '1, 3', cookiePages: '2' } }],
      hidden: ['A1234567', 'B7654321'],
    },
    {
      name: 'the network decides: the tag says linkage but the query was empty',
      pages: [
        { staticTags: [linkage()], loginRequests: [loginRequest({ customer_id: 'A1234567' })] },
        { staticTags: [linkage()], loginRequests: [loginRequest('empty')] },
      ],
      errors: [{ data: { cookiePages: '2' }, source: 'network' }],
    },
    {
      name: 'logged in with linkage that reached /login, then logged out on another subdomain',
      pages: [
        { url: 'https://www.shop.example.jp/mypage', state: 'logged-in', staticTags: [linkage()], loginRequests: [loginRequest({ customer_id: 'A1234567' })] },
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()], loginRequests: [loginRequest('empty')] },
        { url: 'https://support.example.jp/faq', state: 'logged-out', staticTags: [queueTag()], loginRequests: [loginRequest('empty')] },
      ],
      errors: [{ pageIndex: 1, data: { linkagePages: '1', cookiePages: '2, 3' }, source: 'network' }],
      hidden: ['A1234567'],
    },
    {
      name: 'a placeholder value identifies nobody',
      pages: [{ staticTags: [queueTag()] }, { staticTags: [linkage('A1234567')] }, { staticTags: [linkage('xxxxx')] }],
      errors: [{ pageIndex: 1, data: { linkagePages: '2', cookiePages: '1, 3' } }],
    },
  ],
});
