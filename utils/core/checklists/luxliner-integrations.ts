/**
 * luxliner-integrations — Luxliner 外部連携設定: Chatwork, Zendesk, ネット商人Pro (003).
 */
import { EMAIL, checkFilled, cleanValue, daysUntilJst, fieldEvidence, whenEnabled } from './checks';
import { defineChecklist, type EvalContext, type ItemEval, type Localized } from './types';
import { findField, isOn, type KnownField } from './vocabulary';
import type { Field } from './read-fields';

const DOC = '003';
const CW = 'SECTION – Chatwork連携';
const ZD = 'SECTION – Zendesk連携';
const NS = 'SECTION – ネット商人Pro(アルケミーメール)連系';

const CHATWORK: Localized = { ja: 'Chatwork連携', en: 'The Chatwork integration' };
const ZENDESK: Localized = { ja: 'Zendesk連携', en: 'The Zendesk integration' };
const NETSHONIN: Localized = { ja: 'ネット商人連携', en: 'The ネット商人 integration' };

/** Zendesk's announced API token retirement (CHECKLISTS.md). */
export const ZENDESK_TOKEN_RETIREMENT = { noNewTokens: '2026-10-27', stop: '2027-04-30' } as const;

export interface ZendeskRetirement {
  /** days left until all API tokens stop (Japan time); ≤ 0 once stopped */
  daysLeft: number;
  /** new tokens can no longer be created */
  newTokensBlocked: boolean;
  stopped: boolean;
}

export function zendeskTokenRetirement(now: number): ZendeskRetirement {
  const daysLeft = daysUntilJst(ZENDESK_TOKEN_RETIREMENT.stop, now);
  return { daysLeft, newTokensBlocked: daysUntilJst(ZENDESK_TOKEN_RETIREMENT.noNewTokens, now) <= 0, stopped: daysLeft <= 0 };
}

export const ROOM_FIELDS: { name: KnownField; label: Localized }[] = [
  { name: 'roomGeneral', label: { ja: '一般的なイベントの通知先', en: 'general events' } },
  { name: 'roomApplication', label: { ja: '申し込みイベントの通知先', en: 'application events' } },
  { name: 'roomPayment', label: { ja: '決済イベントの通知先', en: 'payment events' } },
  { name: 'roomContract', label: { ja: '契約イベントの通知先', en: 'contract events' } },
];

/** The room id a destination field holds (a select's option value counts). */
export function roomValue(f: Field): string {
  if (f.control === 'select' && f.options) {
    const sel = f.options.find((o) => o.selected);
    if (sel) return cleanValue(/^\d+$/u.test(cleanValue(sel.value)) ? sel.value : sel.label);
  }
  return cleanValue(f.value);
}

/** Every configured room id on the page (for the live check). */
export function configuredRoomIds(ctx: EvalContext): { field: Field; value: string }[] {
  const out: { field: Field; value: string }[] = [];
  for (const r of ROOM_FIELDS) {
    const f = findField(ctx.page, r.name);
    if (f) out.push({ field: f, value: roomValue(f) });
  }
  return out;
}

function chatworkRooms(ctx: EvalContext): ItemEval | undefined {
  return whenEnabled(ctx, 'chatworkEnabled', CHATWORK, (): ItemEval | undefined => {
    const rooms = configuredRoomIds(ctx);
    if (rooms.length === 0) return undefined;
    const set = rooms.filter((r) => r.value !== '');
    const evidence = rooms.map((r) => fieldEvidence(r.field, r.value));
    if (set.length === 0) return { state: 'fail', messageId: 'none', evidence };
    for (const r of set) {
      if (/^\d+$/u.test(r.value)) continue;
      const rid = /rid(\d+)/u.exec(r.value);
      if (rid) return { state: 'fail', messageId: 'url', data: { label: r.field.label, value: r.value, rid: rid[1] }, evidence };
      return { state: 'fail', data: { label: r.field.label, value: r.value }, evidence };
    }
    return { state: 'pass', evidence };
  });
}

type SubdomainProblem = 'empty' | 'url' | 'suffix' | 'uppercase' | 'spaces' | 'format';

/** 003: only the 〇〇〇〇 of https://〇〇〇〇.zendesk.com. */
export function subdomainProblem(raw: string): SubdomainProblem | undefined {
  const v = raw.normalize('NFKC');
  if (!v.trim()) return 'empty';
  if (/^[a-z][a-z0-9+.-]*:\/\//iu.test(v.trim()) || v.includes('/')) return 'url';
  if (/\.zendesk\.com\.?$/iu.test(v.trim()) || /zendesk\.com/iu.test(v)) return 'suffix';
  if (/\s/u.test(v)) return 'spaces';
  if (/[A-Z]/u.test(v)) return 'uppercase';
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u.test(v) || raw !== v) return 'format';
  return undefined;
}

function zendeskSubdomain(ctx: EvalContext): ItemEval | undefined {
  return whenEnabled(ctx, 'zendeskEnabled', ZENDESK, (): ItemEval | undefined => {
    const f = findField(ctx.page, 'zendeskSubdomain');
    if (!f) return undefined;
    const p = subdomainProblem(f.value);
    const ev = [fieldEvidence(f, f.value)];
    if (!p) return { state: 'pass', evidence: ev };
    const m = /(?:https?:\/\/)?([a-z0-9-]+)\.zendesk\.com/iu.exec(f.value.normalize('NFKC'));
    const suggestion = m ? m[1].toLowerCase() : f.value.normalize('NFKC').trim().toLowerCase().replace(/\s+/gu, '');
    return { state: 'fail', messageId: p, data: { value: f.value, suggestion }, evidence: ev };
  });
}

function retirement(ctx: EvalContext): ItemEval | undefined {
  const zd = findField(ctx.page, 'zendeskEnabled');
  const token = findField(ctx.page, 'zendeskToken');
  if (!zd && !token) return undefined;
  if (isOn(zd) === false) return { state: 'pass', note: { ja: 'Zendesk連携が無効のため対象外です。', en: 'The Zendesk integration is disabled: not applicable.' } };
  if (isOn(zd) === undefined && !(token && cleanValue(token.value))) return undefined;
  const r = zendeskTokenRetirement(ctx.now);
  const messageId = r.stopped ? 'stopped' : r.newTokensBlocked ? 'no-new-tokens' : 'default';
  return { state: 'fail', messageId, data: { days: Math.max(0, r.daysLeft), stop: ZENDESK_TOKEN_RETIREMENT.stop, noNew: ZENDESK_TOKEN_RETIREMENT.noNewTokens }, evidence: [{ source: 'static', text: `APIトークン廃止まで残り${Math.max(0, r.daysLeft)}日` }] };
}

function netshoninUrl(ctx: EvalContext): ItemEval | undefined {
  return whenEnabled(ctx, 'netshoninEnabled', NETSHONIN, (): ItemEval | undefined => {
    const f = findField(ctx.page, 'netshoninUrl');
    if (!f) return undefined;
    const v = cleanValue(f.value);
    const ev = [fieldEvidence(f, v)];
    if (!v) return { state: 'fail', messageId: 'empty', evidence: ev };
    let u: URL | undefined;
    try {
      u = new URL(v);
    } catch {
      u = undefined;
    }
    if (!u || u.protocol !== 'https:' || /\s/u.test(v)) return { state: 'fail', data: { value: v }, evidence: ev };
    if (!/\/np\/sesform\.php$/u.test(u.pathname)) {
      return { state: 'pass', evidence: ev, note: { ja: '登録用URLは通常 /np/sesform.php で終わります(入力例: https://mycompany.co.jp/np/sesform.php)。', en: 'The registration URL usually ends in /np/sesform.php (e.g. https://mycompany.co.jp/np/sesform.php).' } };
    }
    return { state: 'pass', evidence: ev };
  });
}

export default defineChecklist({
  id: 'luxliner-integrations',
  title: { ja: 'Luxliner 外部連携設定', en: 'Luxliner external integrations' },
  source: { doc: DOC, section: '【設定画面】外部連携' },
  items: [
    {
      id: 'chatwork-token',
      title: { ja: 'Chatwork連携: APIトークンを指定する', en: 'Chatwork: set the API token' },
      fix: { ja: 'Chatwork連携に必要なAPIトークンを指定してください。APIトークンの発行方法はChatwork公式ヘルプをご覧ください。', en: 'Enter the Chatwork API token (see Chatwork\'s help for how to issue one).' },
      source: { doc: DOC, section: `${CW} APIトークン` },
      verify: ['page', 'live'],
      severity: 'error',
      pages: ['luxliner-integrations'],
      messages: {
        default: { ja: 'Chatwork連携が有効ですが、APIトークンが指定されていません。', en: 'Chatwork is enabled but no API token is set.' },
        empty: { ja: 'Chatwork連携が有効ですが、APIトークンが指定されていません。', en: 'Chatwork is enabled but no API token is set.' },
        live: { ja: 'ChatworkのAPIでトークンを確認できませんでした: {detail}', en: 'The Chatwork API did not accept the token: {detail}' },
      },
      evaluate: (ctx) => whenEnabled(ctx, 'chatworkEnabled', CHATWORK, () => checkFilled(ctx, 'chatworkToken', { secret: true })),
    },
    {
      id: 'chatwork-rooms',
      title: { ja: 'Chatwork連携: イベントの通知先はグループチャットのルームID', en: 'Chatwork: event destinations are group chat room ids' },
      fix: {
        ja: '一般・申し込み・決済・契約イベントの通知先には、グループチャットとして作成されたルームのID(数字)を指定してください。通知先として指定できるのはグループチャットのみです。各通知先は全て同じルームでも、全て異なるルームでも構いません。',
        en: 'Enter, for the general, application, payment and contract events, the id (digits) of a room created as a group chat. Only group chats can be destinations; the same room may be used for all.',
      },
      source: { doc: DOC, section: `${CW} イベントの通知先に関する設定について` },
      verify: ['page', 'live'],
      severity: 'error',
      pages: ['luxliner-integrations'],
      messages: {
        default: { ja: '「{label}」の値「{value}」がルームID(数字)ではありません。', en: '"{label}" holds "{value}", which is not a room id (digits).' },
        url: { ja: '「{label}」にURL「{value}」が入っています。ルームIDの数字「{rid}」だけを指定してください。', en: '"{label}" holds a URL "{value}"; enter only the room id "{rid}".' },
        none: { ja: 'Chatwork連携が有効ですが、イベントの通知先が1つも指定されていません。', en: 'Chatwork is enabled but no event destination is set.' },
        'not-found': { ja: 'ルームID {room} がこのAPIトークンのアカウントが参加しているルームにありません。', en: 'Room {room} is not among the rooms of the token\'s account.' },
        'not-group': { ja: 'ルームID {room} はグループチャットではありません(種類: {type})。通知先に指定できるのはグループチャットのみです。', en: 'Room {room} is not a group chat (type: {type}); only group chats can be destinations.' },
      },
      evaluate: chatworkRooms,
    },
    {
      id: 'chatwork-email-fallback',
      title: { ja: 'Chatwork連携: 通知メールの停止と利用制限', en: 'Chatwork: stopping e-mail and the API limit' },
      fix: {
        ja: '「通知メールの停止」を有効にしても、APIの利用制限にかかるなどChatworkへの通知が失敗した場合はメールで通知されます。ChatworkのAPIは5分間に300回までの制限があり、制限にかかった通知はChatworkには行われず、あとで再通知もされません。',
        en: 'Even with "通知メールの停止" on, e-mail is sent when the Chatwork notification fails (e.g. over the API limit). Chatwork allows 300 calls per 5 minutes; notifications over the limit are dropped and never resent to Chatwork.',
      },
      source: { doc: DOC, section: `${CW} 通知メールの停止 / Chatwork連携の有効化` },
      verify: ['page'],
      severity: 'info',
      pages: ['luxliner-integrations'],
      messages: {
        default: {
          ja: '通知メールの停止が有効です。Chatworkへの通知が失敗した場合(5分間に300回のAPI制限など)はメールで通知され、Chatworkには再通知されません。',
          en: 'E-mail is stopped: when a Chatwork notification fails (e.g. the 300 calls / 5 minutes limit) it goes by e-mail and is never resent to Chatwork.',
        },
      },
      evaluate: (ctx) =>
        whenEnabled(ctx, 'chatworkEnabled', CHATWORK, (): ItemEval | undefined => {
          const f = findField(ctx.page, 'stopMail');
          const on = isOn(f);
          if (!f || on === undefined) return undefined;
          return on ? { state: 'fail', evidence: [fieldEvidence(f, 'オン')] } : { state: 'pass', evidence: [fieldEvidence(f, 'オフ')] };
        }),
    },
    {
      id: 'zendesk-subdomain',
      title: { ja: 'Zendesk連携: サブドメインは〇〇〇〇の部分だけ', en: 'Zendesk: the subdomain is only the 〇〇〇〇 part' },
      fix: { ja: 'Zendeskのログイン画面の「https://〇〇〇〇.zendesk.com」の〇〇〇〇の部分だけを入力してください(小文字・スペースなし)。', en: 'Enter only the 〇〇〇〇 of "https://〇〇〇〇.zendesk.com" from the Zendesk login page (lower case, no spaces).' },
      source: { doc: DOC, section: `${ZD} サブドメイン` },
      verify: ['page'],
      severity: 'error',
      pages: ['luxliner-integrations'],
      messages: {
        default: { ja: 'サブドメイン「{value}」の形式が正しくありません。', en: 'The subdomain "{value}" has the wrong format.' },
        format: { ja: 'サブドメイン「{value}」の形式が正しくありません(英小文字・数字・ハイフンのみ)。', en: 'The subdomain "{value}" has the wrong format (lower-case letters, digits, hyphens only).' },
        empty: { ja: 'Zendesk連携が有効ですが、サブドメインが入力されていません。', en: 'Zendesk is enabled but the subdomain is empty.' },
        url: { ja: 'サブドメインにURL「{value}」が入っています。「{suggestion}」の部分だけを入力してください。', en: 'The subdomain holds a URL "{value}"; enter only "{suggestion}".' },
        suffix: { ja: 'サブドメイン「{value}」に「.zendesk.com」が含まれています。「{suggestion}」の部分だけを入力してください。', en: 'The subdomain "{value}" includes ".zendesk.com"; enter only "{suggestion}".' },
        uppercase: { ja: 'サブドメイン「{value}」に大文字が含まれています。小文字「{suggestion}」で入力してください。', en: 'The subdomain "{value}" has upper-case letters; enter "{suggestion}".' },
        spaces: { ja: 'サブドメイン「{value}」にスペースが含まれています。', en: 'The subdomain "{value}" contains spaces.' },
      },
      evaluate: zendeskSubdomain,
    },
    {
      id: 'zendesk-email',
      title: { ja: 'Zendesk連携: メールアドレス', en: 'Zendesk: e-mail address' },
      fix: { ja: 'Zendeskに登録しているメールアドレスを指定してください。', en: 'Enter the e-mail address registered in Zendesk.' },
      source: { doc: DOC, section: `${ZD} メールアドレス` },
      verify: ['page'],
      severity: 'error',
      pages: ['luxliner-integrations'],
      messages: {
        default: { ja: 'メールアドレス「{value}」の形式が正しくありません。', en: 'The e-mail address "{value}" is not valid.' },
        format: { ja: 'メールアドレス「{value}」の形式が正しくありません。', en: 'The e-mail address "{value}" is not valid.' },
        empty: { ja: 'Zendesk連携が有効ですが、メールアドレスが入力されていません。', en: 'Zendesk is enabled but the e-mail address is empty.' },
        fullwidth: { ja: 'メールアドレス「{value}」に全角文字が含まれています。', en: 'The e-mail address "{value}" contains full-width characters.' },
      },
      evaluate: (ctx) =>
        whenEnabled(ctx, 'zendeskEnabled', ZENDESK, (): ItemEval | undefined => {
          const f = findField(ctx.page, 'zendeskEmail');
          if (!f) return undefined;
          const raw = f.value.trim();
          const shown = ctx.mask(raw);
          if (!raw) return { state: 'fail', messageId: 'empty', evidence: [fieldEvidence(f, '')] };
          if (raw !== raw.normalize('NFKC') && EMAIL.test(raw.normalize('NFKC'))) return { state: 'fail', messageId: 'fullwidth', data: { value: shown }, evidence: [fieldEvidence(f, shown)] };
          if (!EMAIL.test(raw)) return { state: 'fail', messageId: 'format', data: { value: shown }, evidence: [fieldEvidence(f, shown)] };
          return { state: 'pass', evidence: [fieldEvidence(f, shown)] };
        }),
    },
    {
      id: 'zendesk-token',
      title: { ja: 'Zendesk連携: APIトークンを指定する', en: 'Zendesk: set the API token' },
      fix: { ja: 'Zendeskの設定画面で発行したAPIトークンを指定してください。APIトークンの発行方法はZendeskの公式ヘルプをご覧ください。', en: 'Enter the API token issued in Zendesk\'s admin settings (see Zendesk\'s help).' },
      source: { doc: DOC, section: `${ZD} APIトークン` },
      verify: ['page', 'live'],
      severity: 'error',
      pages: ['luxliner-integrations'],
      messages: {
        default: { ja: 'Zendesk連携が有効ですが、APIトークンが指定されていません。', en: 'Zendesk is enabled but no API token is set.' },
        empty: { ja: 'Zendesk連携が有効ですが、APIトークンが指定されていません。', en: 'Zendesk is enabled but no API token is set.' },
        anonymous: { ja: 'ZendeskのAPIは応答しましたが、認証されていません(匿名ユーザー)。メールアドレスかAPIトークンが違います。', en: 'Zendesk answered, but not as a signed-in user (anonymous): the e-mail or the API token is wrong.' },
        live: { ja: 'ZendeskのAPIで確認できませんでした: {detail}', en: 'The Zendesk API check failed: {detail}' },
      },
      evaluate: (ctx) => whenEnabled(ctx, 'zendeskEnabled', ZENDESK, () => checkFilled(ctx, 'zendeskToken', { secret: true })),
    },
    {
      id: 'zendesk-token-retirement',
      title: { ja: 'Zendesk連携: APIトークン廃止への備え', en: 'Zendesk: prepare for the API token retirement' },
      fix: {
        ja: `ZendeskはAPIトークンの廃止を発表しています(${ZENDESK_TOKEN_RETIREMENT.noNewTokens}以降は新しいトークンを作成できず、${ZENDESK_TOKEN_RETIREMENT.stop}にすべてのトークンが使えなくなります)。それまでにOAuthでの連携へ移行してください。`,
        en: `Zendesk has announced the retirement of API tokens (no new tokens from ${ZENDESK_TOKEN_RETIREMENT.noNewTokens}; all tokens stop on ${ZENDESK_TOKEN_RETIREMENT.stop}). Move the integration to OAuth before then.`,
      },
      source: { doc: DOC, section: `${ZD} APIトークン` },
      verify: ['page'],
      severity: 'warning',
      pages: ['luxliner-integrations'],
      messages: {
        default: { ja: 'ZendeskのAPIトークンは{stop}に使えなくなります(残り{days}日)。{noNew}以降は新しいトークンも作成できません。', en: 'Zendesk API tokens stop on {stop} ({days} days left); no new tokens from {noNew}.' },
        'no-new-tokens': { ja: 'ZendeskのAPIトークンは{stop}に使えなくなります(残り{days}日)。すでに新しいトークンは作成できません。', en: 'Zendesk API tokens stop on {stop} ({days} days left); new tokens can no longer be created.' },
        stopped: { ja: 'ZendeskのAPIトークンは{stop}に廃止されました。APIトークンでの連携は動作しません。', en: 'Zendesk API tokens were retired on {stop}: a token-based integration no longer works.' },
      },
      evaluate: retirement,
    },
    {
      id: 'netshonin-url',
      title: { ja: 'ネット商人連携: 登録用URL', en: 'ネット商人: registration URL' },
      fix: { ja: 'ネット商人(アルケミーメール)のメールアドレス登録用URLを設定してください(入力例: https://mycompany.co.jp/np/sesform.php)。', en: 'Enter the ネット商人 (アルケミーメール) address registration URL (e.g. https://mycompany.co.jp/np/sesform.php).' },
      source: { doc: DOC, section: `${NS} ネット商人登録用URL` },
      verify: ['page'],
      severity: 'error',
      pages: ['luxliner-integrations'],
      messages: {
        default: { ja: 'ネット商人登録用URL「{value}」がhttpsのURLではありません。', en: 'The registration URL "{value}" is not an https URL.' },
        empty: { ja: 'ネット商人連携が有効ですが、登録用URLが入力されていません。', en: 'ネット商人 is enabled but the registration URL is empty.' },
      },
      evaluate: netshoninUrl,
    },
    {
      id: 'netshonin-plan-id',
      title: { ja: 'ネット商人連携: プランID', en: 'ネット商人: plan id' },
      fix: { ja: '顧客登録時に登録したいリストのプランIDを指定してください。プランIDはネット商人(アルケミーメール)の設定ページで指定された値です。', en: 'Enter the plan id of the list customers are added to; it is the value set in ネット商人\'s own settings.' },
      source: { doc: DOC, section: `${NS} ネット商人プランID` },
      verify: ['page'],
      severity: 'error',
      pages: ['luxliner-integrations'],
      messages: {
        default: { ja: 'プランIDが設定されていません。プランIDが設定されていないとメルマガのリストへの追加はされません。', en: 'No plan id is set: nobody is added to the mailing list.' },
        empty: { ja: 'プランIDが設定されていません。プランIDが設定されていないとメルマガのリストへの追加はされません。', en: 'No plan id is set: nobody is added to the mailing list.' },
      },
      evaluate: (ctx) => whenEnabled(ctx, 'netshoninEnabled', NETSHONIN, () => checkFilled(ctx, 'netshoninPlanId')),
    },
    {
      id: 'netshonin-caveats',
      title: { ja: 'ネット商人連携: 注意事項', en: 'ネット商人: caveats' },
      fix: {
        ja: 'ネット商人連携は動作保証の対象外です。姓名にアルファベットやカタカナが入っているとネット商人側でエラーとなる場合があり、登録できなかったメールアドレスは手動で登録する必要があります。解約・キャンセル・顧客情報の変更も手動で反映してください。',
        en: 'The ネット商人 integration is outside the warranty. Names with alphabet or katakana may be rejected; failed addresses must be added by hand, and cancellations or changed customer data must be applied by hand.',
      },
      source: { doc: DOC, section: `${NS} 動作保証に関する注意事項 / 制限事項 / ネット商人にうまく登録されない場合` },
      verify: ['page'],
      severity: 'info',
      pages: ['luxliner-integrations'],
      messages: {
        default: {
          ja: 'ネット商人連携は動作保証の対象外です。姓名にアルファベットやカタカナがあると登録できない場合があり、登録できなかった分は手動で登録が必要です。',
          en: 'The ネット商人 integration is outside the warranty; names with alphabet or katakana may be rejected and must then be added by hand.',
        },
      },
      evaluate: (ctx) => {
        const f = findField(ctx.page, 'netshoninEnabled');
        const on = isOn(f);
        if (!f || on === undefined) return undefined;
        return on ? { state: 'fail', evidence: [fieldEvidence(f, 'オン')] } : { state: 'pass', note: { ja: 'ネット商人連携が無効のため対象外です。', en: 'The ネット商人 integration is disabled: not applicable.' } };
      },
    },
  ],
});
