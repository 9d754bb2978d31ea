/**
 * ecai-migration — moving from LINE Official Account Manager or another LINE tool to ECAI (002
 * 「LINE Official Account Managerや、他LINE拡張ツールからECAIに移設した際の注意点」①–⑤).
 */
import { checkToggle, fieldEvidence, statusToggles } from './checks';
import { webhookUrlSet } from './ecai-line-connect';
import { normaliseLabel } from './normalise';
import { defineChecklist, type EvalContext, type ItemEval } from './types';
import { findField, isOn } from './vocabulary';

const DOC = '002';
const SECTION = 'LINE Official Account Managerや、他LINE拡張ツールからECAIに移設した際の注意点';

function botModeWebhookOn(ctx: EvalContext): ItemEval | undefined {
  const mode = findField(ctx.page, 'responseMode');
  const chat = findField(ctx.page, 'chat');
  const webhook = checkToggle(ctx, 'webhook', true);
  let bot: boolean | undefined;
  let modeEvidence = mode ? fieldEvidence(mode, mode.value) : undefined;
  if (mode && normaliseLabel(mode.value)) bot = normaliseLabel(mode.value) === 'bot';
  else if (chat) {
    const on = isOn(chat);
    bot = on === undefined ? undefined : !on;
    modeEvidence = fieldEvidence(chat, on === undefined ? '?' : on ? 'オン' : 'オフ');
  }
  if (bot === undefined && !webhook) return undefined;
  const evidence = [...(modeEvidence ? [modeEvidence] : []), ...(webhook?.evidence ?? [])];
  if (bot === false) return { state: 'fail', messageId: 'chat-mode', evidence };
  if (webhook?.state === 'fail') return { state: 'fail', messageId: 'webhook-off', evidence };
  if (bot === true && webhook?.state === 'pass') return { state: 'pass', evidence };
  return { state: 'unknown', evidence };
}

function statusOn(kind: 'ecai-auto-response' | 'ecai-step-message') {
  return (ctx: EvalContext): ItemEval | undefined => {
    if (ctx.pageId !== kind) return undefined;
    const s = statusToggles(ctx);
    if (s.fields.length === 0) return undefined;
    const evidence = [{ source: 'static' as const, text: `ステータス: オン ${s.on} / オフ ${s.off}` }];
    if (s.on > 0) return { state: 'pass', evidence };
    if (s.off > 0) return { state: 'fail', data: { off: s.off }, evidence };
    return { state: 'unknown', evidence };
  };
}

export default defineChecklist({
  id: 'ecai-migration',
  title: { ja: 'LINE Official Account Manager・他ツールからECAIへの移設', en: 'Move from LINE Official Account Manager or another tool to ECAI' },
  source: { doc: DOC, section: SECTION },
  items: [
    {
      id: 'webhook-url-set',
      title: { ja: '① Messaging APIにECAIの「Webhook URL」がセットされている', en: "① ECAI's Webhook URL is set in the Messaging API" },
      fix: {
        ja: 'LINE Official Account Manager > 設定 > Messaging API に、ECAIの「Webhook URL」をセットしてください。Webhookを切り替え後に友だちになる方たちは必ずECAIに入ってきます。',
        en: "Set ECAI's Webhook URL in LINE Official Account Manager > Settings > Messaging API. Everyone who becomes a friend after the switch comes into ECAI.",
      },
      source: { doc: DOC, section: `${SECTION} ①` },
      verify: ['cross-page', 'live'],
      severity: 'error',
      pages: ['oam-messaging-api', 'ecai-line-account'],
      messages: {
        default: { ja: 'LINEのWebhook URLがECAIのWebhook URLと一致しません。', en: "LINE's Webhook URL is not ECAI's." },
        empty: { ja: 'LINE側のWebhook URLが設定されていません。', en: 'No Webhook URL is set in LINE.' },
        mismatch: { ja: 'LINEのWebhook URL({line})がECAIのWebhook URL({ecai})と一致しません。', en: "LINE's Webhook URL ({line}) differs from ECAI's ({ecai})." },
        'live-mismatch': { ja: 'LINE APIで確認したWebhook URL({line})がECAIのWebhook URLと一致しません。', en: 'The Webhook URL the LINE API reports ({line}) differs from ECAI\'s.' },
      },
      evaluate: webhookUrlSet,
    },
    {
      id: 'bot-mode-webhook-on',
      title: { ja: '② 応答モード「Bot」・Webhook「オン」', en: '② Response mode "Bot" and Webhook on' },
      fix: {
        ja: 'LINE Official Account Manager の応答設定で、応答モードを「Bot」(チャットをオフ)、Webhookを「オン」にしてください。『応答モード』は『Bot』または『チャット』のどちらかで、ECAIを使用する場合は『Bot』です。',
        en: 'In Response settings choose the "Bot" response mode (Chat off) and turn Webhook on. ECAI needs "Bot"; with "Chat", ECAI cannot be used.',
      },
      source: { doc: DOC, section: `${SECTION} ②` },
      verify: ['page', 'live'],
      severity: 'error',
      pages: ['oam-response'],
      messages: {
        default: { ja: '応答モードが「Bot」でないか、Webhookが「オン」になっていません。', en: 'The response mode is not "Bot" or Webhook is not on.' },
        'chat-mode': { ja: '応答モードが「チャット」(チャットがオン)になっています。ECAIを使用する場合は「Bot」です。', en: 'The response mode is "Chat" (Chat on). ECAI needs "Bot".' },
        'webhook-off': { ja: 'Webhookが「オフ」になっています。', en: 'Webhook is off.' },
        live: { ja: 'LINE APIで確認した応答モードまたはWebhookの状態が正しくありません({detail})。', en: 'The LINE API reports a wrong response mode or webhook state ({detail}).' },
      },
      evaluate: botModeWebhookOn,
    },
    {
      id: 'test-message-reflected',
      title: { ja: '③ スマホからのメッセージが1:1トークに反映される', en: '③ A message from a phone appears in the 1:1 talk' },
      fix: { ja: 'スマホからメッセージ発言をして、ECAIの1:1トークにメッセージが反映されるか確認してください。', en: "Send a message from a phone and check that it appears in ECAI's 1:1 talk." },
      source: { doc: DOC, section: `${SECTION} ➂` },
      verify: ['manual'],
      severity: 'error',
      pages: [],
      messages: { default: { ja: 'テストメッセージの確認がまだです。', en: 'The test message is not confirmed yet.' } },
    },
    {
      id: 'auto-response-status-on',
      title: { ja: '④ 応答メッセージのステータスが「オン」', en: '④ Auto-response status is on' },
      fix: { ja: 'ECAIの応答メッセージのステータスを「オン」にしてください。', en: "Turn the status of ECAI's auto-response messages on." },
      source: { doc: DOC, section: `${SECTION} ④` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-auto-response'],
      messages: { default: { ja: '応答メッセージのステータスがすべて「オフ」です({off}件)。', en: 'Every auto-response status is off ({off}).' } },
      evaluate: statusOn('ecai-auto-response'),
    },
    {
      id: 'step-message-status-on',
      title: { ja: '⑤ ステップメッセージのステータスが「オン」', en: '⑤ Step message status is on' },
      fix: { ja: 'ECAIのステップメッセージのステータスを「オン」にしてください。', en: "Turn the status of ECAI's step messages on." },
      source: { doc: DOC, section: `${SECTION} ⑤` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-step-message'],
      messages: { default: { ja: 'ステップメッセージのステータスがすべて「オフ」です({off}件)。', en: 'Every step message status is off ({off}).' } },
      evaluate: statusOn('ecai-step-message'),
    },
  ],
});
