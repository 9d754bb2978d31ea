import rule from './sdk-system-url-format';
import { queueTag, ruleTester, sdkTag } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'https and trailing slash', page: { staticTags: [sdkTag({ systemUrl: 'https://kobuna-s-001.ok-sky.com/' })] } },
    { name: 'queue form', page: { staticTags: [queueTag()] } },
    { name: 'run-time SYSTEM_URL', page: { staticTags: [sdkTag({ systemUrl: { kind: 'unknown', raw: 'SYSTEM_URL' } })] } },
  ],
  invalid: [
    {
      name: 'missing trailing slash',
      page: { staticTags: [sdkTag({ systemUrl: 'https://kobuna-s-001.ok-sky.com' })] },
      errors: [{ messageId: 'slash', severity: 'warning', data: { corrected: 'https://kobuna-s-001.ok-sky.com/' } }],
    },
    {
      name: 'http and no slash',
      page: { staticTags: [sdkTag({ systemUrl: 'http://kobuna-s-001.ok-sky.com' })] },
      // one bad URL, one finding (not one per defect)
      errors: [{ messageId: 'scheme-and-slash', data: { corrected: 'https://kobuna-s-001.ok-sky.com/' } }],
    },
    {
      name: 'no scheme',
      page: { staticTags: [sdkTag({ systemUrl: 'kobuna-s-001.ok-sky.com/' })] },
      errors: [{ messageId: 'scheme', data: { corrected: 'https://kobuna-s-001.ok-sky.com/' } }],
    },
  ],
});
