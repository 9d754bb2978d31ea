/**
 * Live results as checklist item states: the same ids, messages and fixes as the page checks
 * (`checklist-id/item-id`). A failure to reach the API (timeout, 429, 5xx) never fails an item:
 * it stays `unknown` with the explanation of what happened and what to do.
 */
import type { Evidence, Lang } from '../core/model';
import { renderItemResult } from '../core/checklists/analyze';
import { getChecklist } from '../core/checklists/index';
import { PLAN_NAMES } from '../core/checklists/ecai-quota-alert';
import type { ItemEval, ItemResult } from '../core/checklists/types';
import type { ChatworkLiveResult } from './chatwork';
import { explainLiveError } from './explain';
import type { LiveErrorInfo } from './http';
import type { LineLiveResult } from './line';
import type { ZendeskLiveResult } from './zendesk';

const AUTH_KINDS = new Set(['unauthorized', 'bad-credentials', 'forbidden', 'invalid-input', 'not-found']);

function net(text: string): Evidence {
  return { source: 'network', text };
}

function unreachable(err: LiveErrorInfo): ItemEval {
  const ja = explainLiveError(err, 'ja');
  const en = explainLiveError(err, 'en');
  return { state: 'unknown', note: { ja: `${ja.message} ${ja.fix}`, en: `${en.message} ${en.fix}` }, evidence: [net(`${err.service}: ${err.kind}${err.status ? ` HTTP ${err.status}` : ''}`)] };
}

/** An auth failure fails the item (the credentials on the page are wrong); other errors leave it unknown. */
function fromError(err: LiveErrorInfo): ItemEval {
  if (AUTH_KINDS.has(err.kind)) {
    const ja = explainLiveError(err, 'ja');
    const en = explainLiveError(err, 'en');
    return { state: 'fail', messageId: 'live', data: { detail_ja: ja.message, detail_en: en.message }, evidence: [net(`${err.service}: ${err.kind}${err.status ? ` HTTP ${err.status}` : ''}`)], note: { ja: ja.fix, en: en.fix } };
  }
  return unreachable(err);
}

function render(checklistId: string, evals: Record<string, ItemEval>, lang: Lang): ItemResult[] {
  const c = getChecklist(checklistId);
  if (!c) return [];
  const out: ItemResult[] = [];
  for (const [itemId, ev] of Object.entries(evals)) {
    const item = c.items.find((i) => i.id === itemId);
    if (!item) continue;
    // `{detail}` of the live messages is an explanation in both languages
    const data = ev.data && ev.data[`detail_${lang}`] !== undefined ? { ...ev.data, detail: ev.data[`detail_${lang}`] } : ev.data;
    out.push(renderItemResult(c, item, { ...ev, ...(data ? { data } : {}) }, lang, 'live'));
  }
  return out;
}

/** LINE: webhook-url-set, chat-off, webhook-on (ecai-line-connect); webhook-url-set, bot-mode-webhook-on (ecai-migration); quota-remaining (ecai-quota-alert). */
export function lineLiveEvals(r: LineLiveResult): Record<string, Record<string, ItemEval>> {
  if (!r.authenticated) {
    const e = fromError(r.error ?? { service: 'line', kind: 'bad-response' });
    // wrong Channel ID/secret: nothing can be read; the items stay unknown with the reason
    const u: ItemEval = { ...e, state: 'unknown', note: e.note && { ja: `${explainLiveError(r.error!, 'ja').message} ${e.note.ja}`, en: `${explainLiveError(r.error!, 'en').message} ${e.note.en}` } };
    return {
      'ecai-line-connect': { 'webhook-url-set': u, 'chat-off': u, 'webhook-on': u },
      'ecai-migration': { 'webhook-url-set': u, 'bot-mode-webhook-on': u },
      'ecai-quota-alert': { 'quota-remaining': u },
    };
  }
  const chat: ItemEval = !r.bot ? unreachable({ service: 'line', kind: 'bad-response' }) : r.bot.ok
    ? r.bot.value.chatMode === 'bot'
      ? { state: 'pass', evidence: [net('GET /v2/bot/info chatMode: bot')] }
      : { state: 'fail', messageId: 'live', evidence: [net('GET /v2/bot/info chatMode: chat')] }
    : unreachable(r.bot.error);
  const webhookOn: ItemEval = !r.webhook ? unreachable({ service: 'line', kind: 'bad-response' }) : r.webhook.ok
    ? r.webhook.value.active
      ? { state: 'pass', evidence: [net('GET /v2/bot/channel/webhook/endpoint active: true')] }
      : { state: 'fail', messageId: 'live', evidence: [net('GET /v2/bot/channel/webhook/endpoint active: false')] }
    : unreachable(r.webhook.error);
  let urlSet: ItemEval;
  if (!r.webhook || !r.webhook.ok) urlSet = unreachable(r.webhook && !r.webhook.ok ? r.webhook.error : { service: 'line', kind: 'bad-response' });
  else {
    const w = r.webhook.value;
    const ev = [net(`GET /v2/bot/channel/webhook/endpoint endpoint: ${w.endpointMasked || '(空)'}`)];
    if (r.test?.ok) ev.push(net(`POST /v2/bot/channel/webhook/test: ${r.test.value.success ? 'success' : 'failed'} (statusCode ${r.test.value.statusCode}, ${r.test.value.reason})`));
    if (w.empty) urlSet = { state: 'fail', messageId: 'empty', evidence: ev };
    else if (w.matchesEcai === true) urlSet = { state: 'pass', evidence: ev };
    else if (w.matchesEcai === false) urlSet = { state: 'fail', messageId: 'live-mismatch', data: { line: w.endpointMasked }, evidence: ev };
    else
      urlSet = {
        state: 'unknown',
        evidence: ev,
        note: { ja: 'ECAIで発行されたWebhook URLをまだ読み取っていないため照合できません。ECAIのLINE公式アカウント編集画面を開いてください。', en: "ECAI's Webhook URL has not been read yet; open ECAI's LINE Official Account edit page." },
      };
    if (urlSet.state === 'pass' && r.test?.ok && !r.test.value.success) {
      urlSet = {
        state: 'unknown',
        evidence: ev,
        note: { ja: `Webhook URLは一致していますが、LINEからのテスト送信が失敗しました(${r.test.value.statusCode} ${r.test.value.reason})。ECAI側の設定を確認してください。`, en: `The Webhook URL matches, but LINE's test event failed (${r.test.value.statusCode} ${r.test.value.reason}). Check ECAI's side.` },
      };
    }
  }
  let botMode: ItemEval;
  if (chat.state === 'fail' || webhookOn.state === 'fail') {
    const parts = [chat.state === 'fail' ? 'chatMode: chat' : '', webhookOn.state === 'fail' ? 'active: false' : ''].filter(Boolean).join(', ');
    botMode = { state: 'fail', messageId: 'live', data: { detail: parts }, evidence: [...(chat.evidence ?? []), ...(webhookOn.evidence ?? [])] };
  } else if (chat.state === 'pass' && webhookOn.state === 'pass') botMode = { state: 'pass', evidence: [...(chat.evidence ?? []), ...(webhookOn.evidence ?? [])] };
  else botMode = chat.state === 'unknown' ? chat : webhookOn;
  let quota: ItemEval;
  if (!r.quota || !r.quota.ok) quota = unreachable(r.quota && !r.quota.ok ? r.quota.error : { service: 'line', kind: 'bad-response' });
  else {
    const q = r.quota.value;
    if (q.type === 'none') quota = { state: 'pass', evidence: [net(`quota: none, used ${q.used}`)], note: { ja: `上限なし(今月の送信済み ${q.used}通)。`, en: `No limit (${q.used} sent this month).` } };
    else {
      const plan = PLAN_NAMES[q.plan!];
      const ev = [net(`quota: ${q.limit}, used ${q.used}, remaining ${q.remaining}`)];
      quota =
        (q.remaining ?? 0) <= 0
          ? { state: 'fail', data: { limit: q.limit!, used: q.used }, evidence: ev }
          : { state: 'pass', evidence: ev, note: { ja: `残り${q.remaining}通(上限 ${q.limit}通・${plan.ja})。`, en: `${q.remaining} messages left (limit ${q.limit}, ${plan.en}).` } };
    }
  }
  return {
    'ecai-line-connect': { 'webhook-url-set': urlSet, 'chat-off': chat, 'webhook-on': webhookOn },
    'ecai-migration': { 'webhook-url-set': urlSet, 'bot-mode-webhook-on': botMode },
    'ecai-quota-alert': { 'quota-remaining': quota },
  };
}

export function lineLiveItems(r: LineLiveResult, checklistId: string, lang: Lang): ItemResult[] {
  return render(checklistId, lineLiveEvals(r)[checklistId] ?? {}, lang);
}

export function chatworkLiveEvals(r: ChatworkLiveResult): Record<string, ItemEval> {
  const token: ItemEval = r.authenticated ? { state: 'pass', evidence: [net('GET /v2/me: 200')] } : fromError(r.error ?? { service: 'chatwork', kind: 'bad-response' });
  let rooms: ItemEval;
  if (!r.authenticated) rooms = unreachable(r.error ?? { service: 'chatwork', kind: 'bad-response' });
  else if (r.roomsError) rooms = unreachable(r.roomsError);
  else {
    const list = r.rooms ?? [];
    const ev = list.map((x) => net(`room ${x.roomId}: ${x.exists ? x.type : 'not found'}`));
    const missing = list.find((x) => !x.exists);
    const notGroup = list.find((x) => x.exists && !x.group);
    if (list.length === 0) rooms = { state: 'unknown', evidence: ev, note: { ja: '確認するルームIDがありません。', en: 'No room id to check.' } };
    else if (missing) rooms = { state: 'fail', messageId: 'not-found', data: { room: missing.roomId }, evidence: ev };
    else if (notGroup) rooms = { state: 'fail', messageId: 'not-group', data: { room: notGroup.roomId, type: notGroup.type ?? '?' }, evidence: ev };
    else rooms = { state: 'pass', evidence: ev };
  }
  return { 'chatwork-token': token, 'chatwork-rooms': rooms };
}

export function zendeskLiveEvals(r: ZendeskLiveResult): Record<string, ItemEval> {
  let token: ItemEval;
  if (r.authenticated) token = { state: 'pass', evidence: [net(`GET /api/v2/users/me.json: user.id set${r.role ? `, role ${r.role}` : ''}`)] };
  else if (r.anonymous) token = { state: 'fail', messageId: 'anonymous', evidence: [net('GET /api/v2/users/me.json: 200, user.id null (anonymous)')] };
  else token = fromError(r.error ?? { service: 'zendesk', kind: 'bad-response' });
  const days = Math.max(0, r.retirement.daysLeft);
  const retirement: ItemEval = {
    state: 'fail',
    messageId: r.retirement.stopped ? 'stopped' : r.retirement.newTokensBlocked ? 'no-new-tokens' : 'default',
    data: { days, stop: '2027-04-30', noNew: '2026-10-27' },
    evidence: [net(`API token retirement: ${days} days left`)],
  };
  return { 'zendesk-token': token, 'zendesk-token-retirement': retirement };
}

export function luxlinerLiveItems(r: { chatwork?: ChatworkLiveResult; zendesk?: ZendeskLiveResult }, lang: Lang): ItemResult[] {
  return render('luxliner-integrations', { ...(r.chatwork ? chatworkLiveEvals(r.chatwork) : {}), ...(r.zendesk ? zendeskLiveEvals(r.zendesk) : {}) }, lang);
}
