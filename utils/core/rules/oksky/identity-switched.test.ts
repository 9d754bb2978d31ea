import rule from './identity-switched';
import { loginRequest, queueTag, ruleTester } from '../rule-tester';

const linkage = (v = 'A1234567') => queueTag({ loginKey: 'customer_id', keywords: [['customer_id', v]] });

ruleTester(rule, {
  valid: [
    { name: 'linkage on every page', pages: [{ staticTags: [linkage()] }, { staticTags: [linkage()] }] },
    { name: 'cookie on every page', pages: [{ staticTags: [queueTag()] }, { staticTags: [queueTag()] }] },
    { name: 'one page', page: { staticTags: [linkage()] }, expect: 'not-applicable', missing: ['session'] },
  ],
  invalid: [
    {
      name: '000: logged in, then logged off',
      pages: [{ state: 'logged-in', staticTags: [linkage()] }, { state: 'logged-out', staticTags: [queueTag()] }],
      errors: [{ severity: 'info', pageIndex: 1, data: { linkagePages: '1', cookiePages: '2' } }],
      hidden: ['A1234567'],
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
      name: 'a placeholder value identifies nobody',
      pages: [{ staticTags: [queueTag()] }, { staticTags: [linkage('A1234567')] }, { staticTags: [linkage('xxxxx')] }],
      errors: [{ pageIndex: 1, data: { linkagePages: '2', cookiePages: '1, 3' } }],
    },
  ],
});
