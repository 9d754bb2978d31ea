import type { Rule, RuleReport } from '../types';
import { DOC_SDK, clip, maskCallLiterals, maskInText, personalValues } from './_shared';

/**
 * A script holding the tag that does not parse runs not at all (OK SKY's SDK docs themselves show
 * `{"ga_client_code", "..."}`, a set-like object that is a SyntaxError). Typographic quotes are
 * reported by oksky/smart-quotes.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/tag-syntax-error',
    severity: 'error',
    title: { ja: 'タグを含むスクリプトに文法エラーがあります', en: 'The script holding the tag has a syntax error' },
    messages: {
      default: {
        ja: '埋め込みタグを含むスクリプトの {line} 行 {column} 列目が JavaScript として読めません（{message}）。スクリプトに文法エラーがあると、そのスクリプトは 1 行も実行されないため、チャットも会員情報連携も動作しません。タグの記述に間違いはないかをご確認下さい。',
        en: 'The script holding the tag cannot be read as JavaScript at line {line}, column {column} ({message}). A script with a syntax error does not run at all, so neither the chat nor the member linkage works. Check the tag for typos.',
      },
      'missing-bang': {
        ja: '埋め込みタグの {line} 行目が「function(」で始まっていて、先頭の「!」がありません（{message}）。名前のない function で文が始まると JavaScript として読めないため、このスクリプトは 1 行も実行されず、チャットも会員情報連携も動作しません。',
        en: 'Line {line} of the tag starts with "function(" without the leading "!" ({message}). A statement cannot start with a nameless function, so the script does not run at all: neither the chat nor the member linkage works.',
      },
    },
    fixes: {
      'missing-bang': {
        ja: '{line} 行目の先頭に「!」を付けて、埋め込みタグ 例(正) のとおり「!function(t,e,o,n){…}(window,document);」の形にしてください。問題の行:\n{lineText}',
        en: 'Put "!" at the start of line {line}, as in the correct example tag: "!function(t,e,o,n){…}(window,document);". The line:\n{lineText}',
      },
    },
    fix: {
      ja: '{line} 行目を正しい JavaScript に直してください（括弧・カンマ・引用符の対応、オブジェクトは `{ key: "値" }` の形）。問題の行:\n{lineText}',
      en: 'Correct line {line} (matching brackets, commas and quotes; objects are written `{ key: "value" }`). The line:\n{lineText}',
    },
    source: { doc: DOC_SDK, section: 'ga_client_code' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    const personal = personalValues(page.oksky.staticTags);
    const reports: RuleReport[] = [];
    for (const e of page.oksky.syntaxErrors) {
      if (e.smartQuotes || !e.holdsTag) continue;
      const lineText = maskInText(ctx, maskCallLiterals(ctx, clip(e.lineText, 300)), personal).trim();
      // 000's login-time example without its leading `!`: the loader IIFE read as a function declaration
      const missingBang = /^\s*function\s*\(/.test(e.lineText) && /\}\s*\(\s*window\s*,\s*document\s*\)\s*;?\s*$/.test(e.lineText);
      reports.push({
        ...(missingBang ? { messageId: 'missing-bang' } : {}),
        data: { line: e.location.line, column: e.location.column, message: clip(e.message, 200), lineText },
        evidence: [{ source: 'static', text: lineText, location: e.location }],
      });
    }
    return reports;
  },
};

export default rule;
