import rule from './cross-domain-cookie';
import { queueTag, ruleTester } from '../rule-tester';

const linkage = () => queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1234567']] });

ruleTester(rule, {
  valid: [
    { name: 'same host', pages: [{ url: 'https://shop.example.jp/a', staticTags: [queueTag()] }, { url: 'https://shop.example.jp/b', staticTags: [queueTag()] }] },
    {
      name: 'linked on both hosts',
      pages: [{ url: 'https://shop.example.jp/', staticTags: [linkage()] }, { url: 'https://member.example.jp/', staticTags: [linkage()] }],
    },
    {
      name: 'the other host has no tag',
      pages: [{ url: 'https://shop.example.jp/', staticTags: [queueTag()] }, { url: 'https://blog.example.jp/', staticTags: [] }],
    },
  ],
  invalid: [
    {
      name: '000: logged off on two subdomains',
      pages: [
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://blog.example.jp/', staticTags: [] },
        { url: 'https://support.example.jp/faq', state: 'logged-out', staticTags: [queueTag()] },
      ],
      errors: [{ severity: 'warning', pageIndex: 2, data: { from: 'shop.example.jp', to: 'support.example.jp' } }],
    },
    {
      name: 'back and forth is one report per direction',
      pages: [
        { url: 'https://a.example.jp/', staticTags: [queueTag()] },
        { url: 'https://b.example.com/', staticTags: [queueTag()] },
        { url: 'https://a.example.jp/', staticTags: [queueTag()] },
        { url: 'https://b.example.com/', staticTags: [queueTag()] },
      ],
      errors: [{ pageIndex: 1 }, { pageIndex: 2 }],
    },
  ],
});
