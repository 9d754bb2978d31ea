import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

/** The Firefox browser tests (tests/firefox/*.firefox.ts): `npm run test:firefox`. */
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname), '~': resolve(import.meta.dirname) } },
  test: {
    include: ['tests/firefox/**/*.firefox.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
