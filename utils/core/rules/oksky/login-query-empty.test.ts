import rule from './login-query-empty';
import { loginRequest, queueTag, ruleTester } from '../rule-tester';

const linkage = () => queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1234567']] });

ruleTester(rule, {
  valid: [
    { name: 'query with keywords', page: { state: 'logged-in', staticTags: [linkage()], loginRequests: [loginRequest({ customer_id: 'A1234567' })] } },
    { name: 'no network evidence (saved HTML)', page: { state: 'logged-in', staticTags: [linkage()] }, expect: 'not-applicable', missing: ['network'] },
    { name: 'unreadable body is not "empty"', page: { staticTags: [linkage()], loginRequests: [loginRequest({ status: 'unreadable', entries: [], reason: 'binary' })] } },
  ],
  invalid: [
    {
      // RULES.md: error when logged in, whatever the tag; plain-tag-while-logged-in names the cause from the tag
      name: 'logged in with a plain tag: the network confirms no linkage reached OK SKY',
      page: { state: 'logged-in', staticTags: [queueTag()], loginRequests: [loginRequest('empty')] },
      errors: [{ messageId: 'logged-in', severity: 'error', source: 'network' }],
    },
    {
      name: 'a pasted /login payload (no network capture) is evidence enough',
      page: { state: 'logged-in', staticTags: [linkage()], loginRequests: [loginRequest('empty', { pasted: true })] },
      errors: [{ messageId: 'linkage', severity: 'error', source: 'network' }],
    },
    {
      name: 'tag sets linkage, query empty: error',
      page: { state: 'logged-out', staticTags: [linkage()], loginRequests: [loginRequest('empty')] },
      errors: [{ messageId: 'linkage', severity: 'error', source: 'network' }],
    },
    {
      name: 'logged out with a plain tag: info',
      page: { state: 'logged-out', staticTags: [queueTag()], loginRequests: [loginRequest('empty')] },
      errors: [{ messageId: 'logged-out', severity: 'info' }],
    },
    {
      name: 'unknown state with a plain tag: never an error',
      page: { state: 'unknown', staticTags: [queueTag()], loginRequests: [loginRequest('empty')] },
      errors: [{ messageId: 'unknown', severity: 'info' }],
    },
    {
      name: 'no tag seen (injected elsewhere) on a logged-in page',
      page: { state: 'logged-in', loginRequests: [loginRequest({ status: 'empty', format: 'json-string', entries: [] })] },
      errors: [{ messageId: 'logged-in', severity: 'error', data: { format: 'json-string' } }],
    },
  ],
});
