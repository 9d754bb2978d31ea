import type { Rule } from '../types';
import { DOC_COMPARE, sideEvidence, sides } from './_shared';

/** 000: ベンダー側はステージング環境にID連携のタグを埋めたが担当者は本番環境を見ていた等. */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'compare/linkage-missing',
    severity: 'error',
    title: { ja: '一方の記録だけ会員情報連携がされていません', en: 'Only one side sends member linkage' },
    messages: {
      default: {
        ja: '{with} ではログイン時のページで会員情報連携のタグが出力されていますが、{without} では出力されていません（ログイン時のページ {count} 件がすべて通常のタグ）。例えば、ベンダー側はステージング環境に ID 連携のタグを埋めたが、担当者は本番環境を見ていた、という齟齬の原因になります。',
        en: '{with} outputs the linkage tag on logged-in pages, {without} does not ({count} logged-in page(s), all with the plain tag). This is the classic mix-up where the vendor put the linkage tag on staging while the staff checked production.',
      },
    },
    fix: {
      ja: '{without} のログイン時のページにも、{with} と同じ ID 連携のタグ（loginKey とマスターキーワードの値）を出力してください。',
      en: 'Output the same linkage tag (loginKey and keyword values) as {with} on the logged-in pages of {without}.',
    },
    source: { doc: DOC_COMPARE, section: '会員情報の連携のタグを埋めたがルームに情報が届かない' },
    requires: ['snapshots'],
  },
  check(ctx) {
    const s = sides(ctx);
    if (!s) return [];
    const sends = (x: (typeof s)[0]) => x.loggedInWithLinkage > 0;
    const lacks = (x: (typeof s)[0]) => x.loggedInPages > 0 && x.loggedInWithLinkage === 0;
    for (const [w, wo] of [s, [s[1], s[0]] as const]) {
      if (sends(w) && lacks(wo)) {
        return [
          {
            data: { with: w.label, without: wo.label, count: wo.loggedInPages },
            evidence: [sideEvidence(w, `logged-in pages with linkage: ${w.loggedInWithLinkage}`), sideEvidence(wo, `logged-in pages with linkage: 0 / ${wo.loggedInPages}`)],
          },
        ];
      }
    }
    return [];
  },
};

export default rule;
