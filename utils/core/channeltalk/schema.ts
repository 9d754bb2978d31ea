/**
 * Channel Talk (チャネルトーク): the boot option, the `updateUser` info and the customer-data keys,
 * modelled once with zod, field for field from the official web SDK types
 * (`@channel.io/channel-web-sdk-loader` index.d.ts) and the tables of 001 (顧客データ).
 *
 * The evidence the Channel Talk rules read is a list of `TagCall`s (model.ts) with vendor
 * `channeltalk`, from two sources that feed the same rules:
 *
 * - static: `extractChannelTalk(page)` reads the page's inline scripts
 *   (`ChannelIO('boot', {...})`, `ChannelService.boot({...})`): origin `static`, a document
 *   location, `raw` = the call's source text, values that need running code are `{kind:'unknown'}`.
 * - runtime: the probe wraps `window.ChannelIO` and reports every call in `Page.runtimeCalls` as
 *   {@link ChannelTalkRuntimeCall}: `vendor: 'channeltalk'`, `origin: 'runtime'`,
 *   `form: 'snippet'` (or `'sdk-loader'` when the page uses the npm loader),
 *   `name` = the command (the first argument of `ChannelIO`), `args` = the remaining arguments
 *   converted with `fromJson` (callbacks become `{kind:'function'}`), `global: 'ChannelIO'`,
 *   `time` = ms since epoch. A boot is therefore `{name: 'boot', args: [option, callback?]}`.
 *
 * Pure TypeScript: no browser, framework or Node API.
 */
import { z } from 'zod';
import { StaticValue, TagCall } from '../model';
import type { Localized } from '../rules/types';

/** The SDK script the official loader (snippet and npm loader alike) inserts. */
export const CHANNELTALK_PLUGIN_SCRIPT_URL = 'https://cdn.channel.io/plugin/ch-plugin-web.js';
/** The npm package of the official loader. */
export const CHANNELTALK_SDK_LOADER_PACKAGE = '@channel.io/channel-web-sdk-loader';

// ---------------------------------------------------------------------------------------------
// SDK types (index.d.ts)

/** `Profile`: `{ [key: string]: string | string[] | number | number[] | boolean | null }`. */
export const ProfileValue = z.union([z.string(), z.array(z.string()), z.number(), z.array(z.number()), z.boolean(), z.null()]);
export const Profile = z.record(z.string(), ProfileValue);
export type Profile = z.infer<typeof Profile>;

/** `Appearance`: `'light' | 'dark' | 'system' | null` (null: inherits the Desk theme). */
export const Appearance = z.enum(['light', 'dark', 'system']).nullable();
export type Appearance = z.infer<typeof Appearance>;

/**
 * `BootOption` (index.d.ts). Unknown keys are kept (`looseObject`): older snippets pass options the
 * current types no longer list, and the rules still want to see them.
 */
export const BootOption = z.looseObject({
  appearance: Appearance.optional(),
  customLauncherSelector: z.string().optional(),
  hideChannelButtonOnBoot: z.boolean().optional(),
  hidePopup: z.boolean().optional(),
  language: z.string().optional(),
  memberHash: z.string().optional(),
  memberId: z.string().optional(),
  pluginKey: z.string(),
  profile: Profile.optional(),
  trackDefaultEvent: z.boolean().optional(),
  trackUtmSource: z.boolean().optional(),
  unsubscribe: z.boolean().optional(),
  unsubscribeEmail: z.boolean().optional(),
  unsubscribeTexting: z.boolean().optional(),
  zIndex: z.number().optional(),
});
export type BootOption = z.infer<typeof BootOption>;

/** `UpdateUserInfo` (index.d.ts): what `ChannelIO('updateUser', info)` takes. */
export const UpdateUserInfo = z.looseObject({
  language: z.string().optional(),
  /** null resets the whole profile; an empty object is not allowed */
  profile: Profile.nullable().optional(),
  /** only fields with no existing value are written */
  profileOnce: Profile.optional(),
  /** up to 10; null resets; an empty array is not allowed */
  tags: z.array(z.string()).nullable().optional(),
  unsubscribeEmail: z.boolean().optional(),
  unsubscribeTexting: z.boolean().optional(),
});
export type UpdateUserInfo = z.infer<typeof UpdateUserInfo>;

/** `FollowUpProfile` (what `onFollowUpChanged` receives). */
export const FollowUpProfile = z.object({
  name: z.string().nullable().optional(),
  mobileNumber: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});

/** The commands `ChannelIO(command, ...)` accepts (the SDK loader's exported functions). */
export const CHANNELTALK_COMMANDS = [
  'boot',
  'shutdown',
  'showMessenger',
  'hideMessenger',
  'openChat',
  'openWorkflow',
  'track',
  'onShowMessenger',
  'onHideMessenger',
  'onBadgeChanged',
  'onChatCreated',
  'onFollowUpChanged',
  'onUrlClicked',
  'clearCallbacks',
  'updateUser',
  'addTags',
  'removeTags',
  'setPage',
  'resetPage',
  'showChannelButton',
  'hideChannelButton',
  'setAppearance',
] as const;
export type ChannelTalkCommand = (typeof CHANNELTALK_COMMANDS)[number];
export const ChannelTalkCommand = z.enum(CHANNELTALK_COMMANDS);

export function isChannelTalkCommand(name: string): name is ChannelTalkCommand {
  return (CHANNELTALK_COMMANDS as readonly string[]).includes(name);
}

/** `updateUser` / `addTags`: at most this many tags (index.d.ts "Up to 10 tags are allowed"). */
export const MAX_TAGS = 10;

// ---------------------------------------------------------------------------------------------
// Runtime evidence (what the probe reports)

/**
 * One `ChannelIO(command, ...args)` call the probe saw execute. It is a `TagCall` (model.ts), so
 * static and runtime evidence feed the same rules; see the file comment for the field meanings.
 */
export const ChannelTalkRuntimeCall = TagCall.extend({
  vendor: z.literal('channeltalk'),
  form: z.enum(['snippet', 'sdk-loader']),
  origin: z.literal('runtime'),
  name: z.string().max(100),
  args: z.array(StaticValue).max(10),
});
export type ChannelTalkRuntimeCall = z.infer<typeof ChannelTalkRuntimeCall>;

// ---------------------------------------------------------------------------------------------
// Customer-data keys (001)

/** 001 データタイプ. Date: only month/day matter; Datetime: date and time; both are sent as ms timestamps. */
export type ChannelTalkDataType = 'Boolean' | 'String' | 'Number' | 'Date' | 'Datetime' | 'List';

export const DATA_TYPE_MEANING: Record<ChannelTalkDataType, Localized> = {
  Boolean: { ja: 'はい(True) / いいえ(False)', en: 'yes (true) / no (false)' },
  String: { ja: '文字列(一般的なテキスト)', en: 'text' },
  Number: { ja: '数字(一般的な数字)', en: 'number' },
  Date: { ja: '日付(月/日の情報だけを活用する場合)。timestamp を millisecond 単位で送信', en: 'date (month/day only), sent as a millisecond timestamp' },
  Datetime: { ja: '日付と時間(日時と時間が必要な場合)。timestamp を millisecond 単位で送信', en: 'date and time, sent as a millisecond timestamp' },
  List: { ja: 'タグやリストのようにマルチ選択が可能なタイプ', en: 'multiple choice, like tags or a list' },
};

export interface CustomerDataKey {
  /** the data key as 001 writes it (`memberId`, `web.browserName`, `profile.email`) */
  key: string;
  /** 表示される名前 */
  label: Localized;
  type: ChannelTalkDataType;
  /** 補足事項 */
  note?: Localized;
  /** the page cannot set it (001 基本連携データ: only tags and marketing consent can be changed) */
  readOnly: boolean;
  /** a personal value: masked in every output */
  personal?: boolean;
  /** 001: 1度入力すると更新できません */
  writeOnce?: boolean;
}

/** 001 チャネルトークが保存するデータ項目 (基本連携データ). */
export const BUILTIN_KEYS: readonly CustomerDataKey[] = [
  { key: 'lastSeenAt', label: { ja: '最新アクセス時間', en: 'Last seen' }, type: 'Date', readOnly: true },
  { key: 'memberId', label: { ja: '会員ID', en: 'Member ID' }, type: 'String', note: { ja: '会員を識別する目安となるデータ', en: 'identifies the member' }, readOnly: false, personal: true },
  { key: 'tags', label: { ja: '顧客タグ', en: 'Customer tags' }, type: 'List', note: { ja: 'マネージャーが入力する項目', en: 'entered by managers' }, readOnly: false },
  { key: 'city', label: { ja: '都市', en: 'City' }, type: 'String', readOnly: true },
  { key: 'country', label: { ja: '国', en: 'Country' }, type: 'String', readOnly: true },
  { key: 'member', label: { ja: '会員', en: 'Member' }, type: 'Boolean', note: { ja: '会員か非会員かどうかを区別します', en: 'member or non-member' }, readOnly: true },
  { key: 'language', label: { ja: '言語', en: 'Language' }, type: 'String', note: { ja: '使用機器とブラウザの言語設定', en: 'device and browser language' }, readOnly: false },
  { key: 'sessionsCount', label: { ja: '合計セッション数', en: 'Sessions' }, type: 'Number', readOnly: true },
  { key: 'web.browserName', label: { ja: 'ウェブのブラウザ名', en: 'Web browser name' }, type: 'String', readOnly: true },
  { key: 'web.osName', label: { ja: 'ウェブのOS名', en: 'Web OS name' }, type: 'String', readOnly: true },
  { key: 'web.device', label: { ja: 'ウェブの機器', en: 'Web device' }, type: 'String', readOnly: true },
  { key: 'hasPushToken', label: { ja: 'プッシュ通知可能', en: 'Push enabled' }, type: 'Boolean', readOnly: true },
  { key: 'unsubscribeEmail', label: { ja: 'メール受信拒否', en: 'E-mail opt-out' }, type: 'Boolean', readOnly: false },
  { key: 'unsubscribeTexting', label: { ja: 'SMS受信拒否', en: 'SMS opt-out' }, type: 'Boolean', readOnly: false },
  { key: 'createdAt', label: { ja: '初回アクセス時間', en: 'First seen' }, type: 'Date', readOnly: true },
  { key: 'mobile.sessionsCount', label: { ja: 'アプリセッション数', en: 'App sessions' }, type: 'Number', readOnly: true },
  { key: 'mobile.lastSeenAt', label: { ja: 'アプリ最新アクセス時間', en: 'App last seen' }, type: 'Date', readOnly: true },
  { key: 'mobile.appName', label: { ja: 'アプリ名', en: 'App name' }, type: 'String', readOnly: true },
  { key: 'mobile.appVersion', label: { ja: 'アプリバージョン', en: 'App version' }, type: 'String', readOnly: true },
  { key: 'mobile.osName', label: { ja: 'アプリOS名', en: 'App OS name' }, type: 'String', readOnly: true },
  { key: 'mobile.device', label: { ja: 'アプリ機器', en: 'App device' }, type: 'String', readOnly: true },
  { key: 'id', label: { ja: 'チャネル内のID', en: 'ID in the channel' }, type: 'String', readOnly: true },
  { key: 'mobile.os', label: { ja: 'アプリOS', en: 'App OS' }, type: 'String', readOnly: true },
  { key: 'name', label: { ja: '名前', en: 'Name' }, type: 'String', note: { ja: '情報を連携すると保存される名前', en: 'the name saved by the site linkage' }, readOnly: false, personal: true },
  { key: 'updatedAt', label: { ja: '顧客プロフィールの最新更新時間', en: 'Profile last updated' }, type: 'Date', note: { ja: 'この数値が変更されるとmauに集計されます', en: 'a change counts towards MAU' }, readOnly: true },
  { key: 'web.browser', label: { ja: 'ウェブのブラウザ', en: 'Web browser' }, type: 'String', readOnly: true },
  { key: 'web.lastSeenAt', label: { ja: 'ウェブの最新アクセス時間', en: 'Web last seen' }, type: 'Date', readOnly: true },
  { key: 'web.os', label: { ja: 'ウェブのOS', en: 'Web OS' }, type: 'String', readOnly: true },
  { key: 'web.sessionsCount', label: { ja: 'ウェブのセッション数', en: 'Web sessions' }, type: 'Number', readOnly: true },
];

/** 001 活用可能なデータ項目 (追加連携データ): the keys of `profile`, written here without the `profile.` prefix. */
export const PROFILE_KEYS: readonly CustomerDataKey[] = [
  { key: 'mobileNumber', label: { ja: '携帯番号', en: 'Mobile number' }, type: 'String', note: { ja: '携帯番号 (基本)。E.164 形式 (+819012345678)', en: 'mobile number (basic), E.164 form (+819012345678)' }, readOnly: false, personal: true },
  { key: 'email', label: { ja: 'メール', en: 'E-mail' }, type: 'String', note: { ja: 'メールアドレス (基本)', en: 'e-mail address (basic)' }, readOnly: false, personal: true },
  { key: 'referrer', label: { ja: '参照元', en: 'Referrer' }, type: 'String', note: { ja: '流入ルートのこと。1度入力すると更新できません', en: 'how the visitor arrived; cannot be updated once set' }, readOnly: false, writeOnce: true },
  { key: 'utmCampaign', label: { ja: 'UTM Campaign', en: 'UTM Campaign' }, type: 'String', note: { ja: '1度入力すると更新できません', en: 'cannot be updated once set' }, readOnly: false, writeOnce: true },
  { key: 'utmMedium', label: { ja: 'UTM Medium', en: 'UTM Medium' }, type: 'String', note: { ja: '1度入力すると更新できません', en: 'cannot be updated once set' }, readOnly: false, writeOnce: true },
  { key: 'utmSource', label: { ja: 'UTM Source', en: 'UTM Source' }, type: 'String', note: { ja: '1度入力すると更新できません', en: 'cannot be updated once set' }, readOnly: false, writeOnce: true },
  { key: 'utmContent', label: { ja: 'UTM Content', en: 'UTM Content' }, type: 'String', note: { ja: '1度入力すると更新できません', en: 'cannot be updated once set' }, readOnly: false, writeOnce: true },
  { key: 'utmTerm', label: { ja: 'UTM Term', en: 'UTM Term' }, type: 'String', note: { ja: '1度入力すると更新できません', en: 'cannot be updated once set' }, readOnly: false, writeOnce: true },
  { key: 'description', label: { ja: '顧客メモ', en: 'Customer memo' }, type: 'String', note: { ja: 'マネージャーがメモをする項目', en: 'managers’ notes' }, readOnly: false },
  { key: 'lastCheckoutCompletedAt', label: { ja: '最近注文時間', en: 'Last checkout' }, type: 'Date', readOnly: false },
  { key: 'name', label: { ja: '名前', en: 'Name' }, type: 'String', note: { ja: 'botで取得する名前', en: 'the name collected by the bot' }, readOnly: false, personal: true },
];

/**
 * The built-in keys RULES.md calls read-only when sent in the profile (`lastSeenAt`,
 * `sessionsCount`, `createdAt`, `updatedAt`, `id`, `web.*`, `mobile.*`).
 */
export function isReadOnlyProfileKey(key: string): boolean {
  if (['lastSeenAt', 'sessionsCount', 'createdAt', 'updatedAt', 'id'].includes(key)) return true;
  return key.startsWith('web.') || key.startsWith('mobile.');
}

/** `referrer`, `utm*`: written once, later values are ignored (001). */
export function isWriteOnceProfileKey(key: string): boolean {
  return PROFILE_KEYS.some((k) => k.key === key && k.writeOnce === true);
}

/** Profile keys whose values are personal (masked in every output). */
export const PERSONAL_PROFILE_KEYS: readonly string[] = ['email', 'mobileNumber', 'name'];

/**
 * Whether values under `key` are personal (masked in every output): the documented ones (memberId,
 * memberHash, email, mobileNumber, name) and keys that by their name hold contact data (`e_mail`,
 * `tel`, `fullName`, `profile.email`, 氏名, 電話番号 …). Over-masking is harmless; under-masking is not.
 */
export function isPersonalKey(key: string): boolean {
  if (key === 'memberId' || key === 'memberHash' || PERSONAL_PROFILE_KEYS.includes(key)) return true;
  return /mail|phone|tel(?![a-z])|mobile|name|address|birth|zip|postal|member_?id|user_?id|customer_?id/i.test(key) || /名|メール|電話|携帯|住所|生年月日|誕生|会員/.test(key);
}

/** The documented profile key (001 活用可能なデータ項目), if any. */
export function profileKeyInfo(key: string): CustomerDataKey | undefined {
  return PROFILE_KEYS.find((k) => k.key === key);
}

/** The documented built-in key (001 チャネルトークが保存するデータ項目), if any. */
export function builtinKeyInfo(key: string): CustomerDataKey | undefined {
  return BUILTIN_KEYS.find((k) => k.key === key);
}

/** What each boot option / updateUser field means (index.d.ts), for display. */
export const OPTION_FIELDS: Record<string, { type: string; meaning: Localized; personal?: boolean; secret?: boolean }> = {
  pluginKey: { type: 'string', meaning: { ja: 'チャネルのプラグインキー (必須)', en: 'the channel’s plugin key (required)' } },
  memberId: { type: 'string', meaning: { ja: '会員ID。指定すると会員として扱われます', en: 'member ID: the user is treated as a member' }, personal: true },
  memberHash: { type: 'string', meaning: { ja: 'memberId の HMAC-SHA256 ハッシュ (顧客データ暗号化を使う場合)', en: 'HMAC-SHA256 of memberId (user data encryption)' }, secret: true },
  profile: { type: 'object', meaning: { ja: '顧客プロフィール (キーは camelCase)', en: 'user profile (camelCase keys)' } },
  profileOnce: { type: 'object', meaning: { ja: 'まだ値がない項目だけ書き込むプロフィール', en: 'profile fields written only when empty' } },
  language: { type: 'string', meaning: { ja: '言語。新しい顧客にだけ適用されます', en: 'language; applies to new users' } },
  appearance: { type: "'light' | 'dark' | 'system' | null", meaning: { ja: 'テーマ (null は Desk の設定)', en: 'theme (null: the Desk setting)' } },
  tags: { type: 'string[]', meaning: { ja: '顧客タグ (最大10個、null でリセット)', en: 'customer tags (up to 10, null resets)' } },
  unsubscribe: { type: 'boolean', meaning: { ja: 'マーケティングのメール・SMS を受信拒否', en: 'opt out of marketing e-mail and SMS' } },
  unsubscribeEmail: { type: 'boolean', meaning: { ja: 'メール受信拒否', en: 'opt out of marketing e-mail' } },
  unsubscribeTexting: { type: 'boolean', meaning: { ja: 'SMS受信拒否', en: 'opt out of marketing SMS' } },
  hidePopup: { type: 'boolean', meaning: { ja: 'マーケティングポップアップとメッセージ通知を隠す', en: 'hide marketing and message pop-ups' } },
  hideChannelButtonOnBoot: { type: 'boolean', meaning: { ja: '起動時にチャネルボタンを隠す', en: 'hide the channel button on boot' } },
  customLauncherSelector: { type: 'string', meaning: { ja: 'カスタムランチャーの CSS セレクタ', en: 'CSS selector of a custom launcher' } },
  trackDefaultEvent: { type: 'boolean', meaning: { ja: 'PageView イベントを記録する (既定 true)', en: 'track the default PageView event (default true)' } },
  trackUtmSource: { type: 'boolean', meaning: { ja: 'UTM と参照元を記録する (既定 true)', en: 'track UTM source and referrer (default true)' } },
  zIndex: { type: 'number', meaning: { ja: 'SDK 要素の z-index (既定 10,000,000)', en: 'z-index of the SDK’s elements (default 10,000,000)' } },
};
