import type { Rule, RuleReport } from '../types';
import { DOC_SDK, callEvidence, clip, executedTags, personalValues } from './_shared';

/** OK SKY's SDK docs: `new OkskyChat(WIDGET_ID, SYSTEM_URL, ...)` with SYSTEM_URL `https://…/`. */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/sdk-system-url-format',
    severity: 'warning',
    title: { ja: 'SDK の SYSTEM_URL の形式が正しくありません', en: 'The SDK SYSTEM_URL is malformed' },
    messages: {
      scheme: {
        ja: '`new OkskyChat(…)` の第 2 引数（SYSTEM_URL）「{url}」が `https://` で始まっていません。SDK のドキュメントのとおり https:// から始まる URL を指定しないと、ウィジェットが接続できないことがあります。',
        en: 'The second argument of `new OkskyChat(…)` (SYSTEM_URL) "{url}" does not start with `https://`. As the SDK docs show, the widget may fail to connect without an https:// URL.',
      },
      slash: {
        ja: '`new OkskyChat(…)` の第 2 引数（SYSTEM_URL）「{url}」が `/` で終わっていません。SDK は SYSTEM_URL の後ろにパスをつなげて使うため、末尾の `/` がないと接続先の URL が壊れます。',
        en: 'The second argument of `new OkskyChat(…)` (SYSTEM_URL) "{url}" does not end with `/`. The SDK appends paths to it; without the trailing slash the URLs break.',
      },
    },
    fix: {
      ja: 'SYSTEM_URL を https:// で始まり / で終わる形にしてください。\nnew OkskyChat(WIDGET_ID, "{corrected}", { … });',
      en: 'Write SYSTEM_URL starting with https:// and ending with /:\nnew OkskyChat(WIDGET_ID, "{corrected}", { … });',
    },
    source: { doc: DOC_SDK, section: 'new OkskyChat(WIDGET_ID, SYSTEM_URL, options)' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    const reports: RuleReport[] = [];
    for (const tag of executedTags(page).tags) {
      if (tag.form !== 'sdk' || !tag.systemUrl || tag.systemUrl.kind !== 'string') continue;
      const url = tag.systemUrl.value.trim();
      const corrected = `${url.replace(/^(?:[a-z]+:)?\/\//i, 'https://').replace(/^(?!https:\/\/)/, 'https://').replace(/\/*$/, '')}/`;
      const ctor = tag.calls.find((c) => c.name === 'new');
      const evidence = ctor ? [callEvidence(ctx, ctor, personalValues([tag]))] : [{ source: tag.origin, text: url }];
      const data = { url: clip(url, 200), corrected: clip(corrected, 200) };
      if (!url.startsWith('https://')) reports.push({ messageId: 'scheme', data, evidence });
      if (!url.endsWith('/')) reports.push({ messageId: 'slash', data, evidence });
    }
    return reports;
  },
};

export default rule;
