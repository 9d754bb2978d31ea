import type { Rule } from '../types';
import { DOC_COMPARE, list, sameSet, sideEvidence, sidesIn } from './_shared';

/**
 * Compares the keyword names of the pages where keywords are sent: logged-out pages are left out
 * (000: logged out, the plain tag without master keywords is right; a logged-out tag that still
 * sends them is oksky/linkage-tag-while-logged-out).
 */

const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'compare/keyword-set-differs',
    severity: 'warning',
    title: { ja: 'マスターキーワードの種類が 2 つの記録で異なります', en: 'The master keyword names differ' },
    messages: {
      default: {
        ja: '連携しているマスターキーワードが {a} では「{aNames}」、{b} では「{bNames}」です（{a} だけ: {onlyA}／{b} だけ: {onlyB}）。マスターキーワードは接客管理画面側で決めた名前と一致している必要があり、片方では連携される「項目」が足りない、または名前が違う可能性があります。',
        en: 'The master keywords are "{aNames}" on {a} and "{bNames}" on {b} (only {a}: {onlyA}; only {b}: {onlyB}). Keyword names must match those set in the admin screen; one side lacks items or spells them differently.',
      },
    },
    fix: {
      ja: '接客管理画面で決めたマスターキーワード名に合わせて、どちらのページでも同じマスターキーワードを連携してください。',
      en: 'Send the same master keywords on both sides, named as set in the admin screen.',
    },
    source: { doc: DOC_COMPARE, section: '緑の部分(マスターキーワード)' },
    requires: ['snapshots'],
  },
  check(ctx) {
    const s = sidesIn(ctx, ['logged-in', 'unknown']);
    if (!s) return [];
    const [a, b] = s;
    if (!a.hasOkskyTag || !b.hasOkskyTag || sameSet(a.keywordNames, b.keywordNames)) return [];
    const onlyA = a.keywordNames.filter((n) => !b.keywordNames.includes(n));
    const onlyB = b.keywordNames.filter((n) => !a.keywordNames.includes(n));
    return [
      {
        data: { a: a.label, b: b.label, aNames: list(a.keywordNames), bNames: list(b.keywordNames), onlyA: list(onlyA), onlyB: list(onlyB) },
        evidence: [sideEvidence(a, `keywords: ${list(a.keywordNames)}`), sideEvidence(b, `keywords: ${list(b.keywordNames)}`)],
      },
    ];
  },
};

export default rule;
