import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, executedTags, globalName, loginKeyNames, maskValues, personalValues, valueText } from './_shared';

/**
 * 000 「IDは送信されているのに、ルームが別れてしまう」: master keyword values are sent but no
 * `loginKey` says which one identifies the visitor.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/loginkey-missing',
    severity: 'error',
    title: {
      ja: 'loginKey が指定されていません',
      en: 'loginKey is not set',
    },
    messages: {
      default: {
        ja: '「IDは送信されているのに、ルームが別れてしまう」原因です。マスターキーワード（{keywords}）の値は送信されていますが、`{global}("loginKey", "…")` の指定がないため、何をキーにして来訪者を識別するかが決まらず、来訪者を識別できません。その結果、同じ会員でもルームが別れ、過去の会話が出てきません。',
        en: 'This is why "the ID is sent but the rooms split". Master keyword values ({keywords}) are sent, but there is no `{global}("loginKey", "…")`, so nothing tells OK SKY which keyword identifies the visitor. The same member ends up in different rooms and past conversations do not appear.',
      },
      empty: {
        ja: '「IDは送信されているのに、ルームが別れてしまう」原因です。`{global}("loginKey", …)` はありますが値が空のため、来訪者を識別するマスターキーワードが指定されていません。マスターキーワード（{keywords}）の値は送信されていても、来訪者を識別できずルームが別れます。',
        en: 'This is why "the ID is sent but the rooms split". `{global}("loginKey", …)` is there but empty, so no master keyword identifies the visitor. The values of {keywords} are sent, yet the visitor cannot be identified and rooms split.',
      },
      sdk: {
        ja: '「IDは送信されているのに、ルームが別れてしまう」原因です。SDK の `user_infos`（{keywords}）は送信されていますが、来訪者を識別する `login` の指定がありません。来訪者を識別できず、ルームが別れます。',
        en: 'This is why "the ID is sent but the rooms split". The SDK sends `user_infos` ({keywords}) but no `login` that identifies the visitor, so the visitor cannot be identified and rooms split.',
      },
    },
    fix: {
      ja: '埋め込みタグの `key` の行の次に、来訪者を識別するマスターキーワードを `loginKey` として追加してください（＋の行）。\n{keyLine}\n+ {fixLine}',
      en: 'Add the master keyword that identifies the visitor as `loginKey`, on the line after the `key` call (the line marked +):\n{keyLine}\n+ {fixLine}',
    },
    fixes: {
      empty: {
        ja: '空の `loginKey` に、来訪者を識別するマスターキーワードの名前を書いてください（−の行を ＋の行に置き換えます）。\n- {emptyLine}\n+ {fixLine}',
        en: 'Write the name of the master keyword that identifies the visitor into the empty `loginKey` (replace the line marked − with the line marked +):\n- {emptyLine}\n+ {fixLine}',
      },
      sdk: {
        ja: '`new OkskyChat(…)` の第 3 引数に、来訪者を識別する値を `login` として渡してください。\n{fixLine}',
        en: 'Pass the identifying value as `login` in the third argument of `new OkskyChat(…)`:\n{fixLine}',
      },
    },
    source: { doc: DOC_000, section: 'IDは送信されているのに、ルームが別れてしまう' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    const { tags } = executedTags(page);
    const reports: RuleReport[] = [];
    for (const tag of tags) {
      // read by the tolerant parser: what seems missing may be in the text it could not read (RULES.md)
      if (tag.guessed) continue;
      const personal = personalValues([tag]);
      if (tag.form === 'sdk') {
        const infos = tag.keywords.filter((k) => k.via === 'sdk-user-infos');
        if (infos.length === 0 || loginKeyNames(tag).length > 0) continue;
        const first = infos[0];
        reports.push({
          messageId: 'sdk',
          data: {
            keywords: [...new Set(infos.map((k) => k.name))].join(', '),
            global: globalName(tag),
            fixLine: `new ${globalName(tag)}(WIDGET_ID, SYSTEM_URL, { login: { ${first.name}: memberValue } })`,
          },
          evidence: [callEvidence(ctx, first.call, personal, maskValues(ctx, infos.map((k) => valueText(k.value))))],
        });
        continue;
      }
      if (tag.keywords.length === 0 || loginKeyNames(tag).length > 0) continue;
      const names = [...new Set(tag.keywords.map((k) => k.name))];
      const g = globalName(tag);
      reports.push({
        messageId: tag.loginKeyCalls.length > 0 ? 'empty' : 'default',
        data: {
          keywords: names.join(', '),
          global: g,
          keyLine: `${g}("key", "${tag.key ?? '…'}");`,
          emptyLine: `${g}("loginKey", "");`,
          fixLine: `${g}("loginKey", "${names[0]}");`,
        },
        evidence: [
          ...tag.loginKeyCalls.map((c) => callEvidence(ctx, c)),
          ...tag.keywords.map((k) => callEvidence(ctx, k.call, personal, maskValues(ctx, [valueText(k.value)]))),
        ],
      });
    }
    return reports;
  },
};

export default rule;
