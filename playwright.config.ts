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
  // no retries: a retry would hide a flaky test (`npm run test:e2e:stress` runs each test 3 times
  // beside a CPU hog and must pass with zero failures)
  retries: 0,
  fullyParallel: false,
  // generous bounds for a loaded 2-core machine: tests wait on state (expect.poll, locators), so a
  // bound is only reached by a real failure, and a passing test never waits for it
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  forbidOnly: true,
});
