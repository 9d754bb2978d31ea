import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, executedTags, globalName, loginKeyNames, nearestName, personalValues, tagEvidence } from './_shared';

/**
 * 000 (赤の部分 LoginKey): 「LoginKey」で指定したマスターキーワードから来訪者を特定します — so the
 * keyword it names must be given a value by a call of the tag.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/loginkey-keyword-undefined',
    severity: 'error',
    title: {
      ja: 'loginKey のマスターキーワードに値が設定されていません',
      en: 'The keyword named by loginKey has no value',
    },
    messages: {
      default: {
        ja: '`loginKey` に「{loginKey}」が指定されていますが、「{loginKey}」に値を設定する `{global}("{loginKey}", 値)` がありません。「LoginKey」で指定したマスターキーワードの値から来訪者を特定するため、値がないと来訪者を識別できず、ルームが別れます。設定されているマスターキーワード: {defined}',
        en: '`loginKey` names "{loginKey}", but no `{global}("{loginKey}", value)` gives it a value. The visitor is identified by the value of the keyword loginKey names; without it the visitor cannot be identified and rooms split. Keywords set: {defined}',
      },
      none: {
        ja: '`loginKey` に「{loginKey}」が指定されていますが、マスターキーワードに値を設定する呼び出しが 1 つもありません。「LoginKey」で指定したマスターキーワードの値から来訪者を特定するため、値がないと来訪者を識別できず、ルームが別れます。',
        en: '`loginKey` names "{loginKey}", but no call gives any master keyword a value. The visitor is identified by the value of the keyword loginKey names; without it the visitor cannot be identified and rooms split.',
      },
      suggest: {
        ja: '`loginKey` に「{loginKey}」が指定されていますが、値が設定されているのは「{suggestion}」です。綴り（大文字・小文字を含む）が一致していないため、「LoginKey」で指定したマスターキーワードの値が見つからず、来訪者を識別できません。',
        en: '`loginKey` names "{loginKey}", but the keyword given a value is "{suggestion}". The spelling (including case) differs, so the value of the keyword loginKey names is not found and the visitor cannot be identified.',
      },
    },
    fix: {
      ja: 'loginKey で指定した名前と同じマスターキーワードに、ログインした会員の値を設定してください。\n{global}("{loginKey}", 会員の値);',
      en: 'Give the keyword loginKey names the logged-in member\'s value:\n{global}("{loginKey}", memberValue);',
    },
    fixes: {
      suggest: {
        ja: 'loginKey とマスターキーワードの名前を揃えてください（接客管理画面で決めた名前に合わせます）。\n{global}("loginKey", "{suggestion}");',
        en: 'Make loginKey and the keyword name match (use the name set in the OK SKY admin screen):\n{global}("loginKey", "{suggestion}");',
      },
    },
    source: { doc: DOC_000, section: '赤の部分(LoginKey)' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    const reports: RuleReport[] = [];
    for (const tag of executedTags(page).tags) {
      // read by the tolerant parser: what seems missing may be in the text it could not read (RULES.md)
      if (tag.guessed) continue;
      if (tag.form !== 'queue') continue;
      const personal = personalValues([tag]);
      const defined = [...new Set(tag.keywords.map((k) => k.name))];
      for (const name of loginKeyNames(tag)) {
        if (defined.includes(name)) continue;
        const suggestion = nearestName(name, defined);
        const g = globalName(tag);
        const evidence = [
          ...tag.loginKeyCalls.map((c) => callEvidence(ctx, c)),
          ...(suggestion ? tag.keywords.filter((k) => k.name === suggestion).slice(0, 1).map((k) => callEvidence(ctx, k.call, personal)) : []),
        ];
        reports.push({
          messageId: suggestion ? 'suggest' : defined.length > 0 ? 'default' : 'none',
          data: { loginKey: name, global: g, defined: defined.join(', '), ...(suggestion ? { suggestion } : {}) },
          evidence: evidence.length > 0 ? evidence : [tagEvidence(tag)],
        });
      }
    }
    return reports;
  },
};

export default rule;
