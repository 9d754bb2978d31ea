import rule from './widget-host-differs';
import { ruleTester, snapshot } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'same host', compare: { a: snapshot(), b: snapshot() } },
    {
      name: 'one environment, logged in ⇄ logged out from the same widget host',
      compare: {
        a: snapshot({ env: 'production', pages: [{ state: 'logged-in' }] }),
        b: snapshot({ env: 'production', pages: [{ state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false } }] }),
      },
    },
  ],
  invalid: [
    {
      name: 'okskychat.net vs oksky-chat.net',
      compare: { a: snapshot(), b: snapshot({ pages: [{ tag: { host: 'kobuna-s-001.oksky-chat.net' } }] }) },
      errors: [{ severity: 'warning', data: { aHosts: 'kobuna-s-001.okskychat.net', bHosts: 'kobuna-s-001.oksky-chat.net' } }],
    },
  ],
});
