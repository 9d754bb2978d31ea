import rule from './write-once-changed';
import { ruleTester } from '../rule-tester';
import { PLUGIN_KEY, profilePage, runtimePage, snippet } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'the same utmSource on every page', pages: [profilePage({ utmSource: 'line' }), profilePage({ utmSource: 'line' })] },
    { name: 'only one page sends it', pages: [profilePage({ utmSource: 'line' }), profilePage({ memberRank: 'gold' })] },
    { name: 'a normal key changes freely', pages: [profilePage({ memberRank: 'silver' }), profilePage({ memberRank: 'gold' })] },
    { name: 'run-time values (cannot tell)', pages: [snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: { utmSource: q.utm_source } });`), profilePage({ utmSource: 'line' })] },
    { name: 'empty later value is not a new value', pages: [profilePage({ utmCampaign: 'spring' }), profilePage({ utmCampaign: '' })] },
    { name: 'no Channel Talk anywhere', pages: [{}, {}], expect: 'not-applicable', missing: ['channeltalk-tag'] },
  ],
  invalid: [
    {
      name: 'utmSource changes between pages',
      pages: [profilePage({ utmSource: 'line' }), profilePage({ utmSource: 'google' })],
      errors: [{ severity: 'info', pageIndex: 1, data: { key: 'utmSource', first: 'line', others: '"google"' }, source: 'static' }],
    },
    {
      name: 'referrer changes (shown without its query)',
      pages: [
        profilePage({ referrer: 'https://www.google.com/search?q=secret-token' }),
        runtimePage([['boot', { pluginKey: PLUGIN_KEY, profile: { referrer: 'https://www.yahoo.co.jp/?token=abc' } }]]),
      ],
      errors: [{ pageIndex: 1, data: { key: 'referrer', first: 'https://www.google.com/search', others: '"https://www.yahoo.co.jp/"' } }],
      hidden: ['secret-token', 'token=abc'],
    },
    {
      name: 'boot then updateUser on one page',
      page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: { utmCampaign: 'spring' } });\nChannelIO('updateUser', { profileOnce: { utmCampaign: 'summer' } });`),
      errors: [{ pageIndex: 0, data: { first: 'spring', others: '"summer"' } }],
    },
    {
      name: 'two keys change',
      pages: [profilePage({ utmSource: 'line', utmMedium: 'social' }), profilePage({ utmSource: 'mail', utmMedium: 'email' }), profilePage({ utmSource: 'ad' })],
      errors: [{ data: { key: 'utmSource', others: '"mail", "ad"' } }, { data: { key: 'utmMedium', others: '"email"' } }],
    },
  ],
});
