import rule from './cross-domain-cookie';
import { loginRequest, queueTag, ruleTester } from '../rule-tester';

const linkage = () => queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1234567']] });

ruleTester(rule, {
  valid: [
    { name: 'same host', pages: [{ url: 'https://shop.example.jp/a', staticTags: [queueTag()] }, { url: 'https://shop.example.jp/b', staticTags: [queueTag()] }] },
    {
      name: 'linked on both hosts',
      pages: [{ url: 'https://shop.example.jp/', staticTags: [linkage()] }, { url: 'https://member.example.jp/', staticTags: [linkage()] }],
    },
    {
      name: 'logged in with linkage that failed, then logged out on another host: the broken linkage is the finding, not the cookie',
      pages: [
        { url: 'https://www.shop.example.jp/mypage', state: 'logged-in', staticTags: [linkage()], loginRequests: [loginRequest('empty')] },
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()], loginRequests: [loginRequest('empty')] },
      ],
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
      name: 'back and forth: one report, where the new cookie is issued (the way back finds the old cookie)',
      pages: [
        { url: 'https://a.example.jp/', staticTags: [queueTag()] },
        { url: 'https://b.example.com/', staticTags: [queueTag()] },
        { url: 'https://a.example.jp/', staticTags: [queueTag()] },
        { url: 'https://b.example.com/', staticTags: [queueTag()] },
      ],
      errors: [{ pageIndex: 1, data: { from: 'a.example.jp', to: 'b.example.com' } }],
    },
    {
      name: 'session.har: logged-in page whose linkage failed (query empty), then two logged-out hosts: one report, between the logged-out hosts',
      pages: [
        { url: 'https://www.shop.example.jp/mypage', state: 'logged-in', staticTags: [linkage()], loginRequests: [loginRequest('empty')] },
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()], loginRequests: [loginRequest('empty')] },
        { url: 'https://support.example.jp/faq', state: 'logged-out', staticTags: [queueTag()], loginRequests: [loginRequest('empty')] },
      ],
      errors: [{ pageIndex: 2, data: { from: 'shop.example.jp', to: 'support.example.jp' }, source: 'network' }],
    },
    {
      name: 'three hosts: one report per newly entered host',
      pages: [
        { url: 'https://a.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://b.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://c.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
      ],
      errors: [
        { pageIndex: 1, data: { from: 'a.example.jp', to: 'b.example.jp' } },
        { pageIndex: 2, data: { from: 'b.example.jp', to: 'c.example.jp' } },
      ],
    },
  ],
});
