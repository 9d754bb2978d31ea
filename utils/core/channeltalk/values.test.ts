import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProfileKey, checkTimestamp, isDateKey, isE164, toE164 } from './values';

describe('checkTimestamp (001: timestamp を millisecond 単位形式で送信)', () => {
  it.each([
    [1704067200000, undefined],
    [631152000000, undefined],
    [-315619200000, undefined],
    [1704067200, 'seconds'],
    [1704067200.25, 'seconds'],
    [1704067200000000, 'microseconds'],
    [20240101, 'compact-date'],
    [42, 'not-timestamp'],
    [Number.NaN, 'not-timestamp'],
  ])('number %s → %s', (n, problem) => {
    expect(checkTimestamp({ kind: 'number', value: n })?.problem).toBe(problem);
  });

  it.each([
    ['2024-01-01T00:00:00Z', 'date-string', 'ISO 8601 (Z)', 1704067200000],
    ['2024-01-01T09:00:00+09:00', 'date-string', 'ISO 8601 (+09:00)', 1704067200000],
    ['2024-01-01T09:00:00+0900', 'date-string', 'ISO 8601 (+0900)', 1704067200000],
    ['2024-01-01T00:00:00.000-05:00', 'date-string', 'ISO 8601 (-05:00)', 1704085200000],
    ['2024-01-01 09:00:00', 'date-string', 'ISO 8601 (no time zone)', 1704067200000],
    ['2024-01-01', 'date-string', 'ISO 8601 (date only) (no time zone)', 1704034800000],
    ['2024/01/01', 'date-string', 'YYYY/MM/DD', 1704034800000],
    ['2024/1/1 9:00', 'date-string', 'YYYY/MM/DD hh:mm', 1704067200000],
    ['2024年1月1日', 'date-string', 'YYYY年M月D日', 1704034800000],
    ['1704067200000', 'number-string', 'string of milliseconds', 1704067200000],
    ['1704067200', 'seconds', 'string of seconds', 1704067200000],
    ['１７０４０６７２００', 'seconds', 'string of seconds', 1704067200000],
  ])('string %s → %s (%s)', (s, problem, format, suggestion) => {
    const v = checkTimestamp({ kind: 'string', value: s });
    expect(v).toMatchObject({ problem, format, suggestion });
  });

  it('cannot tell: run-time values, null, empty text', () => {
    expect(checkTimestamp({ kind: 'unknown', raw: 'Date.now()' })).toBeUndefined();
    expect(checkTimestamp({ kind: 'null' })).toBeUndefined();
    expect(checkTimestamp({ kind: 'string', value: '  ' })).toBeUndefined();
  });

  it('an impossible date gives no suggestion', () => {
    expect(checkTimestamp({ kind: 'string', value: '2024/13/45' })).toMatchObject({ problem: 'date-string' });
    expect(checkTimestamp({ kind: 'string', value: '2024/13/45' })?.suggestion).toBeUndefined();
  });

  it('every integer number is either fine or has a named problem (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e16, max: 1e16 }), (n) => {
        const v = checkTimestamp({ kind: 'number', value: n });
        const ms = Math.abs(n) >= 1e11 && Math.abs(n) < 1e14;
        expect(v === undefined).toBe(ms);
      }),
    );
  });

  it('never throws on any string (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => void checkTimestamp({ kind: 'string', value: s })));
  });
});

describe('isDateKey', () => {
  it.each([
    ['lastCheckoutCompletedAt', true],
    ['createdAt', true],
    ['last_login_at', true],
    ['birthDate', true],
    ['birth_date', true],
    ['format', false],
    ['seat', false],
    ['updateDate2', false],
    ['memberRank', false],
  ])('%s → %s', (key, expected) => expect(isDateKey(key)).toBe(expected));
});

describe('checkProfileKey (camelCase ASCII)', () => {
  it.each([
    ['memberRank', undefined, undefined],
    ['email', undefined, undefined],
    ['address2', undefined, undefined],
    ['会員ランク', 'non-ascii', undefined],
    ['member rank', 'space', 'memberRank'],
    ['member-rank', 'hyphen', 'memberRank'],
    ['member_rank', 'snake-case', 'memberRank'],
    ['last_order_date', 'snake-case', 'lastOrderDate'],
    ['MEMBER_RANK', 'snake-case', 'memberRank'],
    ['MemberRank', 'upper-first', 'memberRank'],
    ['2ndAddress', 'digit-first', undefined],
    ['rank$', 'symbol', undefined],
    ['profile.email', 'profile-prefix', 'email'],
    ['web.device', 'dot', 'webDevice'],
  ])('%s → %s (%s)', (key, problem, suggestion) => {
    const v = checkProfileKey(key);
    expect(v?.problem).toBe(problem);
    expect(v?.suggestion).toBe(suggestion);
  });

  it('a suggestion is always valid camelCase (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (key) => {
        const v = checkProfileKey(key);
        if (v?.suggestion !== undefined) expect(v.suggestion).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      }),
    );
  });
});

describe('E.164', () => {
  it.each([
    ['+819012345678', true],
    ['+14155552671', true],
    ['090-1234-5678', false],
    ['09012345678', false],
    ['+81 90 1234 5678', false],
    ['+0123456789', false],
    ['+8109012345678', false],
  ])('isE164(%s) → %s', (s, ok) => expect(isE164(s)).toBe(ok));

  it.each([
    ['090-1234-5678', '+819012345678'],
    ['09012345678', '+819012345678'],
    ['０９０－１２３４－５６７８', '+819012345678'],
    ['(090) 1234-5678', '+819012345678'],
    ['819012345678', '+819012345678'],
    ['+81-090-1234-5678', '+819012345678'],
    ['+81 90 1234 5678', '+819012345678'],
    ['03-1234-5678', '+81312345678'],
    ['なし', undefined],
    ['12', undefined],
  ])('toE164(%s) → %s', (s, e) => expect(toE164(s)).toBe(e));
});
