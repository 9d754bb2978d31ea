/**
 * Live checks with the official LINE Messaging API (../specs/line: channel-access-token.yml,
 * messaging-api.yml). The operator gives the Channel ID and Channel secret for this check only;
 * a stateless channel access token (valid 15 minutes, needs no revocation) is issued, used for
 * the read-only calls below, and dropped. Nothing is stored or logged.
 */
import { z } from 'zod';
import { fingerprint } from '../core/mask';
import { canonicalValue, maskForDisplay } from '../core/checklists/cross-page';
import { planForLimit, type LinePlan } from '../core/checklists/ecai-quota-alert';
import { sharedBudget } from './budget';
import { LiveError, joinUrl, liveRequest, type LiveErrorInfo, type LiveOptions } from './http';

export const LINE_API_BASE = 'https://api.line.me';

export interface LineCredentials {
  channelId: string;
  channelSecret: string;
}

const TokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number(), token_type: z.string() });
const BotInfo = z.object({ userId: z.string(), basicId: z.string(), displayName: z.string(), chatMode: z.enum(['chat', 'bot']), markAsReadMode: z.enum(['auto', 'manual']), premiumId: z.string().optional() });
const WebhookEndpoint = z.object({ endpoint: z.string(), active: z.boolean() });
const WebhookTest = z.object({ success: z.boolean().optional(), timestamp: z.string(), statusCode: z.number(), reason: z.string(), detail: z.string() });
const Quota = z.object({ type: z.enum(['none', 'limited']), value: z.number().optional() });
const Consumption = z.object({ totalUsage: z.number() });

type Step<T> = { ok: true; value: T } | { ok: false; error: LiveErrorInfo };

export interface LineLiveResult {
  /** the token could be issued (Channel ID / secret are right) */
  authenticated: boolean;
  error?: LiveErrorInfo;
  bot?: Step<{ chatMode: 'chat' | 'bot'; markAsReadMode: 'auto' | 'manual'; displayName: string; basicId: string }>;
  webhook?: Step<{ endpointMasked: string; endpointFingerprint: string; empty: boolean; active: boolean; matchesEcai?: boolean }>;
  test?: Step<{ success: boolean; statusCode: number; reason: string }>;
  quota?: Step<{ type: 'none' | 'limited'; limit?: number; used: number; remaining?: number; plan?: LinePlan }>;
}

export interface LineLiveOptions extends LiveOptions {
  /** salt of the cross-page fingerprints, to compare the endpoint with ECAI's Webhook URL */
  salt: string;
  /** fingerprint of the Webhook URL ECAI issued (cross-page store `ecai.webhookUrl`) */
  ecaiWebhookFingerprint?: string;
  /** send the webhook test event (POST /v2/bot/channel/webhook/test); default true */
  testWebhook?: boolean;
}

function asInfo(e: unknown): LiveErrorInfo {
  return e instanceof LiveError ? e.toJSON() : { service: 'line', kind: 'bad-response' };
}

function parse<T>(schema: z.ZodType<T>, json: unknown): T {
  const r = schema.safeParse(json);
  if (!r.success) throw new LiveError('line', 'bad-response', { detail: 'unexpected response shape' });
  return r.data;
}

/** POST /oauth2/v3/token — a stateless channel access token from the Channel ID and secret. */
export async function issueStatelessToken(creds: LineCredentials, opts: LiveOptions = {}): Promise<string> {
  const secrets = [creds.channelSecret];
  const base = opts.baseUrl ?? LINE_API_BASE;
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: creds.channelId, client_secret: creds.channelSecret }).toString();
  try {
    const res = await liveRequest('line', joinUrl(base, '/oauth2/v3/token'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, { ...opts, secrets, budget: opts.budget ?? sharedBudget('line') });
    return parse(TokenResponse, res.json).access_token;
  } catch (e) {
    // LINE answers 400 invalid_client for a wrong Channel ID or secret
    if (e instanceof LiveError && e.kind === 'http' && e.status === 400) throw new LiveError('line', 'bad-credentials', { status: 400, detail: e.detail });
    throw e;
  }
}

async function botGet<T>(path: string, schema: z.ZodType<T>, token: string, opts: LiveOptions, secrets: string[]): Promise<T> {
  const res = await liveRequest('line', joinUrl(opts.baseUrl ?? LINE_API_BASE, path), { headers: { authorization: `Bearer ${token}` } }, { ...opts, secrets: [...secrets, token], budget: opts.budget ?? sharedBudget('line') });
  return parse(schema, res.json);
}

export function validateLineCredentials(creds: LineCredentials): string | undefined {
  if (!/^\d{10}$/u.test(creds.channelId.trim())) return 'Channel ID: 10 digits';
  if (!/^[0-9a-f]{32}$/iu.test(creds.channelSecret.trim())) return 'Channel secret: 32 hexadecimal characters';
  return undefined;
}

/**
 * Issue a token, then read bot info, the webhook endpoint, test the webhook and read the quota —
 * one call each, in sequence. A rate limit stops the remaining calls.
 */
export async function runLineLiveCheck(input: LineCredentials, opts: LineLiveOptions): Promise<LineLiveResult> {
  const creds = { channelId: input.channelId.trim(), channelSecret: input.channelSecret.trim() };
  const invalid = validateLineCredentials(creds);
  if (invalid) return { authenticated: false, error: { service: 'line', kind: 'invalid-input', detail: invalid } };
  let token: string;
  try {
    token = await issueStatelessToken(creds, opts);
  } catch (e) {
    return { authenticated: false, error: asInfo(e) };
  }
  const secrets = [creds.channelSecret];
  const out: LineLiveResult = { authenticated: true };
  let stop: LiveErrorInfo | undefined;
  const step = async <T>(f: () => Promise<T>): Promise<Step<T>> => {
    if (stop) return { ok: false, error: stop };
    try {
      return { ok: true, value: await f() };
    } catch (e) {
      const info = asInfo(e);
      if (info.kind === 'rate-limited' || info.kind === 'aborted') stop = info;
      return { ok: false, error: info };
    }
  };
  out.bot = await step(async () => {
    const b = await botGet('/v2/bot/info', BotInfo, token, opts, secrets);
    return { chatMode: b.chatMode, markAsReadMode: b.markAsReadMode, displayName: b.displayName, basicId: b.basicId };
  });
  out.webhook = await step(async () => {
    const w = await botGet('/v2/bot/channel/webhook/endpoint', WebhookEndpoint, token, opts, secrets);
    const endpoint = w.endpoint.trim();
    const fp = fingerprint(canonicalValue('line.webhookUrl', endpoint), opts.salt);
    return {
      endpointMasked: maskForDisplay(endpoint),
      endpointFingerprint: fp,
      empty: endpoint === '',
      active: w.active,
      ...(opts.ecaiWebhookFingerprint ? { matchesEcai: fp === opts.ecaiWebhookFingerprint } : {}),
    };
  });
  if (opts.testWebhook !== false && out.webhook.ok && !out.webhook.value.empty) {
    out.test = await step(async () => {
      const res = await liveRequest(
        'line',
        joinUrl(opts.baseUrl ?? LINE_API_BASE, '/v2/bot/channel/webhook/test'),
        { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' },
        { ...opts, secrets: [...secrets, token], budget: opts.budget ?? sharedBudget('line') },
      );
      const t = parse(WebhookTest, res.json);
      return { success: t.success ?? (t.statusCode >= 200 && t.statusCode < 300), statusCode: t.statusCode, reason: t.reason };
    });
  }
  out.quota = await step(async () => {
    const q = await botGet('/v2/bot/message/quota', Quota, token, opts, secrets);
    const c = await botGet('/v2/bot/message/quota/consumption', Consumption, token, opts, secrets);
    if (q.type === 'none' || q.value === undefined) return { type: 'none' as const, used: c.totalUsage };
    return { type: 'limited' as const, limit: q.value, used: c.totalUsage, remaining: Math.max(0, q.value - c.totalUsage), plan: planForLimit(q.value) };
  });
  return out;
}
