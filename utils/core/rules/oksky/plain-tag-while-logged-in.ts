import type { Rule } from '../types';
import { DOC_000, executedTags, globalName, loginRequestEvidence, tagEvidence, tagHasLinkage } from './_shared';

/**
 * 000 考えられる可能性: 「ログイン後のタグが、マスターキーワードの無い通常のタグになってしまっている」.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/plain-tag-while-logged-in',
    severity: 'error',
    title: { ja: 'ログイン中なのに通常のタグ（会員情報連携なし）です', en: 'Logged in, but the tag carries no member linkage' },
    messages: {
      default: {
        ja: 'このページはログイン中（{stateHintJa}）ですが、実行されている埋め込みタグはマスターキーワードも `loginKey` も無い通常のタグです。ログイン後のタグが通常のタグになってしまっているため、会員情報がルームに届かず、来訪者は Cookie で識別されます（ログイン時・ログオフ時で別のルームになります）。',
        en: 'This page is logged in ({stateHintEn}), but the tag that runs is the plain tag without master keywords or `loginKey`. The tag after login became the plain tag, so no member information reaches the room and the visitor is identified by a cookie (logged-in and logged-out visits end up in different rooms).',
      },
      sdk: {
        ja: 'このページはログイン中（{stateHintJa}）ですが、`new OkskyChat(…)` に `login` が指定されていない（または空の `{}`）ため、会員情報が連携されていません。来訪者は Cookie で識別されます。',
        en: 'This page is logged in ({stateHintEn}), but `new OkskyChat(…)` has no `login` (or an empty `{}`), so no member information is linked and the visitor is identified by a cookie.',
      },
    },
    fix: {
      ja: 'ログイン時は ID 連携のタグを出力してください（`key` の行の後に ＋の 2 行を追加します。customer_id はマスターキーワードの名前の例です）。\n{global}("key", "{key}");\n+ {global}("loginKey", "customer_id");\n+ {global}("customer_id", "<ログインした会員の値>");',
      en: 'When logged in, output the linkage tag (add the two lines marked + after the `key` line; customer_id stands for your master keyword\'s name):\n{global}("key", "{key}");\n+ {global}("loginKey", "customer_id");\n+ {global}("customer_id", "<the member\'s value>");',
    },
    fixes: {
      sdk: {
        ja: 'ログイン時は `login` に会員の値を渡してください。\nnew OkskyChat(WIDGET_ID, SYSTEM_URL, { login: { customer_id: "<ログインした会員の値>" } });',
        en: 'When logged in, pass the member value in `login`:\nnew OkskyChat(WIDGET_ID, SYSTEM_URL, { login: { customer_id: "<the member\'s value>" } });',
      },
    },
    source: { doc: DOC_000, section: 'ログイン後のタグが通常のタグになってしまっている' },
    requires: ['oksky-tag', 'login-state'],
  },
  check(_ctx, page) {
    if (!page || page.state !== 'logged-in') return [];
    const { tags } = executedTags(page);
    if (tags.length === 0 || tags.some(tagHasLinkage)) return [];
    // read by the tolerant parser: the linkage may be in the text it could not read (RULES.md)
    if (tags.some((t) => t.guessed)) return [];
    const tag = tags[0];
    const hints = page.page.state.hints;
    const explicit = page.page.state.source === 'explicit' || hints.length === 0;
    const stateHintJa = explicit ? '指定された状態' : hints.slice(0, 2).join(', ');
    const stateHintEn = explicit ? 'as set' : hints.slice(0, 2).join(', ');
    return [
      {
        messageId: tag.form === 'sdk' ? 'sdk' : 'default',
        data: { stateHintJa, stateHintEn, global: globalName(tag), key: tag.key ?? '…' },
        // the widget's /login with an empty query confirms it (oksky/login-query-empty leaves this case here)
        evidence: [
          ...tags.map(tagEvidence),
          ...page.loginRequests
            .filter((r) => r.query.status === 'empty')
            .slice(0, 2)
            .map((r) => loginRequestEvidence(r, `query: ${r.query.format === 'json-string' ? '""' : '{}'} (${r.request.method} ${r.request.url})`)),
        ],
      },
    ];
  },
};

export default rule;
