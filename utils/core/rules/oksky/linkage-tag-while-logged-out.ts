import { isPlaceholder } from '../../placeholder';
import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, executedTags, globalName, identifyingKeywords, maskValues, personalValues, showValue, tagEvidence, tagHasLinkage, valueText } from './_shared';

/**
 * 000 ログインしていないユーザーのルームが毎回変わってしまう: 「ID連携はログイン時はID連携のタグ、
 * 未ログイン時の場合は、ID連携のない通常のタグになるなどの処理を組み込む必要がございます」.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/linkage-tag-while-logged-out',
    severity: 'warning',
    title: { ja: '未ログインなのに ID 連携のタグが出力されています', en: 'Logged out, but the tag still sends member linkage' },
    messages: {
      empty: {
        ja: 'このページは未ログインですが、ID 連携のタグ（loginKey「{keyword}」）が空の値のまま出力されています。ログインしていないユーザーのルームが毎回変わってしまう、またはすべての未ログインユーザーが同じ来訪者として扱われる原因になります。未ログイン時は ID 連携のない通常のタグにする処理が必要です。',
        en: 'This page is logged out, but the linkage tag (loginKey "{keyword}") is output with an empty value. Logged-out visitors then get a new room every time, or are all treated as one visitor. Logged-out pages need the plain tag without linkage.',
      },
      placeholder: {
        ja: 'このページは未ログインですが、ID 連携のタグ（loginKey「{keyword}」）が仮の値「{value}」のまま出力されています。この値を持つ未ログインの来訪者がすべて同じルームにまとめられてしまいます。未ログイン時は ID 連携のない通常のタグにする処理が必要です。',
        en: 'This page is logged out, but the linkage tag (loginKey "{keyword}") is output with the placeholder "{value}". All logged-out visitors with this value are put in the same room. Logged-out pages need the plain tag without linkage.',
      },
      value: {
        ja: 'このページは未ログインですが、ID 連携のタグ（loginKey「{keyword}」）が値 {value} 付きで出力されています。ログアウト前の会員の値が残っている可能性があり、別の来訪者が前の会員のルームに入ってしまうおそれがあります。未ログイン時は ID 連携のない通常のタグにする処理が必要です。',
        en: 'This page is logged out, but the linkage tag (loginKey "{keyword}") is output with the value {value}. It may be a stale value from before the logout: another visitor could land in the previous member\'s room. Logged-out pages need the plain tag without linkage.',
      },
      linkage: {
        ja: 'このページは未ログインですが、ID 連携の記述（{names}）が出力されています。未ログイン時は連携する会員情報がないため、ID 連携のない通常のタグにする処理が必要です。',
        en: 'This page is logged out, but linkage calls ({names}) are output. A logged-out visitor has no member information to link: logged-out pages need the plain tag without linkage.',
      },
    },
    fix: {
      ja: '未ログイン時は、key だけの通常のタグを出力してください（loginKey とマスターキーワードの行を出力しない）。\n{global}("key", "{key}");',
      en: 'When logged out, output the plain tag with only the key (no loginKey and keyword lines):\n{global}("key", "{key}");',
    },
    source: { doc: DOC_000, section: 'ログインしていないユーザーのルームが毎回変わってしまう' },
    requires: ['oksky-tag', 'login-state'],
  },
  check(ctx, page) {
    if (!page || page.state !== 'logged-out') return [];
    const reports: RuleReport[] = [];
    for (const tag of executedTags(page).tags) {
      if (!tagHasLinkage(tag)) continue;
      const g = globalName(tag);
      const key = tag.key ?? 'KEY';
      const personal = personalValues([tag]);
      const ident = identifyingKeywords(tag).find((i) => i.keyword);
      if (!ident || !ident.keyword) {
        const names = [...new Set([...(tag.loginKeyCalls.length > 0 ? ['loginKey'] : []), ...tag.keywords.map((k) => k.name)])];
        reports.push({ messageId: 'linkage', data: { names: names.join(', '), global: g, key }, evidence: [tagEvidence(tag)] });
        continue;
      }
      const text = valueText(ident.keyword.value);
      const evidence = [callEvidence(ctx, ident.keyword.call, personal, maskValues(ctx, [text]))];
      const match = text === undefined ? undefined : isPlaceholder(text);
      if (text !== undefined && match?.kind === 'empty') {
        reports.push({ messageId: 'empty', data: { keyword: ident.name, global: g, key }, evidence });
      } else if (text !== undefined && match) {
        reports.push({ messageId: 'placeholder', data: { keyword: ident.name, value: text.slice(0, 80), global: g, key }, evidence });
      } else {
        const shown = text === undefined ? (ident.keyword.value.raw ?? '…') : JSON.stringify(showValue(ctx, text));
        reports.push({ messageId: 'value', data: { keyword: ident.name, value: shown, global: g, key }, evidence });
      }
    }
    return reports;
  },
};

export default rule;
