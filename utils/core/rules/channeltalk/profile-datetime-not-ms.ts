import { checkTimestamp, isDateKey, profileEntries, showValue, type TimestampVerdict } from '../../channeltalk/values';
import type { Rule, RuleReport } from '../types';
import { DOC_001, callEvidence, evidenceOf, userCalls } from './_shared';

function suggestion(v: TimestampVerdict): string {
  if (v.suggestion === undefined) return 'new Date("2024-01-01T00:00:00+09:00").getTime()';
  return `${v.suggestion}${v.assumedJst ? ' (+09:00)' : ''}`;
}

/**
 * 001 データタイプ: 「日時データを使用する場合は timestamp を millisecond 単位形式で送信する必要があります」.
 * A Date/Datetime profile value sent as a date string or a seconds timestamp is misread.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/profile-datetime-not-ms',
    severity: 'error',
    title: { ja: '日時のプロフィール値がミリ秒の timestamp ではありません', en: 'Date profile value is not a millisecond timestamp' },
    messages: {
      seconds: {
        ja: 'profile の {key} が秒単位の timestamp（{value}）で送信されています。日時データは millisecond 単位の timestamp で送信する必要があるため、チャネルトークでは 1970年1月の日時として扱われます。',
        en: 'profile {key} is sent as a timestamp in seconds ({value}). Date values must be millisecond timestamps, so Channel Talk reads it as a date in January 1970.',
      },
      microseconds: {
        ja: 'profile の {key} がマイクロ秒単位の値（{value}）で送信されています。日時データは millisecond 単位の timestamp で送信する必要があるため、遠い未来の日時として扱われます。',
        en: 'profile {key} is sent in microseconds ({value}). Date values must be millisecond timestamps, so it is read as a date far in the future.',
      },
      'number-string': {
        ja: 'profile の {key} が timestamp の文字列（{value}）で送信されています。日時データは millisecond 単位の timestamp を数値で送信してください。文字列のままでは日時として扱われません。',
        en: 'profile {key} is a timestamp written as a string ({value}). Send the millisecond timestamp as a number; a string is not read as a date.',
      },
      'date-string': {
        ja: 'profile の {key} が日付の文字列（{value}、形式: {format}）で送信されています。日時データは millisecond 単位の timestamp で送信する必要があるため、日時として保存・絞り込みができません。',
        en: 'profile {key} is sent as a date string ({value}, format: {format}). Date values must be millisecond timestamps; a string cannot be stored or filtered as a date.',
      },
      'compact-date': {
        ja: 'profile の {key} が YYYYMMDD 形式の数値（{value}）で送信されています。日時データは millisecond 単位の timestamp で送信する必要があるため、1970年1月1日の数時間後として扱われます。',
        en: 'profile {key} is a YYYYMMDD number ({value}). Date values must be millisecond timestamps, so it is read as a few hours after 1 January 1970.',
      },
      'not-timestamp': {
        ja: 'profile の {key} は日時の項目ですが、値（{value}、{format}）が timestamp ではありません。日時データは millisecond 単位の timestamp で送信してください。',
        en: 'profile {key} is a date field but its value ({value}, {format}) is not a timestamp. Send date values as millisecond timestamps.',
      },
    },
    fix: {
      ja: '{key} には millisecond 単位の timestamp（13桁の数値）を送信してください。JavaScript では `new Date(…).getTime()` または `Date.now()` がミリ秒を返します（秒の値は 1000 倍してください）。例:\n{key}: {suggestion}',
      en: 'Send {key} as a millisecond timestamp (a 13-digit number). In JavaScript `new Date(…).getTime()` and `Date.now()` return milliseconds (multiply seconds by 1000). For example:\n{key}: {suggestion}',
    },
    source: { doc: DOC_001, section: 'データタイプ' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of userCalls(ev)) {
      for (const e of profileEntries(call)) {
        if (!isDateKey(e.key)) continue;
        const verdict = checkTimestamp(e.value);
        if (!verdict) continue;
        reports.push({
          messageId: verdict.problem,
          data: { key: e.key, value: showValue(e.value), format: verdict.format, suggestion: suggestion(verdict) },
          evidence: [callEvidence(ctx, call, undefined, `${e.container}.${e.key} = ${showValue(e.value)}`)],
        });
      }
    }
    return reports;
  },
};

export default rule;
