import rule from './key-differs';
import { ruleTester, snapshot } from '../rule-tester';

ruleTester(rule, {
  valid: [{ name: 'same key', compare: { a: snapshot(), b: snapshot() } }],
  invalid: [
    {
      name: "000's two keys",
      compare: { a: snapshot(), b: snapshot({ pages: [{ tag: { key: 'kobuna-s-001-ED70F4289B17AA9F' } }] }) },
      errors: [{ severity: 'warning', data: { aKeys: 'kobuna-s-001-0D5ACD179B043831', bKeys: 'kobuna-s-001-ED70F4289B17AA9F' } }],
    },
  ],
});
