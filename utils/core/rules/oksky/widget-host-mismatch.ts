import type { Rule, RuleReport } from '../types';
import { DOC_000, executedTags, hostOf, pageEvidence, tagEvidence, tenantOfHost, tenantOfKey, widgetDomain } from './_shared';

/**
 * 000's two tags: the logged-in example loads `kobuna-s-001.okskychat.net`, the logged-out
 * example `kobuna-s-001.oksky-chat.net`. A widget host of another tenant than the key, or another
 * widget domain between pages, connects the visitor to a different widget.
 */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'oksky/widget-host-mismatch',
    severity: 'warning',
    title: { ja: 'ウィジェットの接続先（ホスト）が一致しません', en: 'The widget host does not match' },
    messages: {
      tenant: {
        ja: 'ウィジェットの読み込み先「{host}」のテナント（{hostTenant}）と、key「{key}」の先頭のテナント（{keyTenant}）が一致しません。別のテナントのタグを組み合わせている可能性があり、会員情報が担当者の確認している接客管理画面に届きません。',
        en: 'The tenant of the widget host "{host}" ({hostTenant}) differs from the tenant prefix of the key "{key}" ({keyTenant}). Tags of different tenants seem to be mixed; the member information does not reach the admin screen the staff looks at.',
      },
      domain: {
        ja: '同じセッションのページで、ウィジェットの読み込み先のドメインが異なります（{domains}）。000 のログイン時の例は「okskychat.net」、未ログイン時の例は「oksky-chat.net」を読み込んでおり、ページによって別のウィジェットに接続していることになります。ログイン時と未ログイン時でルームが別れる原因になります。',
        en: 'Pages of one session load the widget from different domains ({domains}). 000\'s logged-in example loads okskychat.net, its logged-out example oksky-chat.net: the pages connect to different widgets, so logged-in and logged-out visits end up in different rooms.',
      },
    },
    fix: {
      ja: 'key と同じテナントのウィジェット URL を使ってください。\nhttps://{keyTenant}.okskychat.net/widget/widget.js',
      en: 'Use the widget URL of the key\'s tenant:\nhttps://{keyTenant}.okskychat.net/widget/widget.js',
    },
    fixes: {
      domain: {
        ja: 'すべてのページ（ログイン時・未ログイン時とも）で、同じドメインのウィジェット URL（例: {firstHost}）を使ってください。',
        en: 'Use the widget URL of the same domain (e.g. {firstHost}) on every page, logged in and logged out.',
      },
    },
    source: { doc: DOC_000, section: 'ログインしていないユーザーのルームが毎回変わってしまう' },
    requires: ['oksky-tag'],
  },
  check(ctx) {
    const reports: RuleReport[] = [];
    const domains: { domain: string; host: string; pageIndex: number }[] = [];
    for (const page of ctx.pages) {
      const { tags } = executedTags(page);
      for (const tag of tags) {
        const host = tag.widgetHost ?? hostOf(tag.widgetUrl);
        const hostTenant = tenantOfHost(host);
        const keyTenant = tenantOfKey(tag.key);
        if (host && hostTenant && keyTenant && hostTenant !== keyTenant) {
          reports.push({ messageId: 'tenant', pageIndex: page.index, data: { host, hostTenant, key: tag.key ?? '', keyTenant }, evidence: [tagEvidence(tag)] });
        }
      }
      const host = tags.map((t) => t.widgetHost ?? hostOf(t.widgetUrl)).find((h) => h);
      const domain = widgetDomain(host);
      if (host && domain) domains.push({ domain, host, pageIndex: page.index });
    }
    const distinct: typeof domains = [];
    for (const d of domains) if (!distinct.some((x) => x.domain === d.domain)) distinct.push(d);
    if (distinct.length > 1) {
      const first = distinct[0];
      const other = distinct[1];
      reports.push({
        messageId: 'domain',
        pageIndex: other.pageIndex,
        data: { domains: distinct.map((d) => d.domain).join(' / '), firstHost: first.host },
        evidence: distinct.slice(0, 5).map((d) => pageEvidence(ctx.pages[d.pageIndex], `widget: ${d.host}`)),
      });
    }
    return reports;
  },
};

export default rule;
