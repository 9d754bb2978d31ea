import { defineConfig } from '@playwright/test';

/**
 * Browser tests: Debian's Chromium (`CHROMIUM_PATH` or /usr/bin/chromium) with the built
 * extension (`.output/chrome-mv3`, made by `npm run build`) against the HTTPS fixture server.
 * See e2e/README.md.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: true,
});
