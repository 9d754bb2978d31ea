import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../tests/fixtures/channeltalk';
import { parseHtmlPage } from '../html';
import { createMasker } from '../mask';
import { ctRawPage } from '../rules/channeltalk/_cases';
import { SnapshotTag } from '../snapshot';
import { deriveChannelTalk } from './derive';
import { channelTalkSnapshotTags } from './summary';

const masker = createMasker('summary-salt');

describe('channelTalkSnapshotTags', () => {
  it('no tag for a page without Channel Talk', () => {
    expect(channelTalkSnapshotTags(deriveChannelTalk(ctRawPage({ scripts: ['var a;'] })), masker)).toEqual([]);
    expect(channelTalkSnapshotTags(undefined, masker)).toEqual([]);
  });

  it('the correct snippet: masked memberId with fingerprint, memberHash, profile keys', () => {
    const ev = deriveChannelTalk(parseHtmlPage(fixtures.snippetCorrect, 'https://shop.example.jp/'));
    const [tag] = channelTalkSnapshotTags(ev, masker);
    expect(tag).toEqual({
      vendor: 'channeltalk',
      form: 'snippet',
      origin: 'static',
      bootCount: 1,
      commands: ['boot'],
      pluginKey: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      memberIdKind: 'string',
      memberId: { masked: 'M0****45', fingerprint: masker.mask('M00012345').fingerprint },
      hasMemberHash: true,
      profileKeys: ['name', 'email', 'mobileNumber', 'lastCheckoutCompletedAt', 'memberRank'],
    });
    expect(SnapshotTag.parse(tag)).toEqual(tag);
    expect(JSON.stringify(tag)).not.toContain('M00012345');
  });

  it('a revealing masker still stores no clear value', () => {
    const ev = deriveChannelTalk(parseHtmlPage(fixtures.snippetCorrect, 'https://shop.example.jp/'));
    const [tag] = channelTalkSnapshotTags(ev, createMasker('s', true));
    expect(JSON.stringify(tag)).not.toContain('M00012345');
  });

  it('SDK loader with a run-time memberId and updateUser', () => {
    const ev = deriveChannelTalk(parseHtmlPage(fixtures.sdkLoaderModule, 'https://shop.example.jp/'));
    const [tag] = channelTalkSnapshotTags(ev, masker);
    expect(tag).toMatchObject({ form: 'sdk-loader', memberIdKind: 'unknown', hasMemberHash: false, commands: ['boot', 'updateUser'] });
    expect(tag.memberId).toBeUndefined();
  });

  it('runtime boot with a placeholder memberId', () => {
    const ev = deriveChannelTalk(ctRawPage({ runtime: [['boot', { pluginKey: 'k', memberId: '{{ id }}' }]] }));
    expect(channelTalkSnapshotTags(ev, masker)[0]).toMatchObject({ origin: 'runtime', memberIdKind: 'placeholder' });
  });
});
