/**
 * A Zendesk Support API stub written from the documented behaviour of GET /api/v2/users/me.json:
 * Basic `{email}/token:{token}` → the signed-in user; a missing or wrong password → 200 with the
 * anonymous user (`id: null`); plus 403, 429 with Retry-After and 5xx for the error paths.
 */
import { json, startStub, type Stub } from './server';

export interface ZendeskStubOptions {
  email: string;
  token: string;
  mode?: 'normal' | 'forbidden' | 'rate-limited' | 'server-error';
  retryAfter?: string;
}

export async function startZendeskStub(opts: ZendeskStubOptions): Promise<Stub> {
  return startStub((req, res) => {
    const path = req.path.split('?')[0];
    if (path !== '/api/v2/users/me.json') return json(res, 404, { error: 'InvalidEndpoint', description: 'Not found' });
    if (opts.mode === 'forbidden') return json(res, 403, { error: 'Forbidden', description: 'You do not have access to this page.' });
    if (opts.mode === 'rate-limited') return json(res, 429, { error: 'TooManyRequests' }, { 'retry-after': opts.retryAfter ?? '30' });
    if (opts.mode === 'server-error') return json(res, 503, { error: 'ServiceUnavailable' });
    const auth = String(req.headers.authorization ?? '');
    const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
    if (decoded === `${opts.email}/token:${opts.token}`) {
      return json(res, 200, { user: { id: 35436, url: 'https://example.zendesk.com/api/v2/users/35436.json', name: 'Support Agent', email: opts.email, role: 'admin', active: true } });
    }
    // documented: unauthenticated requests get the anonymous user with a 200
    return json(res, 200, { user: { id: null, url: null, name: 'Anonymous user', email: 'invalid@example.com', role: 'end-user', active: true } });
  });
}
