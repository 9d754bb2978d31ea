import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInline, plainInline } from './inline';

describe('the Markdown subset of rule texts', () => {
  it('reads code spans, strong, emphasis and line breaks', () => {
    expect(parseInline('`OkskyChat("loginKey", "…")` の指定が**ありません**。\n*例*: `a`')).toEqual([
      { type: 'code', text: 'OkskyChat("loginKey", "…")' },
      { type: 'text', text: ' の指定が' },
      { type: 'strong', text: 'ありません' },
      { type: 'text', text: '。' },
      { type: 'br' },
      { type: 'em', text: '例' },
      { type: 'text', text: ': ' },
      { type: 'code', text: 'a' },
    ]);
  });

  it('follows CommonMark for backtick runs: a longer fence holds a backtick, a lone backtick stays text', () => {
    expect(parseInline('``a ` b``')).toEqual([{ type: 'code', text: 'a ` b' }]);
    expect(parseInline('`` `x` ``')).toEqual([{ type: 'code', text: '`x`' }]);
    expect(parseInline('a ` b')).toEqual([{ type: 'text', text: 'a ` b' }]);
    expect(parseInline('`*not emphasis*`')).toEqual([{ type: 'code', text: '*not emphasis*' }]);
  });

  it('reads nothing else as markup: HTML, links and images stay text', () => {
    const text = '<img src=x onerror=alert(1)> [a](javascript:alert(1)) ![i](x) <script>x</script> &amp; _a_b_';
    expect(parseInline(text)).toEqual([{ type: 'text', text }]);
    expect(parseInline('A1****47 and 2 * 3 * 4')).toEqual([{ type: 'text', text: 'A1****47 and 2 * 3 * 4' }]);
  });

  it('keeps every character of any text (only the markup goes) and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const nodes = parseInline(s);
        for (const n of nodes) expect(['text', 'code', 'strong', 'em', 'br']).toContain(n.type);
        const plain = plainInline(s);
        // removing markup only ever removes backticks, asterisks and the padding inside a code span
        const strip = (x: string) => x.replace(/[`*\s]/g, '');
        expect(strip(plain)).toBe(strip(s.replace(/\r\n?/g, '\n')));
      }),
      { numRuns: 500 },
    );
  });
});
