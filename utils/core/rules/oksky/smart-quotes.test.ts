import rule from './smart-quotes';
import { queueTag, ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'straight quotes', page: { staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })] } },
    {
      name: 'other syntax errors are oksky/tag-syntax-error',
      page: { staticTags: [queueTag()], syntaxErrors: [{ smartQuotes: false, message: 'Unexpected token', lineText: '{"ga_client_code", "x"}' }] },
    },
    {
      name: 'smart quotes in a script without the tag',
      page: { staticTags: [queueTag()], syntaxErrors: [{ smartQuotes: true, holdsTag: false }] },
    },
  ],
  invalid: [
    {
      name: "000's example line OkskyChat(“customer_id”, “xxxxx\");",
      page: {
        staticTags: [queueTag({ smartQuotes: true, keywords: [['customer_id', 'xxxxx']] })],
        syntaxErrors: [{ smartQuotes: true, location: { line: 4, column: 11 }, lineText: 'OkskyChat(“customer_id”, “xxxxx");' }],
      },
      errors: [
        {
          severity: 'error',
          source: 'static',
          data: { line: 4, column: 11, quotes: '“ ”', corrected: 'OkskyChat("customer_id", "xxxxx");' },
        },
      ],
    },
    {
      name: 'a personal value on the offending line is masked',
      page: {
        staticTags: [queueTag({ keywords: [['customer_id', 'A1234567']] })],
        syntaxErrors: [{ smartQuotes: true, lineText: 'OkskyChat(“customer_id”, “A1234567”);' }],
      },
      errors: [{ data: { corrected: 'OkskyChat("customer_id", "A1****67");' } }],
      hidden: ['A1234567'],
    },
    {
      name: 'flagged calls without a recorded syntax error',
      page: { staticTags: [queueTag({ smartQuotes: true, keywords: [['customer_id', 'xxxxx']] })] },
      errors: [{ messageId: 'call' }, { messageId: 'call' }],
    },
  ],
});
