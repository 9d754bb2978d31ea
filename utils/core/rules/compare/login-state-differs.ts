import type { Rule } from '../types';
import { DOC_COMPARE, knownStates, sideEvidence, sides, statesText } from './_shared';

/**
 * 000 非ログイン時も会員情報連携がされますか?: logged out there is nothing to link, and the plain
 * tag without linkage is the right one; the `/login` query is then empty. Two records made in
 * different login states (the recording wizard's ログイン中 ⇄ ログアウト中) differ in exactly these
 * points: this finding says so, and the other compare rules only compare pages of the same state.
 */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'compare/login-state-differs',
    severity: 'info',
    title: { ja: '2 つの記録はログイン状態が異なります', en: 'The two records were made in different login states' },
    messages: {
      default: {
        ja: '{a} は「{aStatesJa}」、{b} は「{bStatesJa}」のページの記録です。ログイン中は会員情報連携のタグで /login の「query」にマスターキーワードと値が入り、ログアウト中は連携する情報がないため通常のタグで「query」が空白になるのが正しい動作です。そのため、ログイン状態による違い（会員情報連携の有無、loginKey、マスターキーワード、query）は問題として扱わず、同じログイン状態のページどうしだけを比べています。',
        en: '{a} holds pages recorded {aStatesEn}, {b} pages recorded {bStatesEn}. Logged in, the linkage tag puts the master keywords and values into the /login "query"; logged out there is nothing to link, so the plain tag and an empty "query" are right. Differences due to the login state (linkage, loginKey, master keywords, query) are therefore not reported as problems: only pages of the same login state are compared.',
      },
    },
    fix: {
      ja: '対応は不要です。ステージングと本番を比べるときは、同じログイン状態どうし（ログイン中 ⇄ ログイン中、ログアウト中 ⇄ ログアウト中）で記録してください。',
      en: 'Nothing to fix. To compare staging with production, record both in the same login state (logged in with logged in, logged out with logged out).',
    },
    source: { doc: DOC_COMPARE, section: '非ログイン時も会員情報連携がされますか?' },
    requires: ['snapshots'],
  },
  check(ctx) {
    const s = sides(ctx);
    if (!s) return [];
    const [a, b] = s;
    const sa = knownStates(a);
    const sb = knownStates(b);
    if (sa.length === 0 || sb.length === 0 || (sa.length === sb.length && sa.every((x, i) => x === sb[i]))) return [];
    return [
      {
        data: { a: a.label, b: b.label, aStatesJa: statesText(sa, 'ja'), aStatesEn: statesText(sa, 'en'), bStatesJa: statesText(sb, 'ja'), bStatesEn: statesText(sb, 'en') },
        evidence: [sideEvidence(a, `login state: ${sa.join(', ')}`), sideEvidence(b, `login state: ${sb.join(', ')}`)],
      },
    ];
  },
};

export default rule;
