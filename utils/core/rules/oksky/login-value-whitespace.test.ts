import rule from './login-value-whitespace';
import { queueTag, ruleTester } from '../rule-tester';

const withValue = (v: string) => queueTag({ loginKey: 'customer_id', keywords: [['customer_id', v]] });

ruleTester(rule, {
  valid: [
    { name: 'trimmed value', page: { staticTags: [withValue('A1234567')] } },
    { name: 'inner space is part of the value', page: { staticTags: [withValue('A12 34567')] } },
    { name: 'white space only is oksky/login-value-empty', page: { staticTags: [withValue('  ')] } },
  ],
  invalid: [
    {
      name: 'trailing full-width space',
      page: { staticTags: [withValue('A1234567\u3000')] },
      errors: [{ messageId: 'trailing', severity: 'warning', data: { chars: 'U+3000' } }],
      hidden: ['A1234567'],
    },
    {
      name: 'line break before and space after',
      page: { staticTags: [withValue('\nA1234567 ')] },
      errors: [
        { messageId: 'leading', data: { chars: 'U+000A' } },
        { messageId: 'trailing', data: { chars: 'U+0020' } },
      ],
      hidden: ['A1234567'],
    },
  ],
});
