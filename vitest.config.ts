import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname), '~': resolve(import.meta.dirname) } },
  test: {
    include: ['utils/**/*.test.ts', 'components/**/*.test.tsx', 'companion/**/*.test.ts', 'tests/**/*.test.ts', 'entrypoints/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
