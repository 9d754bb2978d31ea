/**
 * ecai-quota-alert — 配信上限数(残り通数)のアラート (002 新機能#70, プラン表示).
 */
import { cleanValue, fieldEvidence } from './checks';
import { normaliseLabel } from './normalise';
import { defineChecklist, type EvalContext, type ItemEval, type Localized } from './types';
import { findField, findFields, isOn } from './vocabulary';

const DOC = '002';
const SECTION = '新機能#70┃LINE公式アカウント配信上限数(残り通数)のアラート機能';

export type LinePlan = 'free' | 'light' | 'standard';

/** 002: 0–1,000 フリー, 1,001–15,000 ライト, 15,001+ スタンダード (from the monthly message limit). */
export function planForLimit(limit: number): LinePlan {
  if (limit <= 1000) return 'free';
  if (limit <= 15000) return 'light';
  return 'standard';
}

export const PLAN_NAMES: Record<LinePlan, Localized> = {
  free: { ja: 'フリープラン', en: 'Free plan' },
  light: { ja: 'ライトプラン', en: 'Light plan' },
  standard: { ja: 'スタンダードプラン', en: 'Standard plan' },
};

function thresholdSet(ctx: EvalContext): ItemEval | undefined {
  const toggle = findField(ctx.page, 'notifyEnabled');
  const count = findField(ctx.page, 'notifyThreshold');
  if (!toggle && !count) return undefined;
  const on = isOn(toggle);
  const evidence = [...(toggle ? [fieldEvidence(toggle, on === undefined ? '?' : on ? 'オン' : 'オフ')] : []), ...(count ? [fieldEvidence(count, cleanValue(count.value))] : [])];
  if (on === false) return { state: 'fail', messageId: 'disabled', evidence };
  if (count) {
    const v = cleanValue(count.value).replace(/[,，通]/gu, '');
    if (!v) return { state: 'fail', messageId: 'empty', evidence };
    if (!/^\d+$/u.test(v) || Number(v) <= 0) return { state: 'fail', messageId: 'format', data: { value: cleanValue(count.value) }, evidence };
  }
  if (on === true && count) return { state: 'pass', evidence };
  return { state: 'unknown', evidence };
}

/** A group of checkboxes (or its single boxes) under a label: which are checked. */
function checkedOptions(ctx: EvalContext, name: 'notifyBots' | 'notifyDestination'): { labels: string[]; seen: boolean; evidence: ReturnType<typeof fieldEvidence>[] } {
  const group = findFields(ctx.page, name).find((f) => f.options && f.options.length > 0);
  if (group) {
    const labels = (group.options ?? []).filter((o) => o.selected).map((o) => o.label || o.value);
    return { labels, seen: true, evidence: [fieldEvidence(group, labels.join(', '))] };
  }
  return { labels: [], seen: false, evidence: [] };
}

function botsSelected(ctx: EvalContext): ItemEval | undefined {
  const c = checkedOptions(ctx, 'notifyBots');
  if (!c.seen) return undefined;
  return c.labels.length > 0 ? { state: 'pass', evidence: c.evidence } : { state: 'fail', evidence: c.evidence };
}

function destinationSet(ctx: EvalContext): ItemEval | undefined {
  const c = checkedOptions(ctx, 'notifyDestination');
  if (!c.seen) return undefined;
  if (c.labels.length === 0) return { state: 'fail', evidence: c.evidence };
  const chatwork = c.labels.some((l) => /チャットワーク|chatwork/iu.test(l));
  if (chatwork) {
    const room = findField(ctx.page, 'notifyRoom');
    if (room && (!cleanValue(room.value) || /選択/u.test(room.value) || normaliseLabel(room.value) === '')) {
      return { state: 'fail', messageId: 'room', evidence: [...c.evidence, fieldEvidence(room, '')] };
    }
  }
  return { state: 'pass', evidence: c.evidence };
}

export default defineChecklist({
  id: 'ecai-quota-alert',
  title: { ja: '配信上限数(残り通数)アラート', en: 'Message limit (remaining messages) alert' },
  source: { doc: DOC, section: SECTION },
  items: [
    {
      id: 'notify-threshold-set',
      title: { ja: '「通知通数に達したら通知する」を有効にし、通数を設定する', en: 'Enable "notify when the count is reached" and set the count' },
      fix: {
        ja: 'PCでログインし、オペレーター設定で「通知通数に達したら通知する」を有効にして、通知したい通数を設定してください。設定した通数以下になると毎日昼の12:00にアラート通知が行われます(自動で上限数の追加やプラン変更をする機能ではありません)。',
        en: 'On a PC, in operator settings, enable "通知通数に達したら通知する" and set the count. When the remaining messages fall to it, an alert is sent daily at 12:00 (it does not raise the limit or change the plan).',
      },
      source: { doc: DOC, section: `${SECTION} ⑧⑨ / チャットワーク通知 ⑦⑧` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-operator'],
      messages: {
        default: { ja: '配信上限数アラートが設定されていません。', en: 'The message limit alert is not set.' },
        disabled: { ja: '「通知通数に達したら通知する」が有効になっていません。', en: '"通知通数に達したら通知する" is not enabled.' },
        empty: { ja: '通知したい通数が入力されていません。', en: 'No count is entered.' },
        format: { ja: '通知したい通数「{value}」が正の数ではありません。', en: 'The count "{value}" is not a positive number.' },
      },
      evaluate: thresholdSet,
    },
    {
      id: 'bots-selected',
      title: { ja: '通知を受けたいBOTにチェックを入れる', en: 'Check the BOTs to be notified about' },
      fix: { ja: '通知を受けたいBOTにチェックを入れてください。複数BOTの通知を受け取りたい場合は複数BOTをチェックします。', en: 'Check the BOTs you want alerts for (several if needed).' },
      source: { doc: DOC, section: `${SECTION} ⑩ / チャットワーク通知 ⑨` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-operator'],
      messages: { default: { ja: '通知を受けたいBOTが1つも選択されていません。', en: 'No BOT is selected.' } },
      evaluate: botsSelected,
    },
    {
      id: 'destination-set',
      title: { ja: '通知先(LINE・チャットワーク)を選ぶ', en: 'Choose the destination (LINE or Chatwork)' },
      fix: {
        ja: '通知先「LINE」または「チャットワーク」にチェックを入れてください。LINEの場合は事前にスマホ連携が必要です(SafariまたはGoogle Chromeで行い、チャットワークなどのアプリ内ブラウザやプライベートブラウズ・シークレットモードではエラーになります)。チャットワークの場合は通知用のチャットワークアカウントを開設し、通知先のグループチャットに招待して連携し、通知先のトークルームを選択してください。',
        en: 'Check "LINE" or "Chatwork". LINE needs the smartphone link first (done in Safari or Chrome — not in an in-app browser or a private window). Chatwork needs a dedicated notification account invited to the group chat, linked, and the talk room chosen.',
      },
      source: { doc: DOC, section: `${SECTION} —LINE通知— ①〜⑦⑪ / —チャットワーク通知— ①〜③⑩⑪` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-operator'],
      messages: {
        default: { ja: '通知先が選択されていません。', en: 'No destination is chosen.' },
        room: { ja: '通知先「チャットワーク」のトークルームが選択されていません。', en: 'No Chatwork talk room is chosen.' },
      },
      evaluate: destinationSet,
    },
    {
      id: 'quota-remaining',
      title: { ja: '今月の残り通数とプラン(LINE APIで確認)', en: "This month's remaining messages and plan (LINE API)" },
      fix: {
        ja: '残り通数が少ない場合は、LINE Official Account Managerで追加メッセージの上限通数の設定やプラン変更をご検討ください。ECAIのプラン表示は上限通数から判定しており(0〜1,000通:フリー、1,001〜15,000通:ライト、15,001通〜:スタンダード)、正しいプランはLINE Official Account Managerの表示です。',
        en: 'When few messages remain, raise the additional message limit or change the plan in LINE Official Account Manager. ECAI derives the plan from the limit (0–1,000 Free, 1,001–15,000 Light, 15,001+ Standard); the correct plan is the one LINE Official Account Manager shows.',
      },
      source: { doc: DOC, section: 'ECAI内LINE公式アカウントのプラン表示 / 上限通数ごとのプラン' },
      verify: ['live'],
      severity: 'warning',
      pages: [],
      messages: {
        default: { ja: '今月の配信上限数に達しています(上限 {limit}通 / 送信済み {used}通)。メッセージがお客様に届きません。', en: "This month's limit is reached ({used} of {limit} sent): messages do not reach customers." },
      },
    },
  ],
});
