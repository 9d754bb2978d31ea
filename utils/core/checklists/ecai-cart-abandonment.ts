/**
 * ecai-cart-abandonment — かご落ちLINE (002 ■配信条件, ■セット箇所 ①–⑤, 【1】【2】【9】).
 */
import { checkToggle, cleanValue, fieldEvidence } from './checks';
import { normaliseLabel } from './normalise';
import { defineChecklist, type EvalContext, type ItemEval } from './types';
import { findField, isUnselected } from './vocabulary';

const DOC = '002';
const SECTION = 'かご落ちLINE';

export const SEND_TIMES = ['すぐに', '1時間後', '6時間後', '10時間後', '24時間後'] as const;

function shopifyLinked(ctx: EvalContext): ItemEval | undefined {
  const f = findField(ctx.page, 'shopify');
  if (!f) return undefined;
  const v = normaliseLabel(f.value);
  if (v.includes('未連携') || v.includes('連携していません') || v.includes('未接続')) return { state: 'fail', data: { value: f.value }, evidence: [fieldEvidence(f, f.value)] };
  if (v.includes('連携済')) return { state: 'pass', evidence: [fieldEvidence(f, f.value)] };
  return undefined;
}

function sendTimeChosen(ctx: EvalContext): ItemEval | undefined {
  const f = findField(ctx.page, 'sendTime');
  if (!f) return undefined;
  const v = cleanValue(f.value);
  if (!v || isUnselected(v)) return { state: 'fail', evidence: [fieldEvidence(f, '')] };
  const k = normaliseLabel(v);
  const which = SEND_TIMES.find((t) => k.includes(normaliseLabel(t)) || (t === 'すぐに' && k.includes('直後')));
  if (!which) return { state: 'fail', messageId: 'other', data: { value: v }, evidence: [fieldEvidence(f, v)] };
  const note = which === '10時間後' ? undefined : { ja: '推奨は「10時間後」です。', en: '"10 hours later" is recommended.' };
  return { state: 'pass', evidence: [fieldEvidence(f, v)], ...(note ? { note } : {}) };
}

/** Optional (002 【9】): empty is fine; when set, `name=value` pairs joined by `&`. */
function queryParameters(ctx: EvalContext): ItemEval | undefined {
  const f = findField(ctx.page, 'queryParams');
  if (!f) return undefined;
  const v = cleanValue(f.value);
  if (!v) return { state: 'pass', evidence: [fieldEvidence(f, '')], note: { ja: '未設定です(任意)。計測しない場合はこのままで構いません。', en: 'Not set (optional): fine when you do not measure.' } };
  const body = v.replace(/^[?&]/u, '');
  const ok = !/\s/u.test(body) && !/^https?:/iu.test(body) && body.split('&').every((p) => /^[^=&]+=[^=&]*$/u.test(p));
  return ok ? { state: 'pass', evidence: [fieldEvidence(f, v)] } : { state: 'fail', data: { value: v }, evidence: [fieldEvidence(f, v)] };
}

export default defineChecklist({
  id: 'ecai-cart-abandonment',
  title: { ja: 'かご落ちLINE', en: 'Cart abandonment LINE (かご落ちLINE)' },
  source: { doc: DOC, section: SECTION },
  items: [
    {
      id: 'shopify-linked',
      title: { ja: 'ShopifyカートとECAIの外部連携が「連携済み」', en: 'The Shopify cart integration is "連携済み" (linked)' },
      fix: { ja: 'ShopifyとECAIの連携を行ってください(①)。Shopifyカートの外部連携が「連携済み」でないとかご落ちLINEは配信されません。', en: 'Link Shopify and ECAI first (①). Nothing is sent unless the Shopify cart integration shows "連携済み".' },
      source: { doc: DOC, section: `${SECTION} ■配信条件 / ①` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-external-integrations', 'ecai-cart-abandonment'],
      messages: { default: { ja: 'Shopifyの外部連携が「{value}」です。', en: 'The Shopify integration shows "{value}".' } },
      evaluate: shopifyLinked,
    },
    {
      id: 'status-on',
      title: { ja: '【2】かご落ちLINEのステータスを「オン」にする', en: '【2】 Turn the cart abandonment LINE status on' },
      fix: { ja: 'コンテンツ > 外部連携 > かご落ちLINE > かご落ちLINE設定 で【2】ステータスを「オン」にしてください。オンにしないと配信されません。', en: 'In コンテンツ > 外部連携 > かご落ちLINE > かご落ちLINE設定, turn 【2】 ステータス on; otherwise nothing is sent.' },
      source: { doc: DOC, section: `${SECTION} 【2】ステータス` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-cart-abandonment'],
      messages: { default: { ja: 'かご落ちLINEの「{label}」が「{value}」です。オンにしないと配信されません。', en: 'The cart abandonment "{label}" is {value}; nothing is sent until it is on.' } },
      evaluate: (ctx) => checkToggle(ctx, 'status', true),
    },
    {
      id: 'send-time-chosen',
      title: { ja: '【1】かご落ちLINEを配信する時間を選択する', en: '【1】 Choose when to send the cart abandonment LINE' },
      fix: { ja: '【1】かご落ちLINEを配信する時間を「すぐに配信・1時間後・6時間後・10時間後(推奨)・24時間後」から選択してください。', en: 'Choose 【1】 the send time: immediately, 1, 6, 10 (recommended) or 24 hours later.' },
      source: { doc: DOC, section: `${SECTION} 【1】` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-cart-abandonment'],
      messages: {
        default: { ja: 'かご落ちLINEを配信する時間が選択されていません。', en: 'No send time is chosen.' },
        other: { ja: '配信する時間「{value}」は、すぐに配信・1時間後・6時間後・10時間後・24時間後のいずれでもありません。', en: 'The send time "{value}" is none of immediately, 1, 6, 10 or 24 hours.' },
      },
      evaluate: sendTimeChosen,
    },
    {
      id: 'query-parameters',
      title: { ja: '【9】クエリパラメータ設定(計測する場合)', en: '【9】 Query parameters (for measurement)' },
      fix: {
        ja: 'かご落ちLINEからの購入率等を計測したい場合は、【9】クエリパラメータを「utm_source=line&utm_medium=cart」のように「名前=値」を「&」でつないで設定してください(Google Analyticsでの計測等に活用できます)。',
        en: 'To measure purchases from the cart abandonment LINE (e.g. in Google Analytics), set 【9】 query parameters as name=value pairs joined with "&" (utm_source=line&utm_medium=cart).',
      },
      source: { doc: DOC, section: `${SECTION} 【9】クエリパラメータ設定` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-cart-abandonment'],
      messages: {
        default: { ja: 'クエリパラメータ「{value}」の形式が正しくありません。「名前=値」を「&」でつないでください。', en: 'The query parameters "{value}" are malformed: join name=value pairs with "&".' },
      },
      evaluate: queryParameters,
    },
    {
      id: 'member-cart-linked',
      title: { ja: 'ECAIの会員とShopifyがカート連携されている', en: 'ECAI members are linked to the Shopify cart' },
      fix: { ja: 'ECAIの会員とShopifyがカート連携されている事を確認してください(配信条件)。', en: 'Make sure ECAI members are linked to the Shopify cart (a sending condition).' },
      source: { doc: DOC, section: `${SECTION} ■配信条件` },
      verify: ['manual'],
      severity: 'error',
      pages: [],
      messages: { default: { ja: '会員とShopifyのカート連携がまだ確認されていません。', en: 'The member ⇄ Shopify cart link is not confirmed yet.' } },
    },
  ],
});
