import { isPlaceholder } from '../../placeholder';
import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, globalName, loginKeyNames, maskValues, personalValues, showValue } from './_shared';

export type NumberLiteralProblem = 'leading-zero' | 'unsafe-integer' | 'exponent' | 'other';

/** Why a number literal's source text differs from the text JavaScript sends, or undefined when it does not. */
export function numberLiteralProblem(raw: string, value: number): NumberLiteralProblem | undefined {
  const text = raw.trim();
  const sent = String(value);
  if (text === sent) return undefined;
  const unsigned = text.replace(/^[-+]\s*/, '');
  if (/^0[0-9]/.test(unsigned)) return 'leading-zero';
  if (/^[0-9._]+[eE]/.test(unsigned)) return 'exponent';
  if (/^[0-9_]+$/.test(unsigned) && !Number.isSafeInteger(value)) return 'unsafe-integer';
  return 'other';
}

/**
 * 000 (会員No.): a member number written without quotes is a JavaScript number. `012345` is sent as
 * 5349 (legacy octal) or 12345, a 17-digit number loses its last digits, `1e5` becomes 100000.
 * The value OK SKY receives is not the member's number.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/login-value-number-literal',
    severity: 'error',
    title: { ja: '会員の値が引用符なしの数値で書かれています', en: 'The member value is an unquoted number literal' },
    messages: {
      'leading-zero': {
        ja: 'マスターキーワード「{keyword}」の値が引用符なしの数値 {raw} で書かれています。先頭の 0 は JavaScript では数値として扱われるため消えてしまい（0 で始まる数字は 8 進数として読まれることもあります）、実際に送信される値は {sent} です。会員No. と一致しないため、来訪者を正しく識別できません。',
        en: 'The value of the keyword "{keyword}" is the unquoted number {raw}. JavaScript drops the leading zero (and may read it as octal), so what is sent is {sent}: not the member number, so the visitor is not identified correctly.',
      },
      'unsafe-integer': {
        ja: 'マスターキーワード「{keyword}」の値が引用符なしの数値 {raw} で書かれています。JavaScript の数値で正確に表せる桁数（2^53）を超えているため下の桁が丸められ、実際に送信される値は {sent} です。会員No. と一致しないため、別の来訪者として扱われます。',
        en: 'The value of the keyword "{keyword}" is the unquoted number {raw}. It is beyond what a JavaScript number holds exactly (2^53), the last digits are rounded and {sent} is sent: not the member number, so the visitor is treated as someone else.',
      },
      exponent: {
        ja: 'マスターキーワード「{keyword}」の値が指数表記の数値 {raw} で書かれています。JavaScript では数値として計算され、実際に送信される値は {sent} です。会員の値と一致しません。',
        en: 'The value of the keyword "{keyword}" is the exponent literal {raw}. JavaScript evaluates it and sends {sent}, which is not the member\'s value.',
      },
      other: {
        ja: 'マスターキーワード「{keyword}」の値が引用符なしの数値 {raw} で書かれています。JavaScript では数値として扱われ、実際に送信される値は {sent} です。書かれた値と送信される値が一致しません。',
        en: 'The value of the keyword "{keyword}" is the unquoted number {raw}. JavaScript treats it as a number and sends {sent}, which differs from what is written.',
      },
    },
    fix: {
      ja: '会員の値は必ず引用符で囲んだ文字列として出力してください。\n{global}("{keyword}", "{quoted}");',
      en: 'Always output the member value as a quoted string:\n{global}("{keyword}", "{quoted}");',
    },
    source: { doc: DOC_000, section: '会員No.' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    const reports: RuleReport[] = [];
    // the source text is the evidence here: read the static tags
    for (const tag of page.oksky.staticTags) {
      const personal = personalValues([tag]);
      const identifying = new Set(loginKeyNames(tag));
      for (const k of tag.keywords) {
        const v = k.value;
        if (v.kind !== 'number' || v.raw === undefined) continue;
        const problem = numberLiteralProblem(v.raw, v.value);
        if (!problem) continue;
        reports.push({
          messageId: problem,
          data: {
            keyword: k.name,
            raw: showValue(ctx, v.raw),
            // a sample literal (000's 012345) is not personal: neither is what it turns into
            sent: isPlaceholder(v.raw) ? String(v.value) : showValue(ctx, String(v.value)),
            quoted: showValue(ctx, v.raw),
            identifying: identifying.has(k.name) ? 'yes' : 'no',
            global: globalName(tag),
          },
          evidence: [{ ...callEvidence(ctx, k.call, personal, maskValues(ctx, [v.raw, String(v.value)])), source: 'static' }],
        });
      }
    }
    return reports;
  },
};

export default rule;
