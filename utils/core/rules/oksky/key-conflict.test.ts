import rule from './key-conflict';
import { queueTag, ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'one key', page: { staticTags: [queueTag()] } },
    { name: 'the same key twice (oksky/duplicate-tag)', page: { staticTags: [queueTag(), queueTag()] } },
  ],
  invalid: [
    {
      name: "000's two keys on one page",
      page: { staticTags: [queueTag({ key: ['kobuna-s-001-0D5ACD179B043831', 'kobuna-s-001-ED70F4289B17AA9F'] })] },
      errors: [{ severity: 'error', data: { keys: 'kobuna-s-001-0D5ACD179B043831, kobuna-s-001-ED70F4289B17AA9F', first: 'kobuna-s-001-0D5ACD179B043831' } }],
    },
    {
      name: 'two tags with different keys',
      page: { runtimeTags: [queueTag({ origin: 'runtime' }), queueTag({ origin: 'runtime', key: 'other-0000000000000000' })] },
      errors: [{ source: 'runtime' }],
    },
  ],
});
