import * as acorn from 'acorn';
import { describe, expect, it } from 'vitest';
import type { StaticValue } from './model';
import { evaluateNode, fromJson, staticString, toJson } from './static-value';

function evalSource(src: string): StaticValue {
  const node = acorn.parseExpressionAt(src, 0, { ecmaVersion: 'latest' });
  return evaluateNode(node, src);
}

describe('evaluateNode', () => {
  it.each([
    ['"abc"', { kind: 'string', value: 'abc', raw: '"abc"', quote: '"' }],
    ["'a\\'b'", { kind: 'string', value: "a'b", raw: "'a\\'b'", quote: "'" }],
    ['`plain`', { kind: 'string', value: 'plain', raw: '`plain`', quote: '`' }],
    ['012345', { kind: 'number', value: 5349, raw: '012345' }],
    ['1e3', { kind: 'number', value: 1000, raw: '1e3' }],
    ['-42', { kind: 'number', value: -42, raw: '-42' }],
    ['true', { kind: 'boolean', value: true, raw: 'true' }],
    ['null', { kind: 'null', raw: 'null' }],
    ['undefined', { kind: 'undefined', raw: 'undefined' }],
    ['void 0', { kind: 'undefined', raw: 'void 0' }],
    ['NaN', { kind: 'number', value: NaN, raw: 'NaN' }],
    ['user.id', { kind: 'unknown', raw: 'user.id' }],
    ['getId()', { kind: 'unknown', raw: 'getId()' }],
    ['`${id}`', { kind: 'unknown', raw: '`${id}`' }],
    ['customerId', { kind: 'unknown', raw: 'customerId' }],
    ['/re/', { kind: 'unknown', raw: '/re/' }],
    ['10n', { kind: 'unknown', raw: '10n' }],
    ['-x', { kind: 'unknown', raw: '-x' }],
    ['function () {}', { kind: 'function', raw: 'function () {}' }],
  ] as [string, StaticValue][])('%s', (src, expected) => {
    expect(evalSource(src)).toEqual(expected);
  });

  it('evaluates object and array literals', () => {
    const v = evalSource('{login: {customer_id: "A1"}, "user_infos": {name: n}, [k]: 1, ["x"]: 2, ...rest, f() {}, 3: [1, , "a"]}');
    expect(v.kind).toBe('object');
    if (v.kind !== 'object') return;
    expect(v.entries.map((e) => [e.key, e.value.kind])).toEqual([
      ['login', 'object'],
      ['user_infos', 'object'],
      ['[k]', 'number'],
      ['x', 'number'],
      ['...', 'unknown'],
      ['f', 'function'],
      ['3', 'array'],
    ]);
    expect(toJson(v)).toEqual({ login: { customer_id: 'A1' }, user_infos: {}, '[k]': 1, x: 2, 3: [1, null, 'a'] });
  });

  it('bounds nesting', () => {
    const src = `${'['.repeat(100)}1${']'.repeat(100)}`;
    let v = evalSource(src);
    let depth = 0;
    while (v.kind === 'array') {
      v = v.items[0];
      depth++;
    }
    expect(v.kind).toBe('unknown');
    expect(depth).toBeLessThan(100);
  });

  it('never throws on odd input', () => {
    expect(evaluateNode(null, '')).toEqual({ kind: 'unknown' });
    expect(evaluateNode({ type: 'Literal', start: 5, end: 2, value: 'x' }, 'ab')).toMatchObject({ kind: 'string', value: 'x' });
  });
});

describe('fromJson / toJson / staticString', () => {
  it('converts probe values', () => {
    expect(fromJson({ a: 'x', b: [1, true, null, undefined], c: () => 1 })).toEqual({
      kind: 'object',
      entries: [
        { key: 'a', value: { kind: 'string', value: 'x' } },
        { key: 'b', value: { kind: 'array', items: [{ kind: 'number', value: 1 }, { kind: 'boolean', value: true }, { kind: 'null' }, { kind: 'undefined' }] } },
        { key: 'c', value: { kind: 'function' } },
      ],
    });
    expect(fromJson(Symbol('s'))).toMatchObject({ kind: 'unknown' });
    expect(fromJson(10n)).toEqual({ kind: 'unknown', raw: '10n' });
  });

  it('bounds depth and survives cycles and throwing getters', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let v = fromJson(cyclic, 5);
    let depth = 0;
    while (v.kind === 'object') {
      v = v.entries[0].value;
      depth++;
    }
    expect(depth).toBe(5);
    expect(v.kind).toBe('unknown');
    const hostile = Object.defineProperty({}, 'x', { enumerable: true, get() { throw new Error('no'); } });
    expect(fromJson(hostile)).toEqual({ kind: 'object', entries: [{ key: 'x', value: { kind: 'unknown' } }] });
  });

  it('round-trips JSON and keeps __proto__ a plain key', () => {
    const json = JSON.parse('{"__proto__": {"polluted": 1}, "a": [1, "b", null]}');
    const back = toJson(fromJson(json)) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(back, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(back.a).toEqual([1, 'b', null]);
  });

  it('staticString gives what JavaScript sends for constants only', () => {
    expect(staticString({ kind: 'string', value: ' x ' })).toBe(' x ');
    expect(staticString({ kind: 'number', value: 5349, raw: '012345' })).toBe('5349');
    expect(staticString({ kind: 'unknown', raw: 'a.b' })).toBeUndefined();
    expect(staticString({ kind: 'null' })).toBeUndefined();
    expect(staticString(undefined)).toBeUndefined();
  });
});
