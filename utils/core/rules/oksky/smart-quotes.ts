import type { Evidence } from '../../model';
import type { Rule, RuleReport } from '../types';
import { DOC_000, callText, clip, maskCallLiterals, maskInText, personalValues, straightenQuotes } from './_shared';

const TYPOGRAPHIC = /[“”‘’＂＇″′]/g;

function quotesIn(text: string): string {
  return [...new Set(text.match(TYPOGRAPHIC) ?? [])].join(' ');
}

/**
 * 000's own example tags write `OkskyChat(“customer_id”, “xxxxx");`: copied from a document or a
 * chat tool, the typographic quotes are not string delimiters in JavaScript. The whole inline
 * script is a SyntaxError, so nothing in it runs — not the loader, not the key, not the linkage.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/smart-quotes',
    severity: 'error',
    title: { ja: 'タグに全角・装飾の引用符（“ ”）が使われています', en: 'The tag uses typographic quotes (“ ”)' },
    messages: {
      default: {
        ja: '{line} 行 {column} 列目で、文字列の区切りに {quotes} が使われています。資料やチャットからコピーすると、「"」が「“ ”」に変わってしまうことがあります。JavaScript ではこの記号を引用符として扱えないため、このスクリプト全体がエラー（SyntaxError）になり、埋め込みタグが 1 行も動きません（チャットも会員情報連携も動作しません）。',
        en: 'At line {line}, column {column}, {quotes} are used as string delimiters. Copying from a document or a chat tool turns " into “ ”. JavaScript does not accept them as quotes, so the whole script is a SyntaxError and no line of the tag runs (neither the chat nor the member linkage).',
      },
      call: {
        ja: '{line} 行目の呼び出しで、文字列の区切りに {quotes} が使われています。JavaScript ではこの記号を引用符として扱えないため、このスクリプトはエラー（SyntaxError）になり、これ以降のタグは動きません。',
        en: 'The call on line {line} uses {quotes} as string delimiters. JavaScript does not accept them as quotes, so the script is a SyntaxError and the tag after it does not run.',
      },
    },
    fix: {
      ja: '引用符をすべて半角の「"」に書き直してください（−の行を ＋の行に置き換えます）。\n- {original}\n+ {corrected}',
      en: 'Rewrite every quote as the ASCII " character (replace the line marked − with the line marked +):\n- {original}\n+ {corrected}',
    },
    source: { doc: DOC_000, section: 'IDは送信されているのに、ルームが別れてしまう' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    const personal = personalValues(page.oksky.staticTags);
    const reports: RuleReport[] = [];
    const reportedScripts = new Set<number>();
    for (const e of page.oksky.syntaxErrors) {
      if (!e.smartQuotes || !e.holdsTag) continue;
      reportedScripts.add(e.scriptIndex);
      const text = maskInText(ctx, maskCallLiterals(ctx, clip(e.lineText, 300)), personal);
      const evidence: Evidence = { source: 'static', text, location: e.location };
      reports.push({
        data: {
          line: e.location.line,
          column: e.location.column,
          quotes: quotesIn(e.lineText) || '“ ”',
          original: text.trim(),
          corrected: straightenQuotes(text).trim(),
        },
        evidence: [evidence],
      });
    }
    for (const tag of page.oksky.staticTags) {
      for (const c of tag.calls) {
        if (!c.smartQuotes) continue;
        if (c.location?.script !== undefined && reportedScripts.has(c.location.script)) continue;
        if (c.location?.script === undefined && reportedScripts.size > 0) continue;
        const text = maskInText(ctx, callText(c), personal);
        reports.push({
          messageId: 'call',
          data: { line: c.location?.line ?? 0, quotes: quotesIn(callText(c)) || '“ ”', original: text, corrected: straightenQuotes(text) },
          evidence: [{ source: 'static', text, ...(c.location ? { location: c.location } : {}) }],
        });
      }
    }
    return reports;
  },
};

export default rule;
