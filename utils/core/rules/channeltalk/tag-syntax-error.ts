import type { Rule, RuleReport } from '../types';
import { DOC_SDK, evidenceOf } from './_shared';

/**
 * The inline script holding the Channel Talk tag does not parse: the browser runs none of it, so
 * the loader never loads and `boot` never runs (typographic quotes from a document or chat are
 * the usual cause, as with OK SKY's tags). Not in RULES.md's table: added because a broken
 * install script is the first thing support looks for.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/tag-syntax-error',
    severity: 'error',
    title: { ja: 'チャネルトークのスクリプトに構文エラーがあります', en: 'The Channel Talk script has a syntax error' },
    messages: {
      default: {
        ja: 'チャネルトークのインストールスクリプトを含む script が構文エラーのため実行されません（{line}行目 {column}列: {message}）。SDK の読み込みも boot も行われず、チャネルボタンは表示されません。',
        en: 'The script holding the Channel Talk install script does not run because of a syntax error (line {line}, column {column}: {message}). Neither the SDK load nor boot happens, and no channel button appears.',
      },
      'smart-quotes': {
        ja: 'チャネルトークのインストールスクリプトの {line}行目に全角や装飾付きの引用符（“ ” ‘ ’ など）が使われているため、script 全体が構文エラーになり実行されません。ドキュメントやチャットからコピーしたときに引用符が置き換わることがあります。',
        en: 'Line {line} of the Channel Talk install script uses typographic quotes (“ ” ‘ ’ …), so the whole script is a syntax error and does not run. Quotes are often replaced when code is copied from documents or chats.',
      },
    },
    fix: {
      ja: '{line}行目 {column}列付近を直し、script がエラーなく実行されることをブラウザのコンソールで確認してください。',
      en: 'Fix the code around line {line}, column {column} and check in the browser console that the script runs without errors.',
    },
    fixes: {
      'smart-quotes': {
        ja: '{line}行目の引用符を半角の \' または " に置き換えてください（例: ChannelIO(\'boot\', { "pluginKey": "…" })）。',
        en: 'Replace the quotes on line {line} with straight \' or " (e.g. ChannelIO(\'boot\', { "pluginKey": "…" })).',
      },
    },
    source: { doc: DOC_SDK, section: 'インストールスクリプト' },
    requires: ['channeltalk-tag'],
  },
  check(_ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const e of ev.syntaxErrors) {
      const data = { line: e.location.line, column: e.location.column, message: e.message.slice(0, 200) };
      reports.push({
        messageId: e.smartQuotes ? 'smart-quotes' : 'default',
        data,
        evidence: [{ source: 'static', text: e.message.slice(0, 200), location: e.location }],
      });
    }
    return reports;
  },
};

export default rule;
