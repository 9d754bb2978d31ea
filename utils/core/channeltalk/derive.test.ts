import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../tests/fixtures/channeltalk';
import { parseHtmlPage } from '../html';
import { ctRawPage, LOADER_SNIPPET } from '../rules/channeltalk/_cases';
import { channelTalkOf, deriveChannelTalk, hasChannelTalkTag } from './derive';

describe('deriveChannelTalk', () => {
  it('a page without Channel Talk', () => {
    const ev = deriveChannelTalk(ctRawPage({ scripts: ['console.log("hello")'] }));
    expect(ev).toMatchObject({ present: false, calls: [], callsOrigin: 'none', boots: [], updateUsers: [], probed: false });
  });

  it('static evidence: the snippet fixture', () => {
    const ev = deriveChannelTalk(parseHtmlPage(fixtures.snippetMemberNoId, 'https://shop.example.jp/mypage'));
    expect(ev.present).toBe(true);
    expect(ev.forms).toEqual(['snippet']);
    expect(ev.callsOrigin).toBe('static');
    expect(ev.boots).toHaveLength(1);
    expect(ev.updateUsers).toHaveLength(0);
  });

  it('runtime evidence wins over the source when the probe saw Channel Talk run', () => {
    const ev = deriveChannelTalk(
      ctRawPage({
        scripts: [`${LOADER_SNIPPET}\nChannelIO('boot', { pluginKey: 'k', memberId: user.id });`],
        runtime: [
          ['boot', { pluginKey: 'k', memberId: 'M00012345' }],
          ['updateUser', { profile: { memberRank: 'gold' } }],
        ],
      }),
    );
    expect(ev.probed).toBe(true);
    expect(ev.callsOrigin).toBe('runtime');
    expect(ev.staticCalls).toHaveLength(1);
    expect(ev.calls.map((c) => [c.name, c.origin])).toEqual([
      ['boot', 'runtime'],
      ['updateUser', 'runtime'],
    ]);
    expect(ev.loaders.map((l) => l.how)).toEqual(['inline-snippet', 'runtime-call']);
  });

  it('the probe alone (a tag manager injected the tag)', () => {
    const ev = deriveChannelTalk(ctRawPage({ runtime: [['boot', { pluginKey: 'k' }]] }));
    expect(ev).toMatchObject({ present: true, probed: true, callsOrigin: 'runtime' });
  });

  it('other vendors’ runtime calls are ignored', () => {
    const p = ctRawPage({});
    p.runtimeCalls = [{ vendor: 'oksky', form: 'queue', name: 'key', args: [], origin: 'runtime' }];
    expect(deriveChannelTalk(p).present).toBe(false);
  });

  it('channelTalkOf / hasChannelTalkTag read the analysed page', () => {
    const ev = deriveChannelTalk(ctRawPage({ runtime: [['boot', { pluginKey: 'k' }]] }));
    expect(channelTalkOf({ channeltalk: ev })).toBe(ev);
    expect(hasChannelTalkTag({ channeltalk: ev })).toBe(true);
    expect(hasChannelTalkTag({ channeltalk: { tags: [] } })).toBe(false);
    expect(hasChannelTalkTag({})).toBe(false);
    expect(hasChannelTalkTag(undefined)).toBe(false);
  });

  it('the evidence is plain JSON (it crosses the extension message boundary)', () => {
    const ev = deriveChannelTalk(parseHtmlPage(fixtures.sdkLoaderModule, 'https://shop.example.jp/member'));
    expect(JSON.parse(JSON.stringify(ev))).toEqual(ev);
  });
});

describe('deriveChannelTalk: a boot option read from a file', () => {
  it('a static call handed in by the CLI counts as source evidence, not as a probe run', () => {
    const p = ctRawPage({});
    p.runtimeCalls = [{ vendor: 'channeltalk', form: 'snippet', name: 'boot', args: [{ kind: 'object', entries: [] }], origin: 'static', global: 'ChannelIO' }];
    const ev = deriveChannelTalk(p);
    expect(ev).toMatchObject({ present: true, probed: false, callsOrigin: 'static' });
    expect(ev.boots).toHaveLength(1);
    expect(ev.loaders).toEqual([]);
  });
});
