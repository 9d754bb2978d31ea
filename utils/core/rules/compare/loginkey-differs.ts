import type { Rule } from '../types';
import { DOC_COMPARE, list, sameSet, sideEvidence, sides } from './_shared';

const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'compare/loginkey-differs',
    severity: 'error',
    title: { ja: '来訪者を識別するキーワード（loginKey）が 2 つの記録で異なります', en: 'The identifying keyword (loginKey) differs' },
    messages: {
      default: {
        ja: 'loginKey が {a} では「{aKeys}」、{b} では「{bKeys}」です。「LoginKey」で指定したマスターキーワードから来訪者を特定するため、識別のキーが違うと、片方では来訪者を正しく識別できません（接客管理画面側の設定と合っているのは片方だけです）。',
        en: 'loginKey is "{aKeys}" on {a} and "{bKeys}" on {b}. The visitor is identified by the keyword loginKey names; with different keys only one side matches the OK SKY admin settings.',
      },
    },
    fix: {
      ja: '接客管理画面で決めたマスターキーワード名に合わせて、どちらのページでも同じ loginKey を指定してください。',
      en: 'Use the same loginKey on both sides, matching the master keyword name set in the OK SKY admin screen.',
    },
    source: { doc: DOC_COMPARE, section: '赤の部分(LoginKey)' },
    requires: ['snapshots'],
  },
  check(ctx) {
    const s = sides(ctx);
    if (!s) return [];
    const [a, b] = s;
    if (a.loginKeys.length === 0 || b.loginKeys.length === 0 || sameSet(a.loginKeys, b.loginKeys)) return [];
    return [
      {
        data: { a: a.label, b: b.label, aKeys: list(a.loginKeys), bKeys: list(b.loginKeys) },
        evidence: [sideEvidence(a, `loginKey: ${list(a.loginKeys)}`), sideEvidence(b, `loginKey: ${list(b.loginKeys)}`)],
      },
    ];
  },
};

export default rule;
