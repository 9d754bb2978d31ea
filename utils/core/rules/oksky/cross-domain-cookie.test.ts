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
      // issue 9: a login page on another domain between logged-out and logged-in pages
      name: 'a login page on another host, then logged in: the visitor logs in there, no cookie room is lost',
      pages: [
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://login.example.jp/signin', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://shop.example.jp/mypage', state: 'logged-in', staticTags: [linkage()] },
      ],
    },
    {
      name: 'a login page on another host, a page without the tag, then logged in',
      pages: [
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://id.example.com/login', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://id.example.com/mfa', staticTags: [] },
        { url: 'https://shop.example.jp/mypage', staticTags: [linkage()] },
      ],
    },
    {
      // issue 9: a person checking staging and production in one tab is not a visitor changing domain
      name: 'logged out on staging, then on production',
      pages: [
        { url: 'https://stg.shop.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
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
      name: 'a login page on another host but the visitor does not log in and goes on to a third host: both moves reported',
      pages: [
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://login.example.jp/signin', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://support.example.jp/faq', state: 'logged-out', staticTags: [queueTag()] },
      ],
      errors: [
        { pageIndex: 1, data: { from: 'shop.example.jp', to: 'login.example.jp' } },
        { pageIndex: 2, data: { from: 'login.example.jp', to: 'support.example.jp' } },
      ],
    },
    {
      name: 'production to another production host while logged out, after a staging visit: reported',
      pages: [
        { url: 'https://stg.shop.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
        { url: 'https://support.example.jp/', state: 'logged-out', staticTags: [queueTag()] },
      ],
      errors: [{ severity: 'warning', pageIndex: 2, data: { from: 'shop.example.jp', to: 'support.example.jp' } }],
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
