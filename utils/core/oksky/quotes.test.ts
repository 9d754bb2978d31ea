import { describe, expect, it } from 'vitest';
import { matchParen, repairQuotes } from './quotes';

describe('repairQuotes', () => {
  it('replaces typographic delimiters offset for offset', () => {
    const src = 'OkskyChat(“customer_id”, “xxxxx");';
    const r = repairQuotes(src);
    expect(r.text).toBe('OkskyChat("customer_id", "xxxxx");');
    expect(r.text.length).toBe(src.length);
    expect(r.fixes).toEqual([10, 22, 25]);
  });

  it.each(['＂a＂', '‘a’', '″a″', '′a′', '＇a＇'])('repairs %s', (s) => {
    expect(repairQuotes(`f(${s})`).text).toBe('f("a")');
  });

  it('closes a straight-opened string at a typographic quote that ends the argument', () => {
    expect(repairQuotes('f("a”, "b")').text).toBe('f("a", "b")');
    expect(repairQuotes("f('a’)").text).toBe("f('a')");
  });

  it('leaves strings, comments, templates and regular expressions alone', () => {
    for (const src of ['f("It’s “fine”")', '// “x”\nf()', '/* ‘x’ */', 'f(`“x”`)', 'x = /[“”]/g.test(s)', "f('“')"]) {
      const r = repairQuotes(src);
      expect(r.text).toBe(src);
      expect(r.fixes).toEqual([]);
    }
  });
});

describe('comments', () => {
  it('lists line and block comments with where their text starts', () => {
    const r = repairQuotes('a(); // one\n/* two */ "// not" /* open');
    expect(r.comments).toEqual([
      { type: 'Line', value: ' one', start: 5, end: 11, valueStart: 7 },
      { type: 'Block', value: ' two ', start: 12, end: 21, valueStart: 14 },
      { type: 'Block', value: ' open', start: 31, end: 38, valueStart: 33 },
    ]);
  });
});

describe('matchParen', () => {
  it('finds the closing parenthesis across strings of any quote', () => {
    const s = 'f(“a)”, "b)", [1, (2)]) rest';
    expect(s.slice(0, matchParen(s, 1))).toBe('f(“a)”, "b)", [1, (2)])');
    expect(matchParen('f(a', 1)).toBe(-1);
  });
});
