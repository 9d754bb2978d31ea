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
      /** one root cause, one finding: the URL was written without both */
      'scheme-and-slash': {
        ja: '`new OkskyChat(…)` の第 2 引数（SYSTEM_URL）「{url}」が `https://` で始まっておらず、`/` でも終わっていません。SDK のドキュメントのとおり https:// で始まり / で終わる URL を指定しないと、ウィジェットが接続できず、SDK がつなげるパスの URL も壊れます。',
        en: 'The second argument of `new OkskyChat(…)` (SYSTEM_URL) "{url}" neither starts with `https://` nor ends with `/`. As the SDK docs show, without an https:// URL ending in / the widget may fail to connect and the paths the SDK appends break.',
      },
    },
    fix: {
      ja: 'SYSTEM_URL を https:// で始まり / で終わる形にしてください（−の行を＋の行に置き換えます）。\n- new OkskyChat(WIDGET_ID, "{url}", { … });\n+ new OkskyChat(WIDGET_ID, "{corrected}", { … });',
      en: 'Write SYSTEM_URL starting with https:// and ending with / (replace the line marked − with the line marked +):\n- new OkskyChat(WIDGET_ID, "{url}", { … });\n+ new OkskyChat(WIDGET_ID, "{corrected}", { … });',
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
      const scheme = !url.startsWith('https://');
      const slash = !url.endsWith('/');
      // one malformed URL is one finding, whatever is wrong with it
      if (scheme || slash) reports.push({ messageId: scheme && slash ? 'scheme-and-slash' : scheme ? 'scheme' : 'slash', data, evidence });
    }
    return reports;
  },
};

export default rule;
