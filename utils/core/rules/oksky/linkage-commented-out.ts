import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, executedTags, globalName, personalValues, tagHasLinkage } from './_shared';

/**
 * 000 未ログイン時の埋め込みタグの例 shows `//OkskyChat("loginKey", "customer_id");` — correct for a
 * logged-out page, but the same tag on a logged-in page sends no linkage.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/linkage-commented-out',
    severity: { stateDependent: ['warning', 'info'] },
    title: { ja: '会員情報連携の記述がコメントアウトされています', en: 'The member linkage is commented out' },
    messages: {
      default: {
        ja: '`loginKey` やマスターキーワードの呼び出し（{names}）がコメント（//）の中にしかありません。コメントの中の記述は実行されないため、このページでは会員情報が連携されず、来訪者は Cookie で識別されます。ログインしているページであれば、会員情報が届かない原因です。',
        en: 'The `loginKey` and master keyword calls ({names}) exist only inside comments (//). Commented code does not run, so this page sends no member information and the visitor is identified by a cookie. On a logged-in page this is why no member information arrives.',
      },
      'logged-out': {
        ja: '`loginKey` やマスターキーワードの呼び出し（{names}）がコメント（//）になっています。未ログインのページでは、000 の「未ログイン時の埋め込みタグの例」のとおり、ID 連携のない通常のタグとして動作します（来訪者は Cookie で識別されます）。ログイン時のページでコメントが外れているかも合わせてご確認下さい。',
        en: 'The `loginKey` and master keyword calls ({names}) are commented out (//). On a logged-out page this is the plain tag of 000\'s example for logged-out visitors (the visitor is identified by a cookie). Make sure the calls are not commented out on logged-in pages.',
      },
    },
    fix: {
      ja: 'ログイン時のページでは、コメント（//）を外して会員情報を連携してください。\n{uncommentedJa}',
      en: 'On logged-in pages, remove the comment markers (//) so the linkage runs:\n{uncommentedEn}',
    },
    fixes: {
      'logged-out': {
        ja: '未ログインのページではこのままで問題ありません。ログイン時のページでは次のように出力してください。\n{uncommentedJa}',
        en: 'Nothing to change on a logged-out page. On logged-in pages output:\n{uncommentedEn}',
      },
    },
    source: { doc: DOC_000, section: '未ログイン時の埋め込みタグの例' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    // the source text is the evidence: comments only exist statically
    const tags = page.oksky.staticTags;
    // linkage that runs anywhere (source, or a tag manager seen by the probe) is not "only in comments"
    if (tags.some(tagHasLinkage) || executedTags(page).tags.some(tagHasLinkage)) return [];
    const reports: RuleReport[] = [];
    for (const tag of tags) {
      const commented = tag.commentedCalls.filter((c) => c.name !== 'key' && c.form === 'queue');
      if (commented.length === 0) continue;
      const personal = personalValues([tag]);
      const g = globalName(tag);
      const lines = (memberValue: string) =>
        commented
          .map((c) => {
            if (c.name === 'loginKey') {
              const v = c.args[0];
              return `${g}("loginKey", ${v && v.kind === 'string' ? JSON.stringify(v.value) : '"…"'});`;
            }
            return `${g}(${JSON.stringify(c.name)}, "${memberValue}");`;
          })
          .join('\n');
      const loggedOut = page.state === 'logged-out';
      reports.push({
        messageId: loggedOut ? 'logged-out' : 'default',
        severity: loggedOut ? 'info' : 'warning',
        data: {
          names: [...new Set(commented.map((c) => c.name))].join(', '),
          uncommentedJa: lines('<ログインした会員の値>'),
          uncommentedEn: lines("<the member's value>"),
        },
        evidence: commented.map((c) => ({ ...callEvidence(ctx, c, personal), source: 'static' as const })),
      });
    }
    return reports;
  },
};

export default rule;
