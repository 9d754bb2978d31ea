import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname), '~': resolve(import.meta.dirname) } },
  test: {
    include: ['utils/**/*.test.ts', 'components/**/*.test.tsx', 'companion/**/*.test.ts', 'tests/**/*.test.ts', 'entrypoints/**/*.test.ts'],
    // a hang guard, not a speed check (speed is measured by the `bench:*` scripts): generous enough
    // for a loaded 2-core machine, and `vitest --sequence.shuffle` must pass in any order
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
