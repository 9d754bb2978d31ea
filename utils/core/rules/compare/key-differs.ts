import type { Rule } from '../types';
import { DOC_COMPARE, setDiffersReports } from './_shared';

const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'compare/key-differs',
    severity: 'warning',
    title: { ja: 'ウィジェットの key が環境によって異なります', en: 'The widget keys differ' },
    messages: {
      default: {
        ja: 'key が {a} では「{aKeys}」、{b} では「{bKeys}」です。key が違うと別のウィジェットとして扱われます。ステージングと本番で意図して分けている場合もあるため、担当者が確認してください。',
        en: 'The key is "{aKeys}" on {a} and "{bKeys}" on {b}. Different keys are different widgets. This may be intended (separate staging and production widgets): a person should confirm.',
      },
    },
    fix: {
      ja: '意図した違いであれば対応は不要です。そうでなければ、接客管理画面で発行された正しい key にそろえてください。',
      en: 'If intended, nothing to do. Otherwise use the key issued in the admin screen on both sides.',
    },
    source: { doc: DOC_COMPARE, section: '会員情報の連携のタグを埋めたがルームに情報が届かない' },
    requires: ['snapshots'],
  },
  check(ctx) {
    return setDiffersReports(ctx, (s) => s.keys, { aData: 'aKeys', bData: 'bKeys', evidence: 'key' });
  },
};

export default rule;
