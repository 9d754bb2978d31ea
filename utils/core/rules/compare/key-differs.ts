import type { Rule } from '../types';
import { DOC_COMPARE, setDiffersReports } from './_shared';

const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'compare/key-differs',
    severity: 'warning',
    title: { ja: 'ウィジェットの key が 2 つの記録で異なります', en: 'The widget keys differ' },
    messages: {
      default: {
        ja: 'key が {a} では「{aKeys}」、{b} では「{bKeys}」です。key が違うと別のウィジェットとして扱われます。ステージングと本番で意図して分けている場合もあるため、担当者が確認してください。',
        en: 'The key is "{aKeys}" on {a} and "{bKeys}" on {b}. Different keys are different widgets. This may be intended (separate staging and production widgets): a person should confirm.',
      },
      sameEnv: {
        ja: '同じ環境（{env}）の 2 つの記録で key が異なります（{a}:「{aKeys}」、{b}:「{bKeys}」）。key が違うと別のウィジェットとして扱われるため、同じ来訪者でもページ（例えばログイン時と未ログイン時）によってルームが別れ、過去の会話が出てきません。',
        en: 'Two records of the same environment ({env}) use different keys ("{aKeys}" on {a}, "{bKeys}" on {b}). Different keys are different widgets: the same visitor gets another room depending on the page (e.g. logged in and logged out) and past conversations do not appear.',
      },
    },
    fix: {
      ja: '意図した違いであれば対応は不要です。そうでなければ、接客管理画面で発行された正しい key にそろえてください。',
      en: 'If intended, nothing to do. Otherwise use the key issued in the admin screen on both sides.',
    },
    fixes: {
      sameEnv: {
        ja: 'ログイン時・未ログイン時のタグで、接客管理画面で発行された同じ key を使ってください。',
        en: 'Use the same key, as issued in the admin screen, in the logged-in and the logged-out tag.',
      },
    },
    source: { doc: DOC_COMPARE, section: '会員情報の連携のタグを埋めたがルームに情報が届かない' },
    requires: ['snapshots'],
  },
  check(ctx) {
    const reports = setDiffersReports(ctx, (s) => s.keys, { aData: 'aKeys', bData: 'bKeys', evidence: 'key' });
    // staging and production may well use separate widgets; two records of one environment should not
    const env = ctx.compare?.a.env;
    if (env && env === ctx.compare?.b.env) return reports.map((r) => ({ ...r, messageId: 'sameEnv', data: { ...r.data, env } }));
    return reports;
  },
};

export default rule;
