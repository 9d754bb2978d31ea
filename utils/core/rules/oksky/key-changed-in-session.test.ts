import rule from './key-changed-in-session';
import { queueTag, ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'one key across pages', pages: [{ staticTags: [queueTag()] }, { staticTags: [queueTag()] }] },
    { name: 'a single page', page: { staticTags: [queueTag()] }, expect: 'not-applicable', missing: ['session'] },
  ],
  invalid: [
    {
      name: "000's logged-in and logged-out tags",
      pages: [
        { state: 'logged-in', staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })] },
        { state: 'logged-out', staticTags: [queueTag({ host: 'kobuna-s-001.oksky-chat.net', key: 'kobuna-s-001-ED70F4289B17AA9F' })] },
      ],
      errors: [{ severity: 'warning', pageIndex: 1, data: { keys: 'kobuna-s-001-0D5ACD179B043831 / kobuna-s-001-ED70F4289B17AA9F' } }],
    },
  ],
});
