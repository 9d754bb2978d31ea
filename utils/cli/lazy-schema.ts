/**
 * Schemas built on first use, for the CLI's compiled worker only (scripts/build-cli.mjs rewrites
 * the core's top-level `const X = z.…(…)` into `const X = lazySchema(() => z.…(…))` in that bundle;
 * the sources, the extension and the companion are unchanged). Building zod's schemas is most of
 * what loading the core costs (model.ts, snapshot.ts, …: ~6 ms of a small page's ~35 ms in the
 * worker), and analysing a page to a text report parses with almost none of them.
 *
 * The stand-in is a Proxy that builds the schema on the first access of anything and forwards
 * every operation to it. Methods are bound to the real schema, so what they return or register
 * (`optional()`, `extend()`, `brand()`, registries) is the real schema, never the stand-in.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let real: T | undefined;
  const force = (): T => (real ??= build());
  const bound = new Map<PropertyKey, { of: unknown; fn: unknown }>();
  return new Proxy({} as T, {
    get(_target, key) {
      const schema = force();
      const value: unknown = Reflect.get(schema, key, schema);
      if (typeof value !== 'function') return value;
      const known = bound.get(key);
      if (known && known.of === value) return known.fn;
      const fn = (value as (...args: unknown[]) => unknown).bind(schema);
      bound.set(key, { of: value, fn });
      return fn;
    },
    has: (_target, key) => Reflect.has(force(), key),
    set: (_target, key, value) => Reflect.set(force(), key, value),
    deleteProperty: (_target, key) => Reflect.deleteProperty(force(), key),
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(force(), key, descriptor),
    getPrototypeOf: () => Reflect.getPrototypeOf(force()),
    ownKeys: () => Reflect.ownKeys(force()),
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(force(), key);
      // (a Proxy may not report a non-configurable property its own target lacks)
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}
