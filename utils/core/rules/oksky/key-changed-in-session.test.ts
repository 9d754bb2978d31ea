import rule from './key-changed-in-session';
import { queueTag, ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'one key across pages', pages: [{ staticTags: [queueTag()] }, { staticTags: [queueTag()] }] },
    { name: 'a single page', page: { staticTags: [queueTag()] }, expect: 'not-applicable', missing: ['session'] },
    {
      // issue 9: a person checks staging, then production, in one tab; separate widgets are expected
      name: 'staging and production keys in one session (a person checking both environments)',
      pages: [
        { url: 'https://stg.shop.example.jp/mypage', state: 'logged-in', staticTags: [queueTag({ key: 'kobuna-s-001-ED70F4289B17AA9F', loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })] },
        { url: 'https://stg.shop.example.jp/', state: 'logged-out', staticTags: [queueTag({ key: 'kobuna-s-001-ED70F4289B17AA9F' })] },
        { url: 'https://shop.example.jp/mypage', state: 'logged-in', staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })] },
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
      ],
    },
    {
      name: 'logging out and in as another member: the same key throughout',
      pages: [
        { state: 'logged-in', staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })] },
        { state: 'logged-out', staticTags: [queueTag()] },
        { state: 'logged-in', staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'B2']] })] },
      ],
    },
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
    {
      name: "staging and production both visited, production itself uses 000's two keys: reported for production only",
      pages: [
        { url: 'https://stg.shop.example.jp/mypage', staticTags: [queueTag({ key: 'kobuna-s-001-AAAAAAAAAAAAAAAA' })] },
        { url: 'https://shop.example.jp/mypage', state: 'logged-in', staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })] },
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag({ host: 'kobuna-s-001.oksky-chat.net', key: 'kobuna-s-001-ED70F4289B17AA9F' })] },
      ],
      errors: [{ severity: 'warning', pageIndex: 2, data: { keys: 'kobuna-s-001-0D5ACD179B043831 / kobuna-s-001-ED70F4289B17AA9F' } }],
    },
  ],
});
