import type { Evidence } from '../../model';
import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, executedTags, tagEvidence, valueText } from './_shared';

/**
 * A tag written into the site template and again into a tag manager loads the widget twice and
 * sends the key twice: two widgets, two `/login` requests, sometimes with different linkage.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/duplicate-tag',
    severity: 'warning',
    title: { ja: 'OK SKY のタグが重複しています', en: 'The OK SKY tag is set more than once' },
    messages: {
      loader: {
        ja: 'ウィジェットを読み込む記述（ローダー）がこのページで {count} 回実行されています。サイトのテンプレートとタグマネージャーの両方にタグを埋め込んでいる場合によく起こります。ウィジェットが二重に動き、会員情報連携の値が片方にしか入らないことがあります。埋め込んだページに間違いはないかをご確認下さい。',
        en: 'The loader that loads the widget runs {count} times on this page. This usually happens when the tag is in both the site template and a tag manager. The widget runs twice and the linkage may reach only one of them.',
      },
      key: {
        ja: '同じ key「{key}」が {count} 回設定されています。サイトのテンプレートとタグマネージャーの両方にタグを埋め込んでいる可能性があります。片方のタグだけが会員情報連携の記述を持っていると、連携されないことがあります。',
        en: 'The same key "{key}" is set {count} times. The tag is probably in both the site template and a tag manager; if only one of them carries the linkage, it may not be linked.',
      },
    },
    fix: {
      ja: 'タグを 1 か所（テンプレートかタグマネージャーのどちらか）にまとめ、ログイン時は ID 連携のタグ、未ログイン時は通常のタグが 1 つだけ出力されるようにしてください。',
      en: 'Keep the tag in one place (template or tag manager) so that exactly one tag is output: the linkage tag when logged in, the plain tag when logged out.',
    },
    source: { doc: DOC_000, section: '会員情報の連携のタグを埋めたがルームに情報が届かない' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    const { tags } = executedTags(page);
    const reports: RuleReport[] = [];
    const loaders = tags.reduce((n, t) => n + t.loaderCount, 0);
    if (loaders > 1) {
      reports.push({ messageId: 'loader', data: { count: loaders }, evidence: tags.filter((t) => t.loaderCount > 0).slice(0, 5).map(tagEvidence) });
      return reports;
    }
    const keyCalls = new Map<string, Evidence[]>();
    for (const tag of tags) {
      for (const c of tag.calls) {
        if (c.form !== 'queue' || c.name !== 'key') continue;
        const k = valueText(c.args[0]);
        if (k === undefined) continue;
        keyCalls.set(k, [...(keyCalls.get(k) ?? []), callEvidence(ctx, c)]);
      }
      if (tag.form === 'sdk' && tag.key) keyCalls.set(tag.key, [...(keyCalls.get(tag.key) ?? []), tagEvidence(tag)]);
    }
    for (const [key, evidence] of keyCalls) {
      if (evidence.length > 1) reports.push({ messageId: 'key', data: { key, count: evidence.length }, evidence: evidence.slice(0, 5) });
    }
    return reports;
  },
};

export default rule;
