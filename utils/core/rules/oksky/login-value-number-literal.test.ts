import { describe, expect, it } from 'vitest';
import rule, { numberLiteralProblem } from './login-value-number-literal';
import { num, queueTag, ruleTester } from '../rule-tester';

const withValue = (raw: string, name = 'customer_id') => queueTag({ loginKey: name, keywords: [[name, num(raw)]] });

ruleTester(rule, {
  valid: [
    { name: 'quoted string', page: { staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', '012345']] })] } },
    { name: 'a plain safe integer is sent as written', page: { staticTags: [withValue('4711')] } },
    { name: 'zero', page: { staticTags: [withValue('0')] } },
  ],
  invalid: [
    {
      name: "000's 012345 unquoted (legacy octal)",
      page: { staticTags: [withValue('012345')] },
      errors: [{ messageId: 'leading-zero', severity: 'error', data: { raw: '012345', sent: '5349' }, source: 'static' }],
    },
    {
      name: 'leading zero with 8/9 digits (decimal)',
      page: { staticTags: [withValue('0292564')] },
      errors: [{ messageId: 'leading-zero', data: { raw: '02****64' } }],
      hidden: ['0292564', '292564'],
    },
    {
      name: 'beyond 2^53',
      page: { staticTags: [withValue('12345678901234567')] },
      errors: [{ messageId: 'unsafe-integer' }],
      hidden: ['12345678901234567', '12345678901234568'],
    },
    { name: 'exponent', page: { staticTags: [withValue('1e5')] }, errors: [{ messageId: 'exponent', data: { sent: '1****0' } }] },
    { name: 'hex', page: { staticTags: [withValue('0x1F')] }, errors: [{ messageId: 'other' }] },
  ],
});

describe('numberLiteralProblem', () => {
  it('classifies what JavaScript changes', () => {
    expect(numberLiteralProblem('012345', 5349)).toBe('leading-zero');
    expect(numberLiteralProblem('9007199254740993', Number('9007199254740993'))).toBe('unsafe-integer');
    expect(numberLiteralProblem('1.5e3', 1500)).toBe('exponent');
    expect(numberLiteralProblem('1.0', 1)).toBe('other');
    expect(numberLiteralProblem('12345', 12345)).toBeUndefined();
    expect(numberLiteralProblem('-7', -7)).toBeUndefined();
  });
});
