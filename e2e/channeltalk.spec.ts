/**
 * Channel Talk end to end: a page that uses the REAL `@channel.io/channel-web-sdk-loader`
 * (bundled from node_modules with esbuild at test time) loads the stub `ch-plugin-web.js` from
 * cdn.channel.io (host mapping) and boots with member data but no memberId and a seconds
 * timestamp. The probe records the `ChannelIO('boot', …)` the loader makes, the background
 * analyses it, and the findings reach the panel — with personal values masked.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOP = 'shop.example.jp';
const PLUGIN_KEY = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const EMAIL = 'hanako.suzuki@example.jp';

/** The site's app: the npm loader exactly as its README shows, bundled like a site would bundle it. */
async function bundleSiteApp(): Promise<string> {
  const entry = `
import * as ChannelService from '@channel.io/channel-web-sdk-loader';
ChannelService.loadScript();
ChannelService.boot({
  pluginKey: ${JSON.stringify(PLUGIN_KEY)},
  profile: {
    name: '鈴木 花子',
    email: ${JSON.stringify(EMAIL)},
    lastCheckoutCompletedAt: Math.floor(Date.UTC(2024, 0, 1) / 1000),
  },
});
`;
  const out = await build({
    stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'site-app.js', loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    write: false,
    logLevel: 'silent',
  });
  const text = out.outputFiles[0]!.text;
  // the bundle really carries the package's loader code, not a re-implementation
  expect(text).toContain('https://cdn.channel.io/plugin/ch-plugin-web.js');
  expect(text).toContain('ChannelIO is not loaded. Please call loadScript() before calling ChannelIO APIs.');
  return text;
}

const PAGE = `<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>会員ページ</title></head>
<body>
<header><a href="/logout">ログアウト</a></header>
<h1>会員ページ</h1>
<script src="/assets/channeltalk-app.js"></script>
</body>
</html>`;

test('SDK loader boot with member data, no memberId and a seconds timestamp: findings reach the panel, masked', async ({ page, server, ext }) => {
  const app = await bundleSiteApp();
  server.route({ host: SHOP, path: '/assets/channeltalk-app.js' }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(app);
  });
  server.page(SHOP, '/channeltalk', PAGE);

  await page.goto(server.url(SHOP, '/channeltalk'));
  const tabId = await ext.tabIdOf(page);

  // the stub plugin was loaded from cdn.channel.io and received the boot the loader queued
  await expect.poll(() => server.requests({ host: 'cdn.channel.io', path: '/plugin/ch-plugin-web.js' }).length).toBe(1);
  const bootPosts = () => server.requests({ host: 'api.channel.io', method: 'POST' });
  await expect.poll(() => bootPosts().length).toBe(1);
  const bootBody = JSON.parse(bootPosts()[0]!.body) as { profile: { lastCheckoutCompletedAt: number } };
  expect(bootBody.profile.lastCheckoutCompletedAt).toBe(1704067200);

  // the probe recorded the boot as a runtime Channel Talk call
  const runtimeBoot = async () => (await ext.capture(tabId)).session.pages[0]?.runtimeCalls.find((c) => c.vendor === 'channeltalk' && c.name === 'boot');
  await expect.poll(runtimeBoot, { message: 'the probe reports the boot' }).toMatchObject({ origin: 'runtime', global: 'ChannelIO' });

  const panel = await ext.openPanel(tabId);
  // one line per finding in the list; the selected one in detail (article)
  await expect(panel.locator('.finding-row[data-rule-id="channeltalk/profile-datetime-not-ms"]')).toBeVisible();
  await expect(panel.locator('.finding-row[data-rule-id="channeltalk/member-id-missing"]')).toBeVisible();
  await panel.locator('.finding-row[data-rule-id="channeltalk/profile-datetime-not-ms"]').click();
  const seconds = panel.locator('article[data-rule-id="channeltalk/profile-datetime-not-ms"]');
  await expect(seconds).toContainText('lastCheckoutCompletedAt');
  await expect(seconds).toContainText('1704067200000');
  await panel.locator('.finding-row[data-rule-id="channeltalk/member-id-missing"]').click();
  await expect(panel.locator('article[data-rule-id="channeltalk/member-id-missing"]')).toContainText('memberId');
  const text = (await panel.locator('body').textContent()) ?? '';
  expect(text).not.toContain(EMAIL);
  expect(text).not.toContain('鈴木 花子');
  await panel.close();

  // the background's own analysis (badge, popup) agrees
  const status = await ext.waitForRules(tabId, ['channeltalk/member-id-missing', 'channeltalk/profile-datetime-not-ms']);
  const ct = status.findings.filter((f) => f.ruleId.startsWith('channeltalk/')).map((f) => [f.ruleId, f.severity]);
  expect(ct).toEqual(
    expect.arrayContaining([
      ['channeltalk/profile-datetime-not-ms', 'error'],
      ['channeltalk/member-id-missing', 'warning'],
    ]),
  );
  // a run-time boot without memberId is not a memberHash problem, and there is a plugin key
  expect(ct.map(([id]) => id)).not.toContain('channeltalk/member-hash-missing');
  expect(ct.map(([id]) => id)).not.toContain('channeltalk/plugin-key-missing');
});
