import type { Rule } from '../types';
import { DOC_000, identification, identificationEvidence } from './_shared';

function pageList(indexes: number[]): string {
  const shown = indexes.slice(0, 10).map((i) => String(i + 1));
  return indexes.length > 10 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * 000 来訪者(ユーザー)に過去の会話が出てこないと言われた: logged in, the visitor is identified by
 * the linkage id; logged off, by the cookie's id — two visitors, two rooms.
 */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'oksky/identity-switched',
    severity: 'info',
    title: { ja: 'ページによって来訪者の識別方法が変わっています', en: 'The visitor is identified differently across pages' },
    messages: {
      default: {
        ja: 'このセッションでは、{linkagePages} ページ目では会員情報連携の ID で、{cookiePages} ページ目では Cookie で来訪者が識別されています。ログインしたときは会員情報連携の id、ログオフしたときは Cookie で発行した id が利用されるため、それぞれ別の来訪者（別ルーム）として扱われます。「過去の会話が出てこない」と言われた場合はこれが理由です（設定の誤りではなく、仕様どおりの動作です）。',
        en: 'In this session the visitor is identified by the linkage id on page(s) {linkagePages} and by the cookie on page(s) {cookiePages}. Logged in, the linkage id is used; logged off, the cookie\'s id: they are separate visitors in separate rooms. This is why "past conversations do not appear" (expected behaviour, not a setup error).',
      },
    },
    fix: {
      ja: '対応は不要です。来訪者には、ログインした状態でチャットを利用すると同じルームで会話を続けられることをご案内ください。',
      en: 'Nothing to fix. Tell the visitor that using the chat while logged in keeps the conversation in one room.',
    },
    source: { doc: DOC_000, section: '来訪者(ユーザー)に過去の会話が出てこないと言われた' },
    requires: ['session', 'oksky-tag'],
  },
  check(ctx) {
    const linkage: number[] = [];
    const cookie: number[] = [];
    for (const page of ctx.pages) {
      const id = identification(page);
      if (id === 'linkage') linkage.push(page.index);
      else if (id === 'cookie') cookie.push(page.index);
    }
    if (linkage.length === 0 || cookie.length === 0) return [];
    const switchedAt = Math.max(linkage[0], cookie[0]);
    return [
      {
        pageIndex: switchedAt,
        data: { linkagePages: pageList(linkage), cookiePages: pageList(cookie) },
        evidence: [identificationEvidence(ctx.pages[linkage[0]], 'linkage'), identificationEvidence(ctx.pages[cookie[0]], 'cookie')],
      },
    ];
  },
};

export default rule;
