import type { Rule } from '../types';
import { DOC_000, environmentOfHost, executedTags, hostOf, pageEvidence } from './_shared';

/**
 * 000's logged-in tag uses key `kobuna-s-001-0D5ACD179B043831`, its logged-out tag
 * `kobuna-s-001-ED70F4289B17AA9F`: two widgets, so the same visitor is in a different room
 * depending on the page. Maybe intended (separate widgets), so a warning.
 *
 * Keys are compared within one environment: a session that visits a staging and a production
 * host (a person checking both) sees their keys, and separate staging and production widgets are
 * expected (compare/key-differs covers that comparison).
 */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'oksky/key-changed-in-session',
    severity: 'warning',
    title: { ja: 'ページによって異なる key が使われています', en: 'Pages of the session use different keys' },
    messages: {
      default: {
        ja: '同じセッションの中で、ページによって異なる key（{keys}）が使われています。key が違うと別のウィジェットとして扱われるため、同じ来訪者でもページ（例えばログイン時と未ログイン時）によってルームが別れ、過去の会話が出てきません。意図して別のウィジェットにしている場合を除き、key を揃えてください。',
        en: 'Pages of one session use different keys ({keys}). A different key is a different widget, so the same visitor gets a different room depending on the page (e.g. logged in and logged out) and past conversations do not appear. Unless separate widgets are intended, use one key.',
      },
    },
    fix: {
      ja: 'ログイン時・未ログイン時のタグで同じ key を使ってください。\nOkskyChat("key", "{first}");',
      en: 'Use the same key in the logged-in and logged-out tags:\nOkskyChat("key", "{first}");',
    },
    source: { doc: DOC_000, section: 'ログインしていないユーザーのルームが毎回変わってしまう' },
    requires: ['session', 'oksky-tag'],
  },
  check(ctx) {
    const byEnv = new Map<string, Map<string, number>>();
    for (const page of ctx.pages) {
      const env = environmentOfHost(hostOf(page.page.url)) ?? 'production';
      const firstPage = byEnv.get(env) ?? new Map<string, number>();
      byEnv.set(env, firstPage);
      for (const tag of executedTags(page).tags) {
        if (tag.key && !firstPage.has(tag.key)) firstPage.set(tag.key, page.index);
      }
    }
    // one report per environment whose pages change key, in page order
    return [...byEnv.values()]
      .filter((m) => m.size >= 2)
      .map((m) => [...m.entries()])
      .map((entries) => ({
        pageIndex: entries[1][1],
        data: { keys: entries.map(([k]) => k).join(' / '), first: entries[0][0] },
        evidence: entries.slice(0, 5).map(([k, i]) => pageEvidence(ctx.pages[i], `key: ${k}`)),
      }))
      .sort((x, y) => x.pageIndex - y.pageIndex);
  },
};

export default rule;
