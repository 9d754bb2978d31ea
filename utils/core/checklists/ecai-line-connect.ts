/**
 * ecai-line-connect — connecting a LINE Official Account to ECAI (002 (1)–(5), ①–⑳).
 */
import { FRIEND_URL, HEX32, TEN_DIGITS, checkFilled, checkFormat, checkToggle, cleanValue, fieldEvidence } from './checks';
import { defineChecklist, type EvalContext, type ItemEval, type Localized } from './types';
import { findField, isHiddenValue } from './vocabulary';
import { normaliseLabel } from './normalise';

const DOC = '002';
const S4 = '(4)ECAIとLINE公式アカウント連携';
const S5 = '(5)LINE公式アカウントのWebhook設定、切り替え';

function formatMessages(label: string, format: Localized): Record<string, Localized> {
  return {
    default: { ja: `${label}の形式が正しくありません。{value}(${format.ja})`, en: `${label} has the wrong format: {value} (${format.en}).` },
    format: { ja: `${label}「{value}」は${format.ja}ではありません({length}文字)。`, en: `${label} "{value}" is not ${format.en} ({length} characters).` },
    empty: { ja: `${label}が入力されていません。`, en: `${label} is empty.` },
    fullwidth: {
      ja: `${label}「{value}」に全角文字が含まれています。半角で入力してください。`,
      en: `${label} "{value}" contains full-width characters; type them half-width.`,
    },
  };
}

/** The channel type shown on a LINE Developers channel page. */
export function developersChannelType(ctx: EvalContext): 'login' | 'messaging-api' | undefined {
  const f = findField(ctx.page, 'channelType');
  const t = normaliseLabel(f?.value ?? '');
  if (!t) return undefined;
  if (t.includes('lineログイン') || t.includes('linelogin')) return 'login';
  if (t.includes('messagingapi')) return 'messaging-api';
  return undefined;
}

export function webhookUrlSet(ctx: EvalContext): ItemEval | undefined {
  if (ctx.pageId === 'oam-messaging-api') {
    const f = findField(ctx.page, 'webhookUrl');
    if (!f) return undefined;
    const v = cleanValue(f.value);
    if (!v) return { state: 'fail', messageId: 'empty', evidence: [fieldEvidence(f, '')] };
    const shown = ctx.mask(v);
    const issued = ctx.cross.get('ecai.webhookUrl');
    if (!issued) {
      return {
        state: 'unknown',
        evidence: [fieldEvidence(f, shown)],
        note: {
          ja: 'ECAIで発行されたWebhook URLをまだ読み取っていません。ECAIのLINE公式アカウント編集画面(⑩保存のあと)を開くと照合できます。',
          en: "ECAI's Webhook URL has not been read yet. Open ECAI's LINE Official Account edit page (after ⑩ Save) to compare.",
        },
      };
    }
    if (ctx.fp('line.webhookUrl', v) === issued.fingerprint) return { state: 'pass', evidence: [fieldEvidence(f, shown), { source: 'static', url: issued.url, text: `ECAI: ${issued.masked}` }] };
    return {
      state: 'fail',
      messageId: 'mismatch',
      data: { line: shown, ecai: issued.masked },
      evidence: [fieldEvidence(f, shown), { source: 'static', url: issued.url, text: `ECAI: ${issued.masked}` }],
    };
  }
  if (ctx.pageId === 'ecai-line-account') {
    const f = findField(ctx.page, 'webhookUrl');
    const seen = ctx.cross.get('line.webhookUrl');
    if (!f || !seen || !cleanValue(f.value)) return undefined;
    const v = cleanValue(f.value);
    const shown = ctx.mask(v);
    if (ctx.fp('ecai.webhookUrl', v) === seen.fingerprint) return { state: 'pass', evidence: [fieldEvidence(f, shown), { source: 'static', url: seen.url, text: `LINE: ${seen.masked}` }] };
    return { state: 'fail', messageId: 'mismatch', data: { line: seen.masked, ecai: shown }, evidence: [fieldEvidence(f, shown), { source: 'static', url: seen.url, text: `LINE: ${seen.masked}` }] };
  }
  return undefined;
}

function loginChannelIsMessagingApi(ctx: EvalContext): ItemEval | undefined {
  if (ctx.pageId === 'ecai-line-account') {
    const f8 = findField(ctx.page, 'loginChannelId');
    const v8 = cleanValue(f8?.value ?? '');
    if (!f8 || !v8) return undefined;
    const f6 = findField(ctx.page, 'channelId');
    const v6 = cleanValue(f6?.value ?? '');
    if (f6 && v6 && v6 === v8) {
      return { state: 'fail', messageId: 'same-id', data: { id: v8 }, evidence: [fieldEvidence(f8, v8), fieldEvidence(f6, v6)] };
    }
    const f9 = findField(ctx.page, 'loginChannelSecret');
    const f7 = findField(ctx.page, 'channelSecret');
    const v9 = cleanValue(f9?.value ?? '');
    const v7 = cleanValue(f7?.value ?? '');
    if (f9 && f7 && v9 && v7 && !isHiddenValue(v9) && !isHiddenValue(v7) && v9 === v7) {
      return { state: 'fail', messageId: 'same-secret', evidence: [fieldEvidence(f9, ctx.mask(v9)), fieldEvidence(f7, ctx.mask(v7))] };
    }
    const mapi = ctx.cross.get('line.messagingApiChannelId');
    if (mapi && ctx.fp('ecai.loginChannelId', v8) === mapi.fingerprint) {
      return {
        state: 'fail',
        messageId: 'messaging-api-id',
        data: { id: v8 },
        evidence: [fieldEvidence(f8, v8), { source: 'static', url: mapi.url, text: `Messaging API Channel ID: ${mapi.clear ?? mapi.masked}` }],
      };
    }
    if (!v6 && !mapi) return { state: 'unknown', evidence: [fieldEvidence(f8, v8)] };
    return { state: 'pass', evidence: [fieldEvidence(f8, v8)] };
  }
  // On LINE's side: the Messaging API channel id shown there must not be ECAI's ⑧.
  const isMessagingApiPage = ctx.pageId === 'oam-messaging-api' || (ctx.pageId === 'developers-channel' && developersChannelType(ctx) === 'messaging-api');
  if (isMessagingApiPage) {
    const f = findField(ctx.page, 'channelId');
    const v = cleanValue(f?.value ?? '');
    const ecai8 = ctx.cross.get('ecai.loginChannelId');
    if (!f || !v || !ecai8) return undefined;
    if (ctx.fp('ecai.loginChannelId', v) === ecai8.fingerprint) {
      return { state: 'fail', messageId: 'messaging-api-id', data: { id: v }, evidence: [fieldEvidence(f, v), { source: 'static', url: ecai8.url, text: `ECAI ⑧: ${ecai8.clear ?? ecai8.masked}` }] };
    }
    return { state: 'pass', evidence: [fieldEvidence(f, v), { source: 'static', url: ecai8.url, text: `ECAI ⑧: ${ecai8.clear ?? ecai8.masked}` }] };
  }
  if (ctx.pageId === 'developers-channel' && developersChannelType(ctx) === 'login') {
    const f = findField(ctx.page, 'channelId');
    const v = cleanValue(f?.value ?? '');
    const ecai8 = ctx.cross.get('ecai.loginChannelId');
    if (!f || !v || !ecai8) return undefined;
    if (ctx.fp('ecai.loginChannelId', v) === ecai8.fingerprint) return { state: 'pass', evidence: [fieldEvidence(f, v)] };
    // ⑧ is some other channel: not this LINE Login channel, maybe the Messaging API one
    return { state: 'fail', messageId: 'other-channel', data: { id: v, ecai: ecai8.clear ?? ecai8.masked }, evidence: [fieldEvidence(f, v)] };
  }
  return undefined;
}

function planAndAccounts(ctx: EvalContext): ItemEval | undefined {
  const planField = findField(ctx.page, 'plan');
  const planText = planField?.value ?? (/(スタート|ライト|スタンダード|プロ|エンタープライズ)プラン/u.exec(ctx.page.text)?.[0] ?? '');
  if (!planText) return undefined;
  const isStart = normaliseLabel(planText).includes('スタート') || /start/iu.test(planText);
  const table = ctx.page.tables.find((t) => t.headers.some((h) => normaliseLabel(h) === normaliseLabel('LINEアカウント名')));
  const rows = table ? table.rows.filter((r) => r.some((c) => c.trim() !== '')) : undefined;
  const ev = [{ source: 'static' as const, text: `プラン: ${planText}${rows ? ` / LINE公式アカウント: ${rows.length}` : ''}` }];
  if (!isStart) return { state: 'pass', evidence: ev };
  if (!rows) return { state: 'unknown', evidence: ev };
  return rows.length <= 1 ? { state: 'pass', evidence: ev } : { state: 'fail', data: { count: rows.length }, evidence: ev };
}

export default defineChecklist({
  id: 'ecai-line-connect',
  title: { ja: 'LINE公式アカウントとECAIの連携', en: 'Connect a LINE Official Account to ECAI' },
  source: { doc: DOC, section: 'LINE公式アカウントとECAIの連携 (1)〜(5)' },
  items: [
    {
      id: 'line-oa-created',
      title: { ja: '(1) LINE公式アカウントを開設する', en: '(1) Open a LINE Official Account' },
      fix: { ja: 'LINE公式アカウントの開設がまだの方は https://www.linebiz.com/jp/signup/ から開設してください。', en: 'If you have no LINE Official Account yet, open one at https://www.linebiz.com/jp/signup/.' },
      source: { doc: DOC, section: '(1)LINE公式アカウント開設' },
      verify: ['manual'],
      severity: 'error',
      pages: [],
      messages: { default: { ja: 'LINE公式アカウントの開設が確認できていません。', en: 'The LINE Official Account is not confirmed yet.' } },
    },
    {
      id: 'login-channel-created',
      title: { ja: '(2) LINEログインチャネルを作成する', en: '(2) Create a LINE Login channel' },
      fix: {
        ja: 'LINE Developers > コンソール > プロバイダー選択 で「新規チャネル作成」をクリックし、「LINEログイン」チャネルを作成してください。「Messaging API」と記載があるチャネルではありません。',
        en: 'In LINE Developers > Console > your provider, click "Create a new channel" and create a "LINE Login" channel (not the "Messaging API" one).',
      },
      source: { doc: DOC, section: '(2)LINEログインチャネル設定 / 【3】' },
      verify: ['page', 'manual'],
      severity: 'error',
      pages: ['developers-channel'],
      messages: { default: { ja: 'このチャネルは「LINEログイン」チャネルではありません。', en: 'This channel is not a "LINE Login" channel.' } },
      evaluate: (ctx) => {
        const t = developersChannelType(ctx);
        const f = findField(ctx.page, 'channelType');
        if (t === 'login' && f) return { state: 'pass', evidence: [fieldEvidence(f, f.value)] };
        if (t === 'messaging-api' && f) {
          return {
            state: 'unknown',
            evidence: [fieldEvidence(f, f.value)],
            note: { ja: 'この画面は「Messaging API」チャネルです。LINEログインチャネルの画面を開いてください。', en: 'This page is the "Messaging API" channel; open the LINE Login channel.' },
          };
        }
        return undefined;
      },
    },
    {
      id: 'messaging-api-enabled',
      title: { ja: '(3) Messaging APIを利用する', en: '(3) Enable the Messaging API' },
      fix: {
        ja: 'LINE Official Account Manager > 設定 > Messaging API で「Messaging APIを利用する」をクリックし、プロバイダーを選択(無ければ作成)して【2-1】〜【2-6】の手順で有効にしてください。Channel IDとChannel secretが表示されれば完了です。',
        en: 'In LINE Official Account Manager > Settings > Messaging API, click "Use Messaging API", choose (or create) a provider and follow 【2-1】–【2-6】. It is done when the Channel ID and Channel secret are shown.',
      },
      source: { doc: DOC, section: '【2】〜【2-6】' },
      verify: ['page'],
      severity: 'error',
      pages: ['oam-messaging-api'],
      messages: { default: { ja: 'Messaging APIがまだ利用されていません(Channel ID・Channel secretが表示されていません)。', en: 'The Messaging API is not enabled yet (no Channel ID / Channel secret shown).' } },
      evaluate: (ctx) => {
        const id = findField(ctx.page, 'channelId');
        const secret = findField(ctx.page, 'channelSecret');
        if (id && cleanValue(id.value) && secret && cleanValue(secret.value)) return { state: 'pass', evidence: [fieldEvidence(id, cleanValue(id.value)), fieldEvidence(secret, ctx.mask(cleanValue(secret.value)))] };
        if (/Messaging\s*APIを利用する|Use\s+Messaging\s+API/iu.test(ctx.page.text)) return { state: 'fail', evidence: [{ source: 'static', text: '「Messaging APIを利用する」' }] };
        return undefined;
      },
    },
    {
      id: 'account-name',
      title: { ja: '④「LINEアカウント名」を入力する', en: '④ Enter the "LINE account name"' },
      fix: { ja: '④「LINEアカウント名」にECAIで管理するためのアカウント名を入力してください。', en: 'Enter in ④ "LINEアカウント名" the name ECAI uses to manage the account.' },
      source: { doc: DOC, section: `${S4} ④` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-line-account'],
      messages: {
        default: { ja: '④「LINEアカウント名」が入力されていません。', en: '④ "LINE account name" is empty.' },
        empty: { ja: '④「LINEアカウント名」が入力されていません。', en: '④ "LINE account name" is empty.' },
      },
      evaluate: (ctx) => checkFilled(ctx, 'accountName'),
    },
    {
      id: 'friend-url',
      title: { ja: '⑤「友だち追加URL」を入力する', en: '⑤ Enter the "friend URL"' },
      fix: {
        ja: 'LINE Official Account Manager > 友だちを増やす > URLを作成 で【1】のURL(https://lin.ee/… または https://line.me/R/ti/p/…)をコピーして⑤に入力してください。',
        en: 'Copy 【1】 from LINE Official Account Manager > Gain friends > Create URL (https://lin.ee/… or https://line.me/R/ti/p/…) into ⑤.',
      },
      source: { doc: DOC, section: `${S4} ⑤ / 【1】` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-line-account'],
      messages: formatMessages('⑤「友だち追加URL」', { ja: 'https://lin.ee/… または https://line.me/R/ti/p/… のURL', en: 'a https://lin.ee/… or https://line.me/R/ti/p/… URL' }),
      evaluate: (ctx) => checkFormat(ctx, 'friendUrl', (v) => FRIEND_URL.test(v)),
    },
    {
      id: 'channel-id',
      title: { ja: '⑥「Channel Id」を入力する', en: '⑥ Enter the "Channel Id"' },
      fix: { ja: 'LINE Official Account Manager > 設定 > Messaging API の【2】Channel ID(10桁の数字)をコピーして⑥に入力してください。', en: 'Copy 【2】 Channel ID (10 digits) from LINE Official Account Manager > Settings > Messaging API into ⑥.' },
      source: { doc: DOC, section: `${S4} ⑥ / 【2】` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-line-account'],
      messages: formatMessages('⑥「Channel Id」', { ja: '10桁の数字', en: '10 digits' }),
      evaluate: (ctx) => checkFormat(ctx, 'channelId', (v) => TEN_DIGITS.test(v)),
    },
    {
      id: 'channel-secret',
      title: { ja: '⑦「Channel Secret」を入力する', en: '⑦ Enter the "Channel Secret"' },
      fix: { ja: 'LINE Official Account Manager > 設定 > Messaging API の【2】Channel secret(32文字の英数字)をコピーして⑦に入力してください。', en: 'Copy 【2】 Channel secret (32 hexadecimal characters) from LINE Official Account Manager > Settings > Messaging API into ⑦.' },
      source: { doc: DOC, section: `${S4} ⑦ / 【2】` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-line-account'],
      messages: formatMessages('⑦「Channel Secret」', { ja: '32文字の英数字(0-9, a-f)', en: '32 hexadecimal characters' }),
      evaluate: (ctx) => checkFormat(ctx, 'channelSecret', (v) => HEX32.test(v), { secret: true }),
    },
    {
      id: 'login-channel-id',
      title: { ja: '⑧「LINEログイン用 Channel Id」を入力する', en: '⑧ Enter the "LINE Login Channel Id"' },
      fix: {
        ja: 'LINE Developers > コンソール > LINEログインチャネルをクリックし、【3】Channel ID(10桁の数字)をコピーして⑧に入力してください。「Messaging API」と記載があるチャネルではありませんので間違えないようにご注意ください。',
        en: 'Open LINE Developers > Console > the LINE Login channel and copy 【3】 Channel ID (10 digits) into ⑧ — not the channel marked "Messaging API".',
      },
      source: { doc: DOC, section: `${S4} ⑧ / 【3】` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-line-account'],
      messages: formatMessages('⑧「LINEログイン用 Channel Id」', { ja: '10桁の数字', en: '10 digits' }),
      evaluate: (ctx) => checkFormat(ctx, 'loginChannelId', (v) => TEN_DIGITS.test(v)),
    },
    {
      id: 'login-channel-is-messaging-api',
      title: { ja: '⑧⑨にはLINEログインチャネルの値を入れる', en: '⑧⑨ hold the LINE Login channel, not the Messaging API channel' },
      fix: {
        ja: 'LINE Developers > コンソール > プロバイダー選択 で「LINEログイン」と記載があるチャネルを開き、そのChannel IDとChannel secretを⑧⑨に入力し直してください。「Messaging API」と記載があるチャネルの値(⑥⑦と同じ値)ではありません。',
        en: 'Open the channel marked "LINE Login" in LINE Developers > Console > your provider and enter its Channel ID and Channel secret in ⑧⑨ — not the values of the "Messaging API" channel (⑥⑦).',
      },
      source: { doc: DOC, section: '【3】【4】 LINEログインチャネルには「LINEログイン」と記載があります' },
      verify: ['page', 'cross-page'],
      severity: 'error',
      pages: ['ecai-line-account', 'oam-messaging-api', 'developers-channel'],
      messages: {
        default: { ja: '⑧⑨にMessaging APIチャネルの値が入っています。', en: '⑧⑨ hold the Messaging API channel.' },
        'same-id': { ja: '⑧「LINEログイン用 Channel Id」が⑥「Channel Id」と同じ値({id})です。⑧にはLINEログインチャネルのChannel IDが必要です。', en: '⑧ "LINE Login Channel Id" equals ⑥ "Channel Id" ({id}). ⑧ needs the LINE Login channel\'s Channel ID.' },
        'same-secret': { ja: '⑨「LINEログイン用 Channel Secret」が⑦「Channel Secret」と同じ値です。⑨にはLINEログインチャネルのChannel secretが必要です。', en: '⑨ "LINE Login Channel Secret" equals ⑦ "Channel Secret". ⑨ needs the LINE Login channel\'s secret.' },
        'messaging-api-id': { ja: '⑧「LINEログイン用 Channel Id」({id})はLINE側で表示されているMessaging APIチャネルのChannel IDです。', en: '⑧ "LINE Login Channel Id" ({id}) is the Messaging API channel ID LINE shows.' },
        'other-channel': { ja: 'このLINEログインチャネル({id})はECAIの⑧({ecai})とは別のチャネルです。⑧に入力したチャネルを確認してください。', en: 'This LINE Login channel ({id}) is not ECAI\'s ⑧ ({ecai}). Check which channel ⑧ holds.' },
      },
      evaluate: loginChannelIsMessagingApi,
    },
    {
      id: 'login-channel-secret',
      title: { ja: '⑨「LINEログイン用 Channel Secret」を入力する', en: '⑨ Enter the "LINE Login Channel Secret"' },
      fix: { ja: 'LINE Developers > コンソール > LINEログインチャネルをクリックし、【4】Channel secret(32文字の英数字)をコピーして⑨に入力してください。', en: 'Open LINE Developers > Console > the LINE Login channel and copy 【4】 Channel secret (32 hexadecimal characters) into ⑨.' },
      source: { doc: DOC, section: `${S4} ⑨ / 【4】` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-line-account'],
      messages: formatMessages('⑨「LINEログイン用 Channel Secret」', { ja: '32文字の英数字(0-9, a-f)', en: '32 hexadecimal characters' }),
      evaluate: (ctx) => checkFormat(ctx, 'loginChannelSecret', (v) => HEX32.test(v), { secret: true }),
    },
    {
      id: 'login-channel-linked',
      title: { ja: '【5】LINEログインチャネルにLINE公式アカウントをリンクする', en: '【5】 Link the LINE Official Account to the LINE Login channel' },
      fix: {
        ja: '【5】リンクされたLINE公式アカウントの「編集」をクリックし、プルダウンから作成したLINEログインチャネルを使用するLINE公式アカウントを1つ選択してください。',
        en: '【5】 Click "Edit" next to the linked LINE Official Account and choose, from the drop-down, the one LINE Official Account that uses this LINE Login channel.',
      },
      source: { doc: DOC, section: `${S4} 【5】` },
      verify: ['page', 'manual'],
      severity: 'error',
      pages: ['ecai-line-account', 'developers-channel'],
      messages: {
        default: { ja: 'LINEログインチャネルにLINE公式アカウントが選択されていません。', en: 'No LINE Official Account is selected for the LINE Login channel.' },
        empty: { ja: '「{label}」が選択されていません。', en: '"{label}" is not selected.' },
      },
      evaluate: (ctx) => (ctx.pageId === 'developers-channel' && developersChannelType(ctx) === 'messaging-api' ? undefined : checkFilled(ctx, 'linkedOa')),
    },
    {
      id: 'webhook-issued',
      title: { ja: '⑩「保存する」でWebhook URLを発行する', en: '⑩ Save to issue the Webhook URL' },
      fix: { ja: '⑩「保存する」をクリックしてください。保存のあとに発行されたWebhook URLはこの後(⑮)に使用します。', en: 'Click ⑩ "保存する" (Save). The Webhook URL issued after saving is used next (⑮).' },
      source: { doc: DOC, section: `${S4} ⑩` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-line-account'],
      messages: { default: { ja: 'Webhook URL「{value}」がhttpsのURLではありません。', en: 'The Webhook URL "{value}" is not an https URL.' } },
      evaluate: (ctx) => {
        const f = findField(ctx.page, 'webhookUrl');
        const v = cleanValue(f?.value ?? '');
        if (!f || !v) {
          return {
            state: 'unknown',
            note: { ja: 'Webhook URLは⑩「保存する」のあとに表示されます。', en: 'The Webhook URL appears after ⑩ "保存する" (Save).' },
            evidence: f ? [fieldEvidence(f, '')] : [],
          };
        }
        if (!/^https:\/\/[^\s/]+\/\S*$/u.test(v)) return { state: 'fail', data: { value: ctx.mask(v) }, evidence: [fieldEvidence(f, ctx.mask(v))] };
        return { state: 'pass', evidence: [fieldEvidence(f, ctx.mask(v))] };
      },
    },
    {
      id: 'webhook-url-set',
      title: { ja: '⑮ LINEにECAIのWebhook URLを貼り付ける', en: '⑮ Paste ECAI\'s Webhook URL in LINE' },
      fix: {
        ja: 'LINE Official Account Manager > 設定 > Messaging API で、「⑩保存」のあとにECAIで発行されたWebhook URLを貼り付けて「保存」してください。',
        en: 'In LINE Official Account Manager > Settings > Messaging API, paste the Webhook URL ECAI issued after ⑩ and click "Save".',
      },
      source: { doc: DOC, section: `${S5} ⑬〜⑮` },
      verify: ['cross-page', 'live'],
      severity: 'error',
      pages: ['oam-messaging-api', 'ecai-line-account'],
      messages: {
        default: { ja: 'LINEのWebhook URLがECAIで発行されたものと一致しません。', en: "LINE's Webhook URL is not the one ECAI issued." },
        empty: { ja: 'LINE側のWebhook URLが設定されていません。', en: 'No Webhook URL is set in LINE.' },
        mismatch: { ja: 'LINEのWebhook URL({line})がECAIで発行されたWebhook URL({ecai})と一致しません。', en: "LINE's Webhook URL ({line}) differs from the one ECAI issued ({ecai})." },
        'live-mismatch': { ja: 'LINE APIで確認したWebhook URL({line})がECAIで発行されたWebhook URLと一致しません。', en: 'The Webhook URL the LINE API reports ({line}) differs from the one ECAI issued.' },
      },
      evaluate: webhookUrlSet,
    },
    {
      id: 'chat-off',
      title: { ja: '⑰ チャットを「オフ」にする', en: '⑰ Turn "Chat" off' },
      fix: { ja: 'LINE Official Account Manager > 設定 > 応答設定 で「チャット」を「オフ」にしてください。ECAIを使用する場合、応答モードは「Bot」になります。', en: 'In LINE Official Account Manager > Settings > Response settings, turn "Chat" off. ECAI needs the "Bot" response mode.' },
      source: { doc: DOC, section: `${S5} ⑯⑰` },
      verify: ['page', 'live'],
      severity: 'error',
      pages: ['oam-response'],
      messages: {
        default: { ja: '「{label}」が「{value}」になっています。オンのままではECAIが使えません。', en: '"{label}" is {value}. With Chat on, ECAI cannot be used.' },
        live: { ja: 'LINE APIの chatMode が「chat」です(チャットがオン)。', en: 'The LINE API reports chatMode "chat" (Chat is on).' },
      },
      evaluate: (ctx) => {
        const mode = findField(ctx.page, 'responseMode');
        if (mode && !findField(ctx.page, 'chat')) {
          const v = normaliseLabel(mode.value);
          if (v === 'bot') return { state: 'pass', evidence: [fieldEvidence(mode, mode.value)] };
          if (v) return { state: 'fail', data: { label: mode.label, value: mode.value }, evidence: [fieldEvidence(mode, mode.value)] };
        }
        return checkToggle(ctx, 'chat', false);
      },
    },
    {
      id: 'greeting-off',
      title: { ja: '⑱ あいさつメッセージを「オフ」にする', en: '⑱ Turn the "Greeting message" off' },
      fix: {
        ja: '応答設定で「あいさつメッセージ」を「オフ」にしてください。「オン」だとLINE Official Account ManagerとECAIの両方からあいさつメッセージが送られてしまうため(表示順は LINE Official Account Manager > ECAI)、ECAIのみの設定にします。',
        en: 'Turn "Greeting message" off in Response settings. When on, both LINE Official Account Manager and ECAI send a greeting (OAM\'s first); keep it in ECAI only.',
      },
      source: { doc: DOC, section: `${S5} ⑱ / あいさつメッセージが届かない` },
      verify: ['page'],
      severity: 'error',
      pages: ['oam-response'],
      messages: { default: { ja: '「{label}」が「{value}」です。ECAIでもあいさつメッセージを送る場合、あいさつメッセージが2通届きます。', en: '"{label}" is {value}: when ECAI also greets, friends get two greetings.' } },
      evaluate: (ctx) => checkToggle(ctx, 'greeting', false),
    },
    {
      id: 'webhook-on',
      title: { ja: '⑲ Webhookを「オン」にする', en: '⑲ Turn "Webhook" on' },
      fix: { ja: '応答設定で「Webhook」を「オン」にしてください。オフのままではLINEのメッセージがECAIに届きません。', en: 'Turn "Webhook" on in Response settings; while off, LINE messages never reach ECAI.' },
      source: { doc: DOC, section: `${S5} ⑲` },
      verify: ['page', 'live'],
      severity: 'error',
      pages: ['oam-response'],
      messages: {
        default: { ja: '「{label}」が「{value}」になっています。', en: '"{label}" is {value}.' },
        live: { ja: 'LINE APIで確認したWebhookの利用が無効(active: false)です。', en: 'The LINE API reports the webhook as not active (active: false).' },
      },
      evaluate: (ctx) => checkToggle(ctx, 'webhook', true),
    },
    {
      id: 'auto-response-off',
      title: { ja: '⑳ 応答メッセージを「オフ」にする', en: '⑳ Turn "Auto-response" off' },
      fix: { ja: '応答設定で「応答メッセージ」を「オフ」にしてください。LINE Official Account Manager側で応答メッセージを「オフ」にすることで、ECAI側の応答メッセージが有効になります。', en: 'Turn "Auto-response messages" off in Response settings: then ECAI\'s auto-responses are used.' },
      source: { doc: DOC, section: `${S5} ⑳` },
      verify: ['page'],
      severity: 'error',
      pages: ['oam-response'],
      messages: { default: { ja: '「{label}」が「{value}」です。ECAI側の応答メッセージが使われません。', en: '"{label}" is {value}: ECAI\'s auto-responses are not used.' } },
      evaluate: (ctx) => checkToggle(ctx, 'autoResponse', false),
    },
    {
      id: 'friend-test',
      title: { ja: '友だち追加してECAIに反映されるか確認する', en: 'Add the account as a friend and check ECAI' },
      fix: { ja: '友だち追加し、LINEのユーザー情報がECAIに反映されれば正常に連携が完了となります。', en: 'Add the account as a friend: when the LINE user appears in ECAI, the connection is complete.' },
      source: { doc: DOC, section: '設定お疲れさまでした' },
      verify: ['manual'],
      severity: 'error',
      pages: [],
      messages: { default: { ja: '友だち追加のテストがまだです。', en: 'The friend test is not done yet.' } },
    },
    {
      id: 'start-plan-single-account',
      title: { ja: 'スタートプランではLINE公式アカウントは1つまで', en: 'Start plan: at most one LINE Official Account' },
      fix: { ja: 'スタートプランでは連携できるLINE公式アカウントが1つまでとなります。使わないアカウントを外すか、プランの変更をご検討ください。', en: 'On the Start plan only one LINE Official Account can be linked: remove the extra ones or change the plan.' },
      source: { doc: DOC, section: '※スタートプランでは連携できるLINE公式アカウントが1つまで' },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-line-account-list'],
      messages: { default: { ja: 'スタートプランでLINE公式アカウントが{count}つ連携されています。', en: '{count} LINE Official Accounts are linked on the Start plan.' } },
      evaluate: planAndAccounts,
    },
  ],
});
