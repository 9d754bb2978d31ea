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
      template: {
        ja: 'チャネルトークのスクリプトの {line}行目に、サーバーで展開されるはずのテンプレートの式 {template} がそのまま残っており、script 全体が構文エラーになり実行されません（{line}行目 {column}列: {message}）。SDK の読み込みも boot も行われず、チャネルボタンは表示されません。',
        en: 'Line {line} of the Channel Talk script still holds the template expression {template}, which the server should have rendered, so the whole script is a syntax error and does not run (line {line}, column {column}: {message}). Neither the SDK load nor boot happens, and no channel button appears.',
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
      template: {
        ja: 'テンプレートの式 {template} がサーバー側で展開されるようにしてください（テンプレートの拡張子や設定、変数名を確認）。値を JavaScript の文字列に入れるときは、引用符を含む値でも壊れないようにエスケープしてください（例: PHP の json_encode、Twig の |json_encode、ERB の .to_json）。',
        en: 'Make sure the server renders the template expression {template} (check the template\'s file type, settings and variable name). When a value goes into a JavaScript string, escape it so quotes in the value cannot break the script (e.g. PHP json_encode, Twig |json_encode, ERB .to_json).',
      },
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
      const data = { line: e.location.line, column: e.location.column, message: e.message.slice(0, 200), template: e.template ?? '' };
      const evidence: RuleReport['evidence'] = [{ source: 'static', text: e.message.slice(0, 200), location: e.location }];
      // the template's text is not a personal value: shown as written
      if (e.template !== undefined) evidence.push({ source: 'static', text: e.template, location: e.location });
      reports.push({
        messageId: e.smartQuotes ? 'smart-quotes' : e.template !== undefined ? 'template' : 'default',
        data,
        evidence,
      });
    }
    return reports;
  },
};

export default rule;
