/**
 * The Channel Talk fixture pages through the real parser, extractor, deriver and engine: which
 * findings each page gives (the integration the CLI and the panel rely on).
 */
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../../tests/fixtures/channeltalk';
import { deriveChannelTalk } from '../../channeltalk/derive';
import { parseHtmlPage } from '../../html';
import { createMasker } from '../../mask';
import type { Page, TagCall } from '../../model';
import { fromJson } from '../../static-value';
import { runRules } from '../engine';
import { analyzedPage } from '../rule-tester';
import type { RuleContext } from '../types';
import { channeltalkRules } from './index';

function contextFor(pages: Page[], reveal = false): RuleContext {
  const analyzed = pages.map((p, i) => {
    const a = analyzedPage({ url: p.url, extra: { channeltalk: deriveChannelTalk(p) } }, i);
    a.page = p;
    return a;
  });
  return {
    session: { pages, requests: [] },
    pages: analyzed,
    masker: createMasker('fixture-salt', reveal),
    options: { captureWindowMs: 10_000, salt: 'fixture-salt', reveal },
  };
}

function ids(pages: Page[]): string[] {
  return runRules(channeltalkRules, contextFor(pages), { strict: true }).findings.map((f) => f.ruleId);
}

/** A page built from a boot option JSON file, as `renkei analyze boot.json` does. */
function bootJsonPage(json: string): Page {
  const call: TagCall = { vendor: 'channeltalk', form: 'snippet', name: 'boot', args: [fromJson(JSON.parse(json))], origin: 'static', global: 'ChannelIO' };
  return { id: 'boot-json', url: 'file:boot-option.json', state: { value: 'unknown', source: 'inferred', hints: [] }, scripts: [], scriptUrls: [], runtimeCalls: [call] };
}

describe('Channel Talk fixture pages', () => {
  it('snippet with member data but no memberId, seconds timestamp and 090-… number', () => {
    const page = parseHtmlPage(fixtures.snippetMemberNoId, 'https://shop.example.jp/mypage');
    expect(ids([page])).toEqual(['channeltalk/profile-datetime-not-ms', 'channeltalk/member-id-missing', 'channeltalk/mobile-number-format']);
    const out = runRules(channeltalkRules, contextFor([page]), { strict: true, lang: 'ja' });
    const text = JSON.stringify(out.findings);
    for (const personal of ['taro.yamada@example.jp', '山田 太郎', '090-2468-1357', '+819024681357']) expect(text).not.toContain(personal);
    const ms = out.findings.find((f) => f.ruleId === 'channeltalk/profile-datetime-not-ms');
    expect(ms?.message).toContain('lastCheckoutCompletedAt');
    expect(ms?.fix).toContain('1704067200000');
    expect(ms?.evidence[0].location?.line).toBe(13);
  });

  it('a correct boot gives no finding', () => {
    expect(ids([parseHtmlPage(fixtures.snippetCorrect, 'https://shop.example.jp/mypage')])).toEqual([]);
  });

  it('the SDK loader page: run-time memberId is not judged; keys, ISO date and 11 tags are', () => {
    const page = parseHtmlPage(fixtures.sdkLoaderModule, 'https://shop.example.jp/member');
    expect(ids([page])).toEqual([
      'channeltalk/profile-datetime-not-ms',
      'channeltalk/tags-limit',
      'channeltalk/member-hash-missing',
      'channeltalk/profile-key-format',
      'channeltalk/profile-key-format',
    ]);
  });

  it('a boot option JSON (CLI input): placeholder memberId, 2024/01/01, snake_case key', () => {
    const out = runRules(channeltalkRules, contextFor([bootJsonPage(fixtures.bootOption)]), { strict: true, lang: 'en' });
    expect(out.findings.map((f) => f.ruleId)).toEqual([
      'channeltalk/member-id-placeholder',
      'channeltalk/profile-datetime-not-ms',
      'channeltalk/member-hash-missing',
      'channeltalk/profile-key-format',
    ]);
    expect(JSON.stringify(out.findings)).not.toContain('taro.yamada@example.jp');
  });

  it('write-once values across the session', () => {
    const a = parseHtmlPage(`<script>ChannelIO('boot', { pluginKey: 'k', memberId: 'M1', memberHash: 'h', profile: { utmSource: 'line' } });</script>`, 'https://shop.example.jp/a');
    const b = parseHtmlPage(`<script>ChannelIO('boot', { pluginKey: 'k', memberId: 'M1', memberHash: 'h', profile: { utmSource: 'mail' } });</script>`, 'https://shop.example.jp/b');
    expect(ids([a, b])).toEqual(['channeltalk/write-once-changed']);
  });
});
