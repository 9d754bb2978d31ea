import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, executedTags, loginRequestEvidence, maskValues, personalValues, showValue, valueText } from './_shared';

const MAX_DIFFS = 20;

/**
 * 000 切り分け方法: 「queryからid連携タグに指定した値が表示されているかを確認します」. The query
 * the widget sent must hold the keywords and values the tag set.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/login-query-mismatch',
    severity: 'error',
    title: { ja: '/login の query がタグの指定と一致しません', en: 'The /login query differs from what the tag set' },
    messages: {
      'missing-key': {
        ja: 'タグではマスターキーワード「{keyword}」に値を設定していますが、login の「query」に「{keyword}」がありません。タグの指定と実際に送信された内容が違うため、別のタグ（タグマネージャーなど）が動いているか、値が連携される前にウィジェットが送信している可能性があります。',
        en: 'The tag sets the keyword "{keyword}", but the login "query" has no "{keyword}". What was sent differs from the tag: another tag (e.g. a tag manager) may run, or the widget sent before the value was set.',
      },
      'extra-key': {
        ja: 'login の「query」にタグで指定していないマスターキーワード「{keyword}」が含まれています（値 {queryValue}）。このページで別のタグ（タグマネージャーなど）が動いている可能性があります。埋め込んだページに間違いはないかをご確認下さい。',
        en: 'The login "query" holds the keyword "{keyword}" (value {queryValue}) that the tag does not set. Another tag (e.g. a tag manager) may run on this page. Check that the tag is embedded in the right page.',
      },
      'value-differs': {
        ja: 'マスターキーワード「{keyword}」の値が、タグでは {tagValue}、login の「query」では {queryValue} です。タグに出力した値と送信された値が一致しないため、別のタグが動いているか、値の出力（型・空白・文字コード）に問題がある可能性があります。',
        en: 'The keyword "{keyword}" is {tagValue} in the tag but {queryValue} in the login "query". What the tag says and what was sent differ: another tag may run, or the value is output with another type, white space or encoding.',
      },
    },
    fix: {
      ja: 'ページで実行されている OK SKY のタグが 1 つだけであること、タグで指定したマスターキーワードと値が login の「query」にそのまま表示されることを確認してください。',
      en: 'Make sure exactly one OK SKY tag runs on the page, and that the login "query" shows the keywords and values the tag sets.',
    },
    source: { doc: DOC_000, section: '切り分け方法' },
    requires: ['oksky-tag'],
  },
  // The /login requests themselves are the evidence: a captured one, or a payload pasted by hand
  // (NetworkRequest.pasted, which does not make the page network-captured). Without either there
  // is nothing to judge.
  notApplicable(_ctx, page) {
    if (page && !page.networkCaptured && page.loginRequests.length === 0) return ['network'];
    return undefined;
  },
  check(ctx, page) {
    if (!page) return [];
    const tags = executedTags(page).tags;
    // expected: keyword → last constant value (undefined: only known at run time)
    const expected = new Map<string, { value?: string; call: (typeof tags)[number]['keywords'][number]['call'] }>();
    let sdkOnlyLogin = false;
    for (const tag of tags) {
      for (const k of tag.keywords) {
        if (tag.form === 'sdk') sdkOnlyLogin = true;
        if (k.via === 'sdk-user-infos') continue;
        expected.set(k.name, { value: valueText(k.value), call: k.call });
      }
    }
    if (expected.size === 0) return [];
    const personal = personalValues(tags);
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    for (const r of page.loginRequests) {
      if (r.query.status !== 'ok') continue;
      const sent = new Map(r.query.entries.map((e) => [e.key, e.value]));
      const push = (key: string, report: RuleReport) => {
        if (seen.has(key) || reports.length >= MAX_DIFFS) return;
        seen.add(key);
        reports.push(report);
      };
      for (const [name, exp] of expected) {
        const got = sent.get(name);
        const tagEv = callEvidence(ctx, exp.call, personal);
        if (got === undefined) {
          push(`missing:${name}`, {
            messageId: 'missing-key',
            data: { keyword: name },
            evidence: [loginRequestEvidence(r, `query keys: ${[...sent.keys()].join(', ')}`), tagEv],
          });
        } else if (exp.value !== undefined && got !== exp.value) {
          push(`value:${name}:${got}`, {
            messageId: 'value-differs',
            data: { keyword: name, tagValue: JSON.stringify(showValue(ctx, exp.value)), queryValue: JSON.stringify(showValue(ctx, got)) },
            evidence: [{ ...loginRequestEvidence(r, `query.${name}`), values: maskValues(ctx, [got]) }, { ...tagEv, values: maskValues(ctx, [exp.value]) }],
          });
        }
      }
      // the SDK may add its own entries (user_infos): only queue tags must match key for key
      if (sdkOnlyLogin) continue;
      for (const [key, value] of sent) {
        if (expected.has(key)) continue;
        push(`extra:${key}`, {
          messageId: 'extra-key',
          data: { keyword: key, queryValue: JSON.stringify(showValue(ctx, value)) },
          evidence: [{ ...loginRequestEvidence(r, `query.${key}`), values: maskValues(ctx, [value]) }],
        });
      }
    }
    return reports;
  },
};

export default rule;
