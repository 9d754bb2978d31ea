import checklist from './ecai-cart-abandonment';
import { runChecklistCases } from './case-tester';

const cart = (o: { time?: string; status?: boolean; query?: string; shopify?: string }) => `<h1>かご落ちLINE設定</h1>
${o.shopify !== undefined ? `<table><tr><th>Shopify</th><td>${o.shopify}</td></tr></table>` : ''}
${o.time !== undefined ? `<label for=t>【1】かご落ちLINEを配信する時間</label><select id=t><option value="">選択してください</option>${['すぐに配信', '1時間後', '6時間後', '10時間後(推奨)', '24時間後'].map((t) => `<option${t === o.time ? ' selected' : ''}>${t}</option>`).join('')}</select>` : ''}
${o.status !== undefined ? `<div><span id=s>【2】ステータス</span><button role=switch aria-labelledby=s aria-checked="${o.status}"></button></div>` : ''}
${o.query !== undefined ? `<label>【9】クエリパラメータ設定<input value="${o.query}"></label>` : ''}`;

runChecklistCases(checklist, [
  {
    name: 'a complete setting',
    page: 'ecai-cart-abandonment',
    html: cart({ time: '10時間後(推奨)', status: true, query: 'utm_source=line&utm_medium=cart', shopify: '連携済み' }),
    expect: { 'send-time-chosen': 'pass', 'status-on': 'pass', 'query-parameters': 'pass', 'shopify-linked': 'pass', 'member-cart-linked': 'unknown' },
  },
  {
    name: 'status off sends nothing; no time chosen; query parameters are optional',
    page: 'ecai-cart-abandonment',
    html: cart({ time: '', status: false, query: '' }),
    expect: { 'send-time-chosen': 'fail', 'status-on': { state: 'fail', message: 'オンにしないと配信されません' }, 'query-parameters': { state: 'pass', message: '任意' } },
  },
  {
    name: 'malformed query parameters fail',
    page: 'ecai-cart-abandonment',
    html: cart({ query: 'utm_source line' }),
    expect: { 'query-parameters': 'fail' },
  },
  {
    name: 'query parameters with a leading ?',
    page: 'ecai-cart-abandonment',
    html: cart({ query: '?utm_source=line&utm_campaign=' }),
    expect: { 'query-parameters': 'pass' },
  },
  {
    name: 'another send time than the recommended one passes with a note',
    page: 'ecai-cart-abandonment',
    html: cart({ time: '1時間後' }),
    expect: { 'send-time-chosen': { state: 'pass', message: '推奨' } },
  },
  {
    name: 'Shopify not linked (外部連携)',
    page: 'ecai-external-integrations',
    html: '<h1>外部連携</h1><dl><dt>Shopify</dt><dd>未連携</dd></dl>',
    expect: { 'shopify-linked': 'fail', 'status-on': 'unknown' },
  },
]);
