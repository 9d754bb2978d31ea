import { inputLimitsOf } from '../../limits';
import type { Rule } from '../types';

const NETWORK_KINDS = new Set(['har-entries', 'session-requests', 'body-chars']);

/**
 * Every bound is right to have, but none may be silent: when a bound skipped or cut part of the
 * input (a long inline script, too many scripts, HAR entries, session pages, request bodies...),
 * say what and how much, so a clean result is never read as "everything was checked".
 * One report per limit; page limits carry the page.
 */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'renkei/input-limited',
    severity: 'info',
    title: { ja: '一部を読んでいません', en: 'Part of the input was not read' },
    messages: {
      default: {
        ja: '一部を読んでいません：{detailJa} 読んでいない部分にタグや問題がある場合、この結果には表れません。',
        en: 'Part of the input was not read: {detailEn} A tag or a problem in the part not read does not show in this result.',
      },
    },
    fix: {
      ja: '対象のページだけを記録し直すか、ページのソースやHARを分けて読み込んでください。読んでいない部分を確認する必要がある場合は、その部分のタグを直接ご確認ください。',
      en: 'Capture only the page concerned, or give the page source or HAR in smaller parts. Where the part not read matters, check the tag there directly.',
    },
    source: { doc: 'renkei', section: 'input bounds' },
    requires: [],
  },
  check(ctx) {
    return inputLimitsOf(ctx.session, ctx.pages).map((l) => ({
      data: { detailJa: l.detail.ja, detailEn: l.detail.en, kind: l.kind, skipped: l.skipped },
      ...(l.pageIndex !== undefined ? { pageIndex: l.pageIndex } : {}),
      evidence: [
        {
          source: NETWORK_KINDS.has(l.kind) ? ('network' as const) : ('static' as const),
          text: `${l.kind}: ${l.skipped > 0 ? `${l.skipped} ${l.unit}` : '?'}${l.limit !== undefined ? ` (limit ${l.limit})` : ''}${l.script !== undefined ? ` (script #${l.script + 1})` : ''}`,
        },
      ],
    }));
  },
};

export default rule;
