import { defineConfig } from '@playwright/test';

/**
 * `npm run screenshots`: renders every surface and state of the extension from the browser-test
 * fixtures into docs/screenshots/ (Japanese light, English light, Japanese dark) and the store
 * listing's pictures into docs/store/screenshots/. Not part of `npm test` (its files end in
 * `.shots.ts`, the browser tests' in `.spec.ts`). See e2e/README.md.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.shots.ts',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  // waits are on states; the bounds only catch a real failure on a loaded machine
  timeout: 300_000,
  expect: { timeout: 30_000 },
  // its own output folder: the browser tests' test-results/ stays as it is
  outputDir: 'test-results/screenshots',
  reporter: [['list']],
  forbidOnly: true,
});
