import rule from './duplicate-tag';
import { queueTag, ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'one tag', page: { staticTags: [queueTag()] } },
    { name: 'two keys differ (oksky/key-conflict)', page: { staticTags: [queueTag({ key: 'kobuna-s-001-0D5ACD179B043831' }), queueTag({ host: null, key: 'kobuna-s-001-ED70F4289B17AA9F' })] } },
  ],
  invalid: [
    {
      name: 'template plus tag manager: two loaders at run time',
      page: { staticTags: [queueTag()], runtimeTags: [queueTag({ origin: 'runtime', loaderCount: 2 })] },
      errors: [{ messageId: 'loader', severity: 'warning', data: { count: 2 }, source: 'runtime' }],
    },
    {
      name: 'the same key twice',
      page: { staticTags: [queueTag({ key: ['kobuna-s-001-0D5ACD179B043831', 'kobuna-s-001-0D5ACD179B043831'] })] },
      errors: [{ messageId: 'key', data: { key: 'kobuna-s-001-0D5ACD179B043831', count: 2 } }],
    },
  ],
});
