import rule from './profile-datetime-not-ms';
import { ruleTester } from '../rule-tester';
import { PLUGIN_KEY, profilePage, runtimePage, snippet, updateUserPage } from './_cases';

ruleTester(rule, {
  valid: [
    { name: "001's lastCheckoutCompletedAt as 13-digit ms", page: profilePage({ lastCheckoutCompletedAt: 1704067200000 }) },
    { name: 'a 12-digit ms timestamp (a 1990 birthday)', page: profilePage({ birthDate: 631152000000 }) },
    { name: 'negative ms (before 1970)', page: profilePage({ birthDate: -315619200000 }) },
    { name: 'Date.now() (run-time value)', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: { lastLoginAt: Date.now() } });`) },
    { name: 'null resets the field', page: profilePage({ lastCheckoutCompletedAt: null }) },
    { name: 'a non-date key with a date-like text', page: profilePage({ memo: '2024/01/01' }) },
    { name: 'key ending in "at" but not At (format, flat)', page: profilePage({ format: 'flat', seat: '12' }) },
    { name: 'probe saw ms', page: runtimePage([['boot', { pluginKey: PLUGIN_KEY, profile: { lastCheckoutCompletedAt: 1704067200000 } }]]) },
  ],
  invalid: [
    {
      name: '10-digit seconds',
      page: profilePage({ lastCheckoutCompletedAt: 1704067200 }),
      errors: [{ messageId: 'seconds', severity: 'error', data: { key: 'lastCheckoutCompletedAt', value: '1704067200', suggestion: '1704067200000' }, source: 'static' }],
    },
    { name: 'seconds with a fraction', page: profilePage({ lastLoginAt: 1704067200.5 }), errors: [{ messageId: 'seconds', data: { suggestion: '1704067200500' } }] },
    { name: 'ISO 8601 with Z', page: profilePage({ lastLoginAt: '2024-01-01T00:00:00Z' }), errors: [{ messageId: 'date-string', data: { format: 'ISO 8601 (Z)', suggestion: '1704067200000' } }] },
    {
      name: 'ISO 8601 with +09:00',
      page: profilePage({ last_login_at: '2024-01-01T09:00:00+09:00' }),
      errors: [{ messageId: 'date-string', data: { key: 'last_login_at', format: 'ISO 8601 (+09:00)', suggestion: '1704067200000' } }],
    },
    {
      name: 'ISO 8601 without a time zone (read as JST)',
      page: profilePage({ lastLoginAt: '2024-01-01T09:00:00' }),
      errors: [{ messageId: 'date-string', data: { format: 'ISO 8601 (no time zone)', suggestion: '1704067200000 (+09:00)' } }],
    },
    { name: 'ISO date only', page: profilePage({ birthDate: '1990-04-01' }), errors: [{ messageId: 'date-string', data: { format: 'ISO 8601 (date only) (no time zone)' } }] },
    { name: '2024/01/01', page: profilePage({ lastCheckoutCompletedAt: '2024/01/01' }), errors: [{ messageId: 'date-string', data: { format: 'YYYY/MM/DD', suggestion: '1704034800000 (+09:00)' } }] },
    { name: '2024年1月1日', page: profilePage({ registeredDate: '2024年1月1日' }), errors: [{ messageId: 'date-string', data: { format: 'YYYY年M月D日' } }] },
    { name: 'ms as a string', page: profilePage({ lastLoginAt: '1704067200000' }), errors: [{ messageId: 'number-string', data: { suggestion: '1704067200000' } }] },
    { name: 'seconds as a string', page: profilePage({ lastLoginAt: '1704067200' }), errors: [{ messageId: 'seconds' }] },
    { name: 'YYYYMMDD number', page: profilePage({ birthDate: 19900401 }), errors: [{ messageId: 'compact-date' }] },
    { name: 'microseconds', page: profilePage({ lastLoginAt: 1704067200000000 }), errors: [{ messageId: 'microseconds', data: { suggestion: '1704067200000' } }] },
    { name: 'not a timestamp at all', page: profilePage({ expireDate: 'next month' }), errors: [{ messageId: 'not-timestamp' }] },
    { name: 'RFC 2822 date text', page: profilePage({ lastLoginAt: 'Mon, 01 Jan 2024 00:00:00 GMT' }), errors: [{ messageId: 'date-string', data: { suggestion: '1704067200000' } }] },
    { name: 'updateUser profileOnce', page: updateUserPage({ profileOnce: { firstOrderAt: 1704067200 } }), errors: [{ messageId: 'seconds', data: { key: 'firstOrderAt' } }] },
    {
      name: 'the probe saw Math.floor(Date.now() / 1000)',
      page: runtimePage([['updateUser', { profile: { lastLoginAt: 1732233600 } }]]),
      errors: [{ messageId: 'seconds', source: 'runtime' }],
    },
    {
      name: 'several keys in one call',
      page: profilePage({ lastCheckoutCompletedAt: 1704067200, createdDate: '2024-01-01', memberRank: 'gold' }),
      errors: [{ messageId: 'seconds' }, { messageId: 'date-string' }],
    },
  ],
});
