import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEmptyValue, isPlaceholder } from './placeholder';

describe('isEmptyValue', () => {
  it.each(['', '   ', '\u3000', '\n\t', 'null', 'undefined', 'NaN', ' NULL ', null, undefined])('%j is empty', (v) => {
    expect(isEmptyValue(v)).toBe(true);
  });
  it.each(['0', 'A1', 'nullable', '　A　'])('%j is not empty', (v) => expect(isEmptyValue(v)).toBe(false));
});

describe('isPlaceholder (RULES.md definition)', () => {
  it.each([
    ['', 'empty'],
    ['\u3000', 'empty'],
    ['undefined', 'empty'],
    ['xxxxx', 'sample'],
    ['012345', 'sample'],
    ['０１２３４５', 'sample'],
    ['123456789', 'sample'],
    ['{{ customer.id }}', 'template'],
    ['<%= @user.id %>', 'template'],
    ['<?php echo $id ?>', 'template'],
    ['${user.id}', 'template'],
    ['#{user.id}', 'template'],
    ['{% raw %}', 'template'],
    ['%CUSTOMER_ID%', 'template'],
    ['XXX-0001', 'mask-run'],
    ['a***b', 'mask-run'],
    ['ｘｘｘ', 'mask-run'],
    ['会員ID', 'japanese-word'],
    ['ここに会員番号', 'japanese-word'],
    ['顧客ＩＤ', 'japanese-word'],
    ['ログインID', 'japanese-word'],
    ['入力してください', 'japanese-word'],
  ])('%j is a placeholder (%s)', (v, kind) => {
    expect(isPlaceholder(v)?.kind).toBe(kind);
  });

  it.each(['A1234567', '0292564', 'taro@example.jp', 'xx-12', '100%', '山田太郎', '12345'])('%j looks real', (v) => {
    expect(isPlaceholder(v)).toBeUndefined();
  });

  it('never throws and agrees with isEmptyValue', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const m = isPlaceholder(s);
        if (isEmptyValue(s)) expect(m?.kind).toBe('empty');
        else expect(m?.kind).not.toBe('empty');
      }),
    );
  });

  it('a value holding a run of three x is always a placeholder', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        expect(isPlaceholder(`${a}xxx${b}`)).toBeDefined();
      }),
    );
  });
});
