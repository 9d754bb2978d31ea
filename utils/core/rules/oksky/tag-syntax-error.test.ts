import rule from './tag-syntax-error';
import { queueTag, ruleTester, sdkTag } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'parses', page: { staticTags: [queueTag()] } },
    { name: 'smart quotes are oksky/smart-quotes', page: { staticTags: [queueTag()], syntaxErrors: [{ smartQuotes: true }] } },
    { name: 'an unrelated broken script', page: { staticTags: [queueTag()], syntaxErrors: [{ holdsTag: false }] } },
  ],
  invalid: [
    {
      name: "SDK docs' {\"ga_client_code\", \"...\"}",
      page: {
        staticTags: [sdkTag()],
        syntaxErrors: [{ message: 'Unexpected token (3:22)', location: { line: 3, column: 22 }, lineText: '  {"ga_client_code", "UA-1"}' }],
      },
      errors: [{ severity: 'error', source: 'static', data: { line: 3, column: 22, message: 'Unexpected token (3:22)', lineText: '{"ga_client_code", "UA-1"}' } }],
    },
    {
      name: "000's login-time example without the leading '!': named as such",
      page: {
        staticTags: [queueTag()],
        syntaxErrors: [
          {
            message: 'Unexpected token',
            location: { line: 10, column: 9 },
            lineText: 'function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script")}(window,document);',
          },
        ],
      },
      errors: [{ messageId: 'missing-bang', data: { line: 10 } }],
    },
    {
      name: 'personal values on the line are masked',
      page: {
        staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1234567']] })],
        syntaxErrors: [{ message: 'Unexpected token', lineText: 'OkskyChat("customer_id", "A1234567"' }],
      },
      errors: [{ data: { lineText: 'OkskyChat("customer_id", "A1****67"' } }],
      hidden: ['A1234567'],
    },
  ],
});
