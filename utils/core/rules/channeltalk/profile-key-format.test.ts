import rule from './profile-key-format';
import { ruleTester } from '../rule-tester';
import { profilePage, runtimePage, updateUserPage } from './_cases';

ruleTester(rule, {
  valid: [
    { name: "001's keys (mobileNumber, email, utmSource, lastCheckoutCompletedAt)", page: profilePage({ mobileNumber: '+819012345678', email: 'a@example.jp', utmSource: 'line', lastCheckoutCompletedAt: 1704067200000 }) },
    { name: 'camelCase with digits', page: profilePage({ address2: 'x', memberRankV2: 'gold' }) },
    { name: 'read-only built-in keys are left to read-only-key-sent', page: profilePage({ 'web.device': 'pc' }) },
  ],
  invalid: [
    { name: 'Japanese key', page: profilePage({ 会員ランク: 'ゴールド' }), errors: [{ messageId: 'japanese', severity: 'warning', data: { key: '会員ランク' } }] },
    { name: 'full-width letters', page: profilePage({ ｒａｎｋ: 'gold' }), errors: [{ messageId: 'japanese' }] },
    { name: 'snake_case', page: profilePage({ member_rank: 'gold' }), errors: [{ data: { key: 'member_rank', kind: 'snake_case (_)', suggestion: 'memberRank' } }] },
    { name: 'SCREAMING_SNAKE', page: profilePage({ MEMBER_RANK: 'gold' }), errors: [{ data: { suggestion: 'memberRank' } }] },
    { name: 'kebab-case', page: profilePage({ 'member-rank': 'gold' }), errors: [{ data: { kind: 'kebab-case (-)', suggestion: 'memberRank' } }] },
    { name: 'space', page: profilePage({ 'member rank': 'gold' }), errors: [{ data: { kind: 'space', suggestion: 'memberRank' } }] },
    { name: 'PascalCase', page: profilePage({ MemberRank: 'gold' }), errors: [{ data: { kind: 'PascalCase', suggestion: 'memberRank' } }] },
    { name: 'leading digit', page: profilePage({ '2ndAddress': 'x' }), errors: [{ data: { kind: 'leading digit', suggestion: 'memberRank' } }] },
    { name: "001's table key copied with the profile. prefix", page: profilePage({ 'profile.email': 'a@example.jp' }), errors: [{ messageId: 'profile-prefix', data: { suggestion: 'email' } }], hidden: ['a@example.jp'] },
    { name: 'updateUser profileOnce', page: updateUserPage({ profileOnce: { utm_source: 'line' } }), errors: [{ data: { suggestion: 'utmSource' } }] },
    { name: 'runtime', page: runtimePage([['updateUser', { profile: { 'last-order': 'x' } }]]), errors: [{ source: 'runtime' }] },
  ],
});
