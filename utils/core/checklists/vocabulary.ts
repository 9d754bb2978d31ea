/**
 * The documented labels of the settings fields (002 ④–⑨, 応答設定 ⑰–⑳, 003 外部連携設定), and
 * their usual variants. Fields are found by these labels only (normalised: width, spaces, ①/(1)/【5】
 * numbering), never by markup.
 */
import type { Field, ReadPage } from './read-fields';
import { labelMatches, normaliseLabel, onOffWord } from './normalise';

export interface FieldSpec {
  labels: readonly string[];
  /** words one of the field's enclosing headings must contain (same label in two sections) */
  sections?: readonly string[];
  /** when no heading tells the sections apart: which occurrence of the label (0-based) */
  occurrence?: number;
}

export const FIELDS = {
  // ECAI › LINE公式アカウントリスト › 追加/編集 (002 (4))
  accountName: { labels: ['LINEアカウント名', 'LINE Account name'] },
  friendUrl: { labels: ['友だち追加URL', 'Friend URL', '友だち追加用URL'] },
  channelId: { labels: ['Channel Id', 'チャネルID', 'Channel ID'] },
  channelSecret: { labels: ['Channel Secret', 'チャネルシークレット'] },
  loginChannelId: { labels: ['LINEログイン用 Channel Id', 'LINEログイン用チャネルID', 'LINE Login Channel Id'] },
  loginChannelSecret: { labels: ['LINEログイン用 Channel Secret', 'LINEログイン用チャネルシークレット', 'LINE Login Channel Secret'] },
  webhookUrl: { labels: ['Webhook URL', 'WebhookのURL'] },
  linkedOa: { labels: ['リンクされたLINE公式アカウント', 'Linked LINE Official Account', 'Linked OA', '連携するLINE公式アカウント'] },
  plan: { labels: ['プラン', '契約プラン', 'ご契約プラン', 'ご利用プラン', '料金プラン', 'Plan'] },
  // LINE Official Account Manager › 設定 › 応答設定 (002 (5) ⑯–⑳, 連携解除 ⑦)
  chat: { labels: ['チャット', 'Chat'] },
  greeting: { labels: ['あいさつメッセージ', 'Greeting message', 'Greeting messages'] },
  webhook: { labels: ['Webhook'] },
  autoResponse: { labels: ['応答メッセージ', 'Auto-reply messages', 'Auto-response messages'] },
  responseHours: { labels: ['応答時間', 'Response hours'] },
  responseMode: { labels: ['応答モード', 'Response mode'] },
  // LINE Developers › channel › チャネル基本設定
  channelType: { labels: ['チャネルの種類', 'チャネルタイプ', 'Channel type'] },
  // ECAI 応答メッセージ / ステップメッセージ / かご落ちLINE
  status: { labels: ['ステータス', 'Status'] },
  shopify: { labels: ['Shopify', 'Shopifyカート', 'Shopify連携', 'Shopifyカートの外部連携', 'Shopify外部連携'] },
  sendTime: { labels: ['かご落ちLINEを配信する時間', 'カゴ落ちLINEを配信する時間', '配信する時間', '配信時間', '配信タイミング'] },
  queryParams: { labels: ['クエリパラメータ設定', 'クエリパラメータ', 'クエリパラメーター', 'クエリパラメーター設定'] },
  // ECAI オペレーター設定 › 配信上限数アラート
  notifyEnabled: { labels: ['通知通数に達したら通知する'] },
  notifyThreshold: { labels: ['通知したい通数', '通知通数', '通知する通数'] },
  notifyBots: { labels: ['通知を受けたいBOT', '通知対象BOT', '通知対象とするBOT', '通知するBOT'] },
  notifyDestination: { labels: ['通知先'] },
  notifyRoom: { labels: ['トークルーム', '通知先のトークルーム', '通知先トークルーム'] },
  // Luxliner › 外部連携設定 (003)
  chatworkEnabled: { labels: ['Chatwork連携の有効化', 'Chatwork連携を有効にする', 'Chatwork連携'] },
  stopMail: { labels: ['通知メールの停止'] },
  chatworkToken: { labels: ['APIトークン', 'API Token'], sections: ['chatwork', 'チャットワーク'], occurrence: 0 },
  roomGeneral: { labels: ['一般的なイベントの通知先'] },
  roomApplication: { labels: ['申し込みイベントの通知先', '申込みイベントの通知先', '申込イベントの通知先'] },
  roomPayment: { labels: ['決済イベントの通知先'] },
  roomContract: { labels: ['契約イベントの通知先'] },
  zendeskEnabled: { labels: ['Zendesk連携の有効化', 'Zendesk連携を有効にする', 'Zendesk連携'] },
  zendeskSubdomain: { labels: ['サブドメイン', 'Subdomain'] },
  zendeskEmail: { labels: ['メールアドレス', 'Email'], sections: ['zendesk'] },
  zendeskToken: { labels: ['APIトークン', 'API Token'], sections: ['zendesk'], occurrence: 1 },
  netshoninEnabled: { labels: ['ネット商人連携の有効化', 'ネット商人連携', 'ネット商人Pro連携', 'ネット商人(アルケミーメール)連携の有効化'] },
  netshoninUrl: { labels: ['ネット商人登録用URL'] },
  netshoninPlanId: { labels: ['ネット商人プランID', 'プランID'] },
} as const satisfies Record<string, FieldSpec>;

export type KnownField = keyof typeof FIELDS;

/** All fields of the page that carry the field's documented label (and section). */
export function findFields(page: ReadPage, name: KnownField | FieldSpec): Field[] {
  const spec: FieldSpec = typeof name === 'string' ? FIELDS[name] : name;
  const all = page.fields.filter((f) => labelMatches(f.key, spec.labels));
  if (!spec.sections || all.length === 0) return all;
  const words = spec.sections.map(normaliseLabel);
  const inSection = all.filter((f) => f.sections.some((s) => words.some((w) => normaliseLabel(s).includes(w))));
  if (inSection.length > 0) return inSection;
  // no heading tells them apart: fall back on the documented order of the sections
  const anySectioned = all.some((f) => f.sections.length > 0 && f.sections.some((s) => /chatwork|zendesk|ネット商人|チャットワーク/iu.test(s)));
  if (anySectioned) return [];
  if (spec.occurrence !== undefined) return all[spec.occurrence] ? [all[spec.occurrence]] : [];
  return all;
}

/** Controls first (they hold what is saved), static text second. */
export function findField(page: ReadPage, name: KnownField | FieldSpec): Field | undefined {
  const all = findFields(page, name);
  return all.find((f) => f.control !== 'static') ?? all[0];
}

/** The on/off state of a toggle field (checkbox, radio pair, switch, select, static オン/オフ). */
export function isOn(field: Field | undefined): boolean | undefined {
  if (!field) return undefined;
  if (field.on !== undefined) return field.on;
  return onOffWord(field.value);
}

/** Secrets displayed as dots or asterisks on the page are "set but hidden". */
export function isHiddenValue(value: string): boolean {
  const v = value.trim();
  return v.length > 0 && /^[•●*＊・·∙⋅]+$/u.test(v);
}

/** Placeholder options of a select (「選択してください」) count as nothing selected. */
export function isUnselected(value: string): boolean {
  const v = normaliseLabel(value);
  return v === '' || /^(?:選択してください|選択して下さい|選択|未選択|なし|-+|—|select.*|none|pleaseselect.*)$/u.test(v);
}
