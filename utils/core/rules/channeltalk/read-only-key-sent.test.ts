import rule from './read-only-key-sent';
import { ruleTester } from '../rule-tester';
import { profilePage, runtimePage, updateUserPage } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'writable keys', page: profilePage({ email: 'a@example.jp', lastCheckoutCompletedAt: 1704067200000, description: 'memo' }) },
    { name: 'a key that only ends like a built-in', page: profilePage({ siteCreatedAt: 1704067200000, webSite: 'x' }) },
  ],
  invalid: [
    { name: 'lastSeenAt', page: profilePage({ lastSeenAt: 1704067200000 }), errors: [{ severity: 'info', data: { key: 'lastSeenAt' }, source: 'static' }] },
    {
      name: 'every listed key',
      page: profilePage({ sessionsCount: 3, createdAt: 1, updatedAt: 2, id: 'x', 'web.browserName': 'Chrome', 'mobile.appVersion': '1.0' }),
      errors: [
        { data: { key: 'sessionsCount' } },
        { data: { key: 'createdAt' } },
        { data: { key: 'updatedAt' } },
        { data: { key: 'id' } },
        { data: { key: 'web.browserName' } },
        { data: { key: 'mobile.appVersion' } },
      ],
    },
    { name: 'updateUser', page: updateUserPage({ profile: { 'web.device': 'pc' } }), errors: [{ data: { key: 'web.device' } }] },
    { name: 'runtime', page: runtimePage([['boot', { pluginKey: 'k', profile: { createdAt: 1704067200000 } }]]), errors: [{ source: 'runtime' }] },
  ],
});
