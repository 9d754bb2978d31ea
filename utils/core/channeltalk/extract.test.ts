import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../tests/fixtures/channeltalk';
import { parseHtmlPage } from '../html';
import type { Page, StaticValue } from '../model';
import { LOADER_SNIPPET, ctRawPage } from '../rules/channeltalk/_cases';
import { toJson } from '../static-value';
import { extractChannelTalk, isChannelTalkPluginUrl, isJavaScriptType } from './extract';

function page(...scripts: string[]): Page {
  return ctRawPage({ scripts });
}

function obj(v: StaticValue | undefined): unknown {
  return v ? toJson(v) : undefined;
}

describe('extractChannelTalk: the official snippet', () => {
  it('finds the loader and the boot with its option, at document positions', () => {
    const p = parseHtmlPage(fixtures.snippetMemberNoId, 'https://shop.example.jp/mypage');
    const x = extractChannelTalk(p);
    expect(x.loaders).toHaveLength(1);
    expect(x.loaders[0]).toMatchObject({ form: 'snippet', origin: 'static', how: 'inline-snippet', url: 'https://cdn.channel.io/plugin/ch-plugin-web.js' });
    expect(x.loaders[0].location?.line).toBe(11);
    expect(x.calls).toHaveLength(1);
    const boot = x.calls[0];
    expect(boot).toMatchObject({ vendor: 'channeltalk', form: 'snippet', name: 'boot', origin: 'static', global: 'ChannelIO' });
    expect(boot.location).toMatchObject({ line: 13, column: 3, endLine: 21 });
    expect(obj(boot.args[0])).toEqual({
      pluginKey: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      profile: { name: '山田 太郎', email: 'taro.yamada@example.jp', mobileNumber: '090-2468-1357', lastCheckoutCompletedAt: 1704067200 },
    });
    expect(x.syntaxErrors).toEqual([]);
  });

  it('keeps the number as written (10 digits)', () => {
    const x = extractChannelTalk(page(`ChannelIO('boot', { pluginKey: 'k', profile: { lastLoginAt: 1704067200 } });`));
    const profile = x.calls[0].args[0];
    expect(profile.kind === 'object' && profile.entries[1].value).toMatchObject({ kind: 'object' });
    expect(JSON.stringify(profile)).toContain('"raw":"1704067200"');
  });

  it('reads every ChannelIO command in document order, with run-time values unknown', () => {
    const x = extractChannelTalk(
      page(
        `${LOADER_SNIPPET}\nChannelIO('boot', { pluginKey: 'k', memberId: user.id }, function (error, user) {\n  ChannelIO('updateUser', { tags: ['vip'] });\n});\nwindow.ChannelIO('track', 'Purchase', { amount: 1200 });\nw.ChannelIO("shutdown");\nwindow['ChannelIO']('addTags', ['a']);`,
      ),
    );
    expect(x.calls.map((c) => c.name)).toEqual(['boot', 'updateUser', 'track', 'shutdown', 'addTags']);
    const boot = x.calls[0];
    expect(boot.args[0]).toMatchObject({ kind: 'object' });
    const memberId = boot.args[0].kind === 'object' ? boot.args[0].entries.find((e) => e.key === 'memberId')?.value : undefined;
    expect(memberId).toEqual({ kind: 'unknown', raw: 'user.id' });
    expect(boot.args[1]).toMatchObject({ kind: 'function' });
  });

  it('ignores wrappers that forward non-constant commands and commented calls', () => {
    const x = extractChannelTalk(page(`function ch(){ window.ChannelIO.apply(null, arguments); }\nconst safe = (...args) => window.ChannelIO(...args);\nconst cmd = 'boot';\nChannelIO(cmd, {});\n// ChannelIO('boot', { pluginKey: 'k' });\n/* ChannelIO('boot', {}) */`));
    expect(x.calls).toEqual([]);
  });

  it('resolves a boot option held in a variable declared once and never changed', () => {
    const x = extractChannelTalk(page(`var settings = { pluginKey: 'k', memberId: 'M1' };\nChannelIO('boot', settings);`));
    expect(obj(x.calls[0].args[0])).toEqual({ pluginKey: 'k', memberId: 'M1' });
    const mutated = extractChannelTalk(page(`var settings = { pluginKey: 'k' };\nsettings.memberId = user.id;\nChannelIO('boot', settings);`));
    expect(mutated.calls[0].args[0].kind).toBe('unknown');
    const assigned = extractChannelTalk(page(`var s = { pluginKey: 'k' };\nObject.assign(s, extra);\nChannelIO('boot', s);`));
    expect(assigned.calls[0].args[0].kind).toBe('unknown');
  });
});

describe('extractChannelTalk: @channel.io/channel-web-sdk-loader', () => {
  it('namespace import, loadScript, boot, updateUser (module script)', () => {
    const p = parseHtmlPage(fixtures.sdkLoaderModule, 'https://shop.example.jp/member');
    const x = extractChannelTalk(p);
    expect(x.loaders.map((l) => l.how)).toEqual(['import', 'load-script']);
    expect(x.calls.map((c) => [c.form, c.name, c.global])).toEqual([
      ['sdk-loader', 'boot', 'ChannelService'],
      ['sdk-loader', 'updateUser', 'ChannelService'],
    ]);
    const opt = x.calls[0].args[0];
    expect(opt.kind === 'object' && opt.entries.map((e) => [e.key, e.value.kind])).toEqual([
      ['pluginKey', 'string'],
      ['memberId', 'unknown'],
      ['profile', 'object'],
    ]);
  });

  it('named imports and require', () => {
    const named = extractChannelTalk(page(`import { boot as chBoot, loadScript } from '@channel.io/channel-web-sdk-loader';\nloadScript();\nchBoot({ pluginKey: 'k' });`));
    expect(named.calls.map((c) => [c.name, c.global])).toEqual([['boot', 'chBoot']]);
    expect(named.loaders.map((l) => l.how)).toEqual(['import', 'load-script']);
    const req = extractChannelTalk(page(`const CS = require('@channel.io/channel-web-sdk-loader');\nCS.loadScript();\nCS.boot({ pluginKey: 'k' });\nCS.shutdown();`));
    expect(req.calls.map((c) => c.name)).toEqual(['boot', 'shutdown']);
    const destructured = extractChannelTalk(page(`const { boot } = require('@channel.io/channel-web-sdk-loader');\nboot({ pluginKey: 'k' });`));
    expect(destructured.calls.map((c) => c.name)).toEqual(['boot']);
  });

  it("the older docs' ChannelService class instance", () => {
    const x = extractChannelTalk(
      page(`class Service { boot(settings) { window.ChannelIO('boot', settings); } }\nconst ChannelService = new Service();\nChannelService.boot({ pluginKey: 'k', memberId: 'M1' });`),
    );
    expect(x.calls.map((c) => [c.form, c.name, c.args[0].kind])).toEqual([
      ['snippet', 'boot', 'unknown'],
      ['sdk-loader', 'boot', 'object'],
    ]);
  });

  it('script URLs of the plugin and of a CDN build of the loader', () => {
    const x = extractChannelTalk(ctRawPage({ scriptUrls: ['https://cdn.channel.io/plugin/ch-plugin-web.js', 'https://cdn.example.net/npm/@channel.io/channel-web-sdk-loader@2/dist/index.js', 'https://example.jp/app.js'] }));
    expect(x.loaders.map((l) => [l.form, l.how])).toEqual([
      ['snippet', 'script-url'],
      ['sdk-loader', 'script-url'],
    ]);
  });
});

describe('extractChannelTalk: broken and hostile input', () => {
  it('a script that does not parse: the error is reported and calls are still found', () => {
    const x = extractChannelTalk(page(`ChannelIO('boot', { pluginKey: 'k', memberId: 'M1' });\nChannelIO('updateUser', { profile: { a: 1 ] });`));
    expect(x.syntaxErrors).toHaveLength(1);
    expect(x.syntaxErrors[0].location.line).toBe(11);
    expect(x.calls[0].name).toBe('boot');
    expect(obj(x.calls[0].args[0])).toEqual({ pluginKey: 'k', memberId: 'M1' });
  });

  it('skips non-JavaScript script types and unrelated scripts', () => {
    const p = ctRawPage({ scripts: [`ChannelIO('boot', {})`] });
    p.scripts[0].type = 'text/template';
    expect(extractChannelTalk(p).calls).toEqual([]);
    expect(isJavaScriptType('module')).toBe(true);
    expect(isJavaScriptType('application/ld+json')).toBe(false);
    expect(isJavaScriptType(undefined)).toBe(true);
  });

  it('bounds the calls kept per page', () => {
    const x = extractChannelTalk(page(Array.from({ length: 600 }, () => "ChannelIO('track', 'x');").join('\n')));
    expect(x.calls).toHaveLength(500);
    expect(x.truncated).toBe(true);
  });

  it('deeply nested option objects do not crash', () => {
    const deep = `${'{a:'.repeat(3000)}1${'}'.repeat(3000)}`;
    const x = extractChannelTalk(page(`ChannelIO('boot', ${deep});`));
    expect(x.calls.length).toBeLessThanOrEqual(1);
  });

  it('pathological nesting (stack-overflow depth) is skipped, not a crash', () => {
    const x = extractChannelTalk(page(`ChannelIO('boot', ${'['.repeat(100_000)}${']'.repeat(100_000)});`));
    expect(Array.isArray(x.calls)).toBe(true);
  });

  it('never throws on arbitrary text around ChannelIO (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        const x = extractChannelTalk(page(`${a}ChannelIO('boot', {pluginKey: 'k'${b}`));
        expect(Array.isArray(x.calls)).toBe(true);
        for (const c of x.calls) expect(c.vendor).toBe('channeltalk');
      }),
      { numRuns: 200 },
    );
  });

  it('a constant boot option survives a JSON round trip (property)', () => {
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__');
    const leaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
    const value = fc.dictionary(key, fc.oneof(leaf, fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), fc.dictionary(key, leaf, { maxKeys: 3 })), { maxKeys: 6 });
    fc.assert(
      fc.property(value, (option) => {
        const x = extractChannelTalk(page(`ChannelIO('boot', ${JSON.stringify(option)});`));
        expect(x.calls).toHaveLength(1);
        expect(toJson(x.calls[0].args[0])).toEqual(option);
      }),
      { numRuns: 150 },
    );
  });

  it('recognises the plugin URL only on cdn.channel.io', () => {
    expect(isChannelTalkPluginUrl('https://cdn.channel.io/plugin/ch-plugin-web.js')).toBe(true);
    expect(isChannelTalkPluginUrl('//cdn.channel.io/plugin/ch-plugin-web.js?v=1')).toBe(true);
    expect(isChannelTalkPluginUrl('https://evil.example/cdn.channel.io/plugin/ch-plugin-web.js')).toBe(false);
  });
});
