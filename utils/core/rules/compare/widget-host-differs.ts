import type { Rule } from '../types';
import { DOC_COMPARE, setDiffersReports } from './_shared';

const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'compare/widget-host-differs',
    severity: 'warning',
    title: { ja: 'ウィジェットの読み込み先が 2 つの記録で異なります', en: 'The widget hosts differ' },
    messages: {
      default: {
        ja: 'ウィジェットの読み込み先が {a} では「{aHosts}」、{b} では「{bHosts}」です。接続先のウィジェットが違うと、担当者が確認している接客管理画面に情報が届きません（確認する場所の間違いの原因になります）。',
        en: 'The widget is loaded from "{aHosts}" on {a} and "{bHosts}" on {b}. With another widget the information does not reach the admin screen the staff looks at.',
      },
    },
    fix: {
      ja: '意図した違い（検証用と本番用のウィジェットなど）かどうかを担当者に確認してください。意図しない場合は同じ URL にそろえてください。',
      en: 'Confirm with the staff whether this is intended (test and production widgets). If not, use the same URL.',
    },
    source: { doc: DOC_COMPARE, section: '会員情報の連携のタグを埋めたがルームに情報が届かない' },
    requires: ['snapshots'],
  },
  check(ctx) {
    return setDiffersReports(ctx, (s) => s.hosts, { aData: 'aHosts', bData: 'bHosts', evidence: 'widget' });
  },
};

export default rule;
