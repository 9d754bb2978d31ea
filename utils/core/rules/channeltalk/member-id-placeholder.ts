import { entry, optionOf, textOf } from '../../channeltalk/values';
import { isPlaceholder } from '../../placeholder';
import type { Rule, RuleReport } from '../types';
import { DOC_001, callEvidence, callName, evidenceOf } from './_shared';

/**
 * 001 memberId: the member id is what identifies the member. A placeholder (empty, `{{ }}`,
 * `xxxxx`, 会員ID, the documents' sample values) makes every visitor the same "member".
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/member-id-placeholder',
    severity: 'error',
    title: { ja: 'memberId が仮の値のままです', en: 'memberId is a placeholder' },
    messages: {
      default: {
        ja: '{call} の memberId が会員ごとの値ではなく、仮の値（「{match}」を含む値）になっています。テンプレートの変数が展開されていないか、サンプルの値が残っています。この値のまま boot すると、別々の会員が同じ会員として一つの顧客プロフィールにまとめられ、他人の問い合わせ履歴が見えてしまいます。',
        en: 'The memberId of {call} is not a per-member value but a placeholder (a value containing "{match}"): a template variable was not expanded or a sample value was left in. Booting with it merges different members into one customer profile, and people see each other’s conversations.',
      },
      empty: {
        ja: '{call} の memberId が空（空文字・空白・null・undefined の文字列）です。会員ID が連携されておらず、値が空の会員どうしが同じ会員として扱われるおそれがあります。',
        en: 'The memberId of {call} is empty (empty, white space, or the text null/undefined). No member id is linked, and members with the empty id may be treated as one member.',
      },
    },
    fix: {
      ja: 'サイトの会員ID が実際に出力されるよう、テンプレートの変数名とログイン状態を確認してください。ログインしていないページでは memberId を指定しないでください（非会員として扱われます）。',
      en: 'Make sure the template really prints the site’s member id (check the variable name and the login state). On pages without a logged-in member, leave memberId out (the visitor is a non-member).',
    },
    source: { doc: DOC_001, section: '基本連携データ memberId' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of ev.boots) {
      const v = entry(optionOf(call), 'memberId');
      const text = textOf(v);
      if (text === undefined) continue;
      const m = isPlaceholder(text);
      if (!m) continue;
      const data = { call: callName(call) };
      const evidence = [callEvidence(ctx, call, [ctx.masker.mask(text)])];
      if (m.kind === 'empty') reports.push({ messageId: 'empty', data, evidence });
      else reports.push({ data: { ...data, match: m.match }, evidence });
    }
    return reports;
  },
};

export default rule;
