/**
 * Live checks with the Chatwork API (v2): the API token works (`GET /v2/me`) and every configured
 * notification room exists and is a group chat (`GET /v2/rooms`, `type: "group"`; 003: only group
 * chats can be destinations). Two calls per check, inside Chatwork's 300 calls / 5 minutes.
 */
import { z } from 'zod';
import { fingerprint } from '../core/mask';
import { sharedBudget } from './budget';
import { LiveError, joinUrl, liveRequest, type LiveErrorInfo, type LiveOptions } from './http';

export const CHATWORK_API_BASE = 'https://api.chatwork.com';

const Me = z.object({ account_id: z.number(), name: z.string().optional() });
const Rooms = z.array(z.object({ room_id: z.number(), type: z.string(), name: z.string().optional() }));

export interface ChatworkRoomCheck {
  roomId: string;
  /** the id is digits */
  numeric: boolean;
  exists: boolean;
  type?: string;
  group: boolean;
}

export interface ChatworkLiveResult {
  authenticated: boolean;
  error?: LiveErrorInfo;
  rooms?: ChatworkRoomCheck[];
  roomsError?: LiveErrorInfo;
  /** X-RateLimit-Remaining after the last call, when given */
  rateRemaining?: number;
}

function info(e: unknown): LiveErrorInfo {
  return e instanceof LiveError ? e.toJSON() : { service: 'chatwork', kind: 'bad-response' };
}

export async function runChatworkLiveCheck(input: { token: string; roomIds: string[] }, opts: LiveOptions = {}): Promise<ChatworkLiveResult> {
  const token = input.token.trim();
  if (!token || /\s/u.test(token) || token.length > 200) return { authenticated: false, error: { service: 'chatwork', kind: 'invalid-input', detail: 'API token' } };
  const base = opts.baseUrl ?? CHATWORK_API_BASE;
  // one budget per token (Chatwork counts per token), keyed by a fingerprint, never the token
  const budget = opts.budget ?? sharedBudget('chatwork', fingerprint(token, 'chatwork-budget'));
  const req = { headers: { 'x-chatworktoken': token, accept: 'application/json' } };
  const common = { ...opts, secrets: [token], budget };
  let remaining: number | undefined;
  const note = (h: Headers) => {
    const r = h.get('x-ratelimit-remaining');
    if (r && /^\d+$/u.test(r)) remaining = Number(r);
  };
  try {
    const me = await liveRequest('chatwork', joinUrl(base, '/v2/me'), req, common);
    note(me.headers);
    if (!Me.safeParse(me.json).success) throw new LiveError('chatwork', 'bad-response');
  } catch (e) {
    return { authenticated: false, error: info(e), ...(remaining !== undefined ? { rateRemaining: remaining } : {}) };
  }
  const ids = [...new Set(input.roomIds.map((r) => r.trim()).filter(Boolean))].slice(0, 50);
  if (ids.length === 0) return { authenticated: true, rooms: [], ...(remaining !== undefined ? { rateRemaining: remaining } : {}) };
  try {
    const res = await liveRequest('chatwork', joinUrl(base, '/v2/rooms'), req, common);
    note(res.headers);
    const parsed = Rooms.safeParse(res.json);
    if (!parsed.success) throw new LiveError('chatwork', 'bad-response');
    const byId = new Map(parsed.data.map((r) => [String(r.room_id), r]));
    const rooms = ids.map((id) => {
      const numeric = /^\d+$/u.test(id);
      const r = numeric ? byId.get(id) : undefined;
      return { roomId: id, numeric, exists: !!r, ...(r ? { type: r.type } : {}), group: r?.type === 'group' };
    });
    return { authenticated: true, rooms, ...(remaining !== undefined ? { rateRemaining: remaining } : {}) };
  } catch (e) {
    return { authenticated: true, roomsError: info(e), ...(remaining !== undefined ? { rateRemaining: remaining } : {}) };
  }
}
