/**
 * The lazy stand-ins of the compiled worker's schemas (lazy-schema.ts) and the rewrite that puts
 * them in (scripts/lazy-schemas.mjs): a stand-in must parse, fail, compose and identify exactly
 * as the schema it stands for, and build it only when first used.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './lazy-schema';
// @ts-expect-error: a plain JavaScript build helper without type declarations
import { lazySchemaSource } from '../../scripts/lazy-schemas.mjs';

const rewrite = lazySchemaSource as (js: string, helper: string) => string | null;

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let built = 0;
    const User = lazySchema(() => {
      built++;
      return z.object({ name: z.string().max(5), age: z.number().int().optional() });
    });
    expect(built).toBe(0);
    expect(User.parse({ name: 'ab', extra: 1 })).toEqual({ name: 'ab' });
    expect(User.safeParse({ name: 'abcdefg' }).success).toBe(false);
    expect(built).toBe(1);
  });

  it('reports the same issues as the schema itself', () => {
    const make = () => z.object({ id: z.string().regex(/^fp:[0-9a-f]+$/), n: z.number().min(0) });
    const bad = { id: 'nope', n: -1 };
    const lazy = lazySchema(make).safeParse(bad);
    const eager = make().safeParse(bad);
    expect(lazy.success).toBe(false);
    expect(JSON.stringify(lazy.error?.issues)).toBe(JSON.stringify(eager.error?.issues));
  });

  it('composes: inside other schemas, extended, optional, in a discriminated union', () => {
    const A = lazySchema(() => z.object({ vendor: z.literal('a'), x: z.string() }));
    const B = lazySchema(() => z.object({ vendor: z.literal('b'), y: z.number() }));
    const AB = lazySchema(() => z.discriminatedUnion('vendor', [A, B]));
    const Page = lazySchema(() => z.object({ tags: z.array(AB).max(2), a: A.optional() }));
    const Wider = lazySchema(() => Page.extend({ url: z.string() }));
    const ok = { url: 'u', tags: [{ vendor: 'a', x: '1' }, { vendor: 'b', y: 2 }] };
    expect(Wider.parse(ok)).toEqual(ok);
    expect(Wider.safeParse({ url: 'u', tags: [{ vendor: 'c' }] }).success).toBe(false);
    expect(Wider.safeParse({ url: 'u', tags: [{ vendor: 'a', x: '1' }, { vendor: 'a', x: '1' }, { vendor: 'a', x: '1' }] }).success).toBe(false);
  });

  it('is a zod schema to instanceof, and its methods return real schemas', () => {
    const S = lazySchema(() => z.string());
    expect(S instanceof z.ZodType).toBe(true);
    expect(S instanceof z.ZodString).toBe(true);
    const opt = S.optional();
    expect(opt.unwrap()).not.toBe(S);
    expect(opt.parse(undefined)).toBeUndefined();
    expect(S.brand<'Id'>().parse('x')).toBe('x');
    expect('parse' in S).toBe(true);
    expect(S.def.type).toBe('string');
  });

  it('enum values and object shapes read through', () => {
    const State = lazySchema(() => z.enum(['logged-in', 'logged-out', 'unknown']));
    expect(State.options).toEqual(['logged-in', 'logged-out', 'unknown']);
    const O = lazySchema(() => z.object({ a: z.string(), b: z.number() }));
    expect(Object.keys(O.shape)).toEqual(['a', 'b']);
  });
});

describe('lazySchemaSource (the rewrite of the worker build)', () => {
  const helper = '/x/lazy-schema.ts';

  it('wraps top-level call chains rooted at z, at a lazy schema above, or extending an imported one', () => {
    const js = [
      "import { z } from 'zod';",
      "import { TagCall, other } from './model';",
      'export const A = z.object({ a: z.string() });',
      'const B = A.extend({ b: z.number() }).strict();',
      'export const C = TagCall.extend({ c: z.boolean() });',
      "export const KINDS = z.enum(['x', 'y']).options;",
      'export const D = other(1);',
      'export function f() { const E = z.string(); return E; }',
      'export const F = B;',
    ].join('\n');
    const out = rewrite(js, helper);
    expect(out).not.toBeNull();
    expect(out).toContain(`import { lazySchema as __lazySchema } from "${helper}";`);
    expect(out).toContain('export const A = __lazySchema(() => (z.object({ a: z.string() })));');
    expect(out).toContain('const B = __lazySchema(() => (A.extend({ b: z.number() }).strict()));');
    expect(out).toContain('export const C = __lazySchema(() => (TagCall.extend({ c: z.boolean() })));');
    // not schemas, or not top level: unchanged
    expect(out).toContain("export const KINDS = z.enum(['x', 'y']).options;");
    expect(out).toContain('export const D = other(1);');
    expect(out).toContain('const E = z.string();');
    expect(out).toContain('export const F = B;');
  });

  it('leaves a module without zod alone', () => {
    expect(rewrite("import { a } from './a';\nexport const X = a.extend({});\n", helper)).toBeNull();
  });
});
