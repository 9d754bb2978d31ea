import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor, badgeTitle, showBadge } from './badge';

describe('badgeFor', () => {
  it('counts the worst severity in its colour; empty when nothing', () => {
    expect(badgeFor({ errors: 2, warnings: 5, infos: 1 })).toEqual({ text: '2', color: BADGE_COLORS.error, severity: 'error' });
    expect(badgeFor({ errors: 0, warnings: 3, infos: 1 })).toEqual({ text: '3', color: BADGE_COLORS.warning, severity: 'warning' });
    expect(badgeFor({ errors: 0, warnings: 0, infos: 1 })).toEqual({ text: '1', color: BADGE_COLORS.info, severity: 'info' });
    expect(badgeFor({ errors: 0, warnings: 0, infos: 0 }).text).toBe('');
    expect(badgeFor({ errors: 120, warnings: 0, infos: 0 }).text).toBe('99+');
  });
});

describe('badgeTitle / showBadge: the tooltip tells the states apart', () => {
  const v = (kind: 'no-tag' | 'clear' | 'problems', ja: string, en: string) => ({ kind, headline: { ja, en } });

  it('nothing captured (no verdict, or an empty one): says so and that a reload starts the capture', () => {
    expect(badgeTitle(undefined, 'ja')).toBe('連携ドクター — このタブはまだ記録していません。ページを再読み込み（F5）すると記録が始まります。');
    expect(badgeTitle({ kind: 'empty', headline: { ja: 'x', en: 'x' } }, 'en')).toContain('nothing captured from this tab yet');
  });

  it('no tag, all clear (with the limit) and problems each read differently, in the chosen language', () => {
    const titles = [
      badgeTitle(v('no-tag', 'OK SKY・チャネルトークのタグは見つかりませんでした。', 'No tag.'), 'ja'),
      badgeTitle(v('clear', '問題は見つかりませんでした（OK SKYのタグ、19 項目を確認）', 'No problems found'), 'ja'),
      badgeTitle(v('clear', 'OK SKYのタグを確認しました（一部を読んでいません）', 'x'), 'ja'),
      badgeTitle(v('problems', 'エラー 1 件・警告 0 件が見つかりました', 'Found 1 error and 0 warnings'), 'ja'),
    ];
    expect(new Set(titles).size).toBe(4);
    expect(titles[0]).toBe('連携ドクター — OK SKY・チャネルトークのタグは見つかりませんでした。');
    expect(titles[2]).toContain('一部を読んでいません');
    expect(badgeTitle(v('problems', 'x', 'Found 1 error and 0 warnings'), 'en')).toBe('Renkei Doctor — Found 1 error and 0 warnings');
    expect(badgeTitle(v('no-tag', 'あ'.repeat(500), 'x'), 'ja').length).toBeLessThan(230);
  });

  it('sets text, colour and tooltip of the tab; without a tab only the default tooltip; a closed tab is no error', async () => {
    const calls: unknown[] = [];
    const action = {
      setBadgeText: async (d: unknown) => void calls.push(['text', d]),
      setBadgeBackgroundColor: async (d: unknown) => void calls.push(['color', d]),
      setTitle: async (d: unknown) => void calls.push(['title', d]),
    };
    await showBadge(action, 3, badgeFor({ errors: 1, warnings: 0, infos: 0 }), v('problems', 'エラー 1 件・警告 0 件が見つかりました', 'x'), 'ja');
    expect(calls).toEqual([
      ['text', { tabId: 3, text: '1' }],
      ['color', { tabId: 3, color: BADGE_COLORS.error }],
      ['title', { tabId: 3, title: '連携ドクター — エラー 1 件・警告 0 件が見つかりました' }],
    ]);
    calls.length = 0;
    await showBadge(action, undefined, undefined, undefined, 'en');
    expect(calls).toEqual([['title', { title: 'Renkei Doctor — nothing captured from this tab yet. Reload the page (F5) to start capturing.' }]]);
    const gone = { ...action, setBadgeText: async () => Promise.reject(new Error('No tab with id: 3')) };
    await expect(showBadge(gone, 3, badgeFor({ errors: 0, warnings: 0, infos: 0 }), undefined, 'ja')).resolves.toBeUndefined();
  });
});
