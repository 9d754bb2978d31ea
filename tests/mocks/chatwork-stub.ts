/**
 * A Chatwork API v2 stub written from the documented responses (GET /v2/me, GET /v2/rooms,
 * `X-ChatWorkToken`, 401 `{"errors":["Invalid API token"]}`, `X-RateLimit-*` headers, 429 over
 * 300 calls per 5 minutes).
 */
import { json, startStub, type Stub } from './server';

export interface ChatworkRoom {
  room_id: number;
  name: string;
  type: 'my' | 'direct' | 'group';
}

export interface ChatworkStubOptions {
  token: string;
  rooms: ChatworkRoom[];
  /** calls allowed in the window before 429 (default 300) */
  limit?: number;
  /** answer after this delay (timeouts) */
  delayMs?: number;
}

export async function startChatworkStub(opts: ChatworkStubOptions): Promise<Stub> {
  const limit = opts.limit ?? 300;
  let used = 0;
  const reset = Math.floor(Date.now() / 1000) + 300;
  return startStub(async (req, res) => {
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    used++;
    const rate = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, limit - used)), 'x-ratelimit-reset': String(reset) };
    if (used > limit) return json(res, 429, { errors: ['Rate limit exceeded'] }, rate);
    if (req.headers['x-chatworktoken'] !== opts.token) return json(res, 401, { errors: ['Invalid API token'] }, rate);
    const path = req.path.split('?')[0];
    if (req.method === 'GET' && path === '/v2/me') {
      return json(res, 200, { account_id: 123, room_id: 322, name: '通知用アカウント', chatwork_id: 'notify', organization_id: 101, organization_name: '', department: '', title: '', url: '', introduction: '', mail: '', tel_organization: '', tel_extension: '', tel_mobile: '', skype: '', facebook: '', twitter: '', avatar_image_url: '', login_mail: '' }, rate);
    }
    if (req.method === 'GET' && path === '/v2/rooms') {
      return json(res, 200, opts.rooms.map((r) => ({ ...r, role: 'member', sticky: false, unread_num: 0, mention_num: 0, mytask_num: 0, message_num: 10, file_num: 0, task_num: 0, icon_path: '', last_update_time: 1298905200 })), rate);
    }
    return json(res, 404, { errors: ['Not Found'] }, rate);
  });
}
