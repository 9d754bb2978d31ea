import type { Rule, RuleReport } from '../types';
import { DOC_000, environmentOfHost, hostOf, identification, identificationEvidence } from './_shared';

/**
 * 000: 「2回目もログオフした状態でドメインが異なる（もしくはサブドメインが異なる）サイトへ移動して、
 * チャットを利用（ドメインが異なると新しいCookieのidが発行される）」.
 */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'oksky/cross-domain-cookie',
    severity: 'warning',
    title: { ja: 'Cookie で識別された来訪者が別のドメインへ移動しています', en: 'A cookie-identified visitor moved to another domain' },
    messages: {
      default: {
        ja: '会員情報が連携されていない（Cookie で識別されている）来訪者が、「{from}」から「{to}」へ移動しています。どちらにも OK SKY のタグがありますが、Cookie はドメイン（サブドメイン）ごとのため、移動先では新しい Cookie の id が発行され、別の来訪者（別ルーム）になります。会員情報が連携できない上に Cookie も継続できないため、ルームが別れます。',
        en: 'A visitor without linkage (identified by a cookie) moved from "{from}" to "{to}". Both carry the OK SKY tag, but cookies are per domain (and subdomain): a new cookie id is issued there and the visitor becomes a new visitor with a new room.',
      },
    },
    fix: {
      ja: 'ログイン時は会員情報連携のタグを出力して、ドメインをまたいでも同じ会員として識別されるようにしてください（未ログインの来訪者は、ドメインが変わると別ルームになります）。',
      en: 'Output the linkage tag for logged-in visitors so they are identified across domains (logged-out visitors get a new room on another domain).',
    },
    source: { doc: DOC_000, section: '来訪者(ユーザー)に過去の会話が出てこないと言われた' },
    requires: ['session', 'oksky-tag'],
  },
  check(ctx) {
    // One report per host the cookie-identified visitor enters for the first time: that is where a
    // new cookie id (a new room) is issued. Going back to a host already visited finds its cookie
    // again (no new room), so a→b→a→b is one report (at b), not one per move.
    // A logged-in page whose linkage did not reach /login is cookie-identified too, but its
    // cause is the broken linkage (login-query-empty and friends report it): only pages not known
    // to be logged in count here, as RULES.md says ("a cookie-identified (logged-out) visitor").
    //
    // Two moves are expected and not reported (000 explains both as normal, not as a room lost):
    // - a move between a staging and a production host: a person checking both environments, not
    //   a visitor (the environments' cookies and rooms are separate by design);
    // - a move to a host the visitor logs in from (a login page on another domain between
    //   logged-out and logged-in pages): from the login on, the linkage identifies the visitor.
    const reports: RuleReport[] = [];
    const visited = new Map<string, number>();
    let prev: { host: string; index: number } | undefined;
    const logsInFrom = (host: string, from: number): boolean => {
      for (const next of ctx.pages.slice(from + 1)) {
        const id = identification(next);
        if (id === undefined) continue; // pages without the tag do not end the stay
        if (next.state === 'logged-in' || id === 'linkage') return true;
        if (hostOf(next.page.url) !== host) return false;
      }
      return false;
    };
    for (const page of ctx.pages) {
      if (page.state === 'logged-in' || identification(page) !== 'cookie') continue;
      const host = hostOf(page.page.url);
      if (!host) continue;
      const move = prev && prev.host !== host && !visited.has(host);
      const expected = move && (environmentOfHost(prev!.host) !== environmentOfHost(host) || logsInFrom(host, page.index));
      if (prev && move && !expected) {
        reports.push({
          pageIndex: page.index,
          data: { from: prev.host, to: host },
          evidence: [identificationEvidence(ctx.pages[prev.index], `cookie: ${prev.host}`), identificationEvidence(page, `cookie: ${host}`)],
        });
      }
      if (!visited.has(host)) visited.set(host, page.index);
      prev = { host, index: page.index };
    }
    return reports;
  },
};

export default rule;
