import rule from './mobile-number-format';
import { ruleTester } from '../rule-tester';
import { PLUGIN_KEY, bootPage, profilePage, runtimePage, snippet, updateUserPage } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'E.164 Japanese mobile', page: profilePage({ mobileNumber: '+819012345678' }) },
    { name: 'E.164 US number', page: profilePage({ mobileNumber: '+14155552671' }) },
    { name: 'run-time value', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: { mobileNumber: user.tel } });`) },
    { name: 'empty (not sent)', page: profilePage({ mobileNumber: '' }) },
    { name: 'another key with a local number', page: profilePage({ shopTel: '03-1234-5678' }) },
  ],
  invalid: [
    {
      name: 'domestic 090-1234-5678',
      page: profilePage({ mobileNumber: '090-9876-5432' }),
      errors: [{ severity: 'warning', data: { where: 'profile.mobileNumber', value: '09****32', suggestion: '+8****32' }, source: 'static' }],
      hidden: ['090-9876-5432', '+819098765432', '09098765432'],
    },
    { name: 'domestic without hyphens', page: profilePage({ mobileNumber: '09012345678' }), errors: [{ data: { suggestion: '+8****78' } }], hidden: ['09012345678'] },
    { name: 'full-width digits', page: profilePage({ mobileNumber: '０９０１２３４５６７８' }), errors: [{ data: { suggestion: '+8****78' } }] },
    { name: 'country code without +', page: profilePage({ mobileNumber: '819012345678' }), errors: [{ data: { suggestion: '+8****78' } }] },
    { name: '+81 with the domestic 0 kept', page: profilePage({ mobileNumber: '+81-090-1234-5678' }), errors: [{ data: { suggestion: '+8****78' } }] },
    { name: 'not a phone number', page: profilePage({ mobileNumber: 'なし' }), errors: [{ data: { suggestion: '—' } }] },
    // +81 only for a Japanese number pattern; another country's number asks for its country code
    { name: 'a Korean mobile number (010-…): no +81, the country code is asked for', page: profilePage({ mobileNumber: '010-9876-5432' }), errors: [{ messageId: 'unknown-country', data: { suggestion: '—' } }], hidden: ['010-9876-5432', '+811098765432'] },
    { name: 'a Japanese landline (03-…) still gets +81', page: profilePage({ mobileNumber: '03-1234-5678' }), errors: [{ data: { suggestion: '+8****78' } }] },
    { name: 'a number literal loses the leading 0', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: { mobileNumber: 8011112222 } });`), errors: [{ messageId: 'number', data: { suggestion: '+8****22' } }], hidden: ['8011112222'] },
    { name: 'top-level mobileNumber (older snippets)', page: bootPage({ pluginKey: PLUGIN_KEY, mobileNumber: '080 1111 2222' }), errors: [{ data: { where: 'mobileNumber' } }], hidden: ['080 1111 2222'] },
    { name: 'updateUser', page: updateUserPage({ profile: { mobileNumber: '070-1111-2222' } }), errors: [{}], hidden: ['070-1111-2222'] },
    {
      name: 'revealed on request',
      page: runtimePage([['boot', { pluginKey: PLUGIN_KEY, profile: { mobileNumber: '090-1234-5678' } }]]),
      options: { reveal: true },
      errors: [{ data: { value: '090-1234-5678', suggestion: '+819012345678' }, source: 'runtime' }],
    },
  ],
});
