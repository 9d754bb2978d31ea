/**
 * Live check with the Zendesk API: `GET /api/v2/users/me.json` with Basic `{email}/token:{token}`.
 * Zendesk answers 200 with an anonymous user (`id: null`) for a missing or wrong password, so a
 * 200 alone proves nothing: authenticated only when `user.id` is not null. Also reports the API
 * token retirement (no new tokens from 2026-10-27, all stop on 2027-04-30) with the days left.
 */
import { z } from 'zod';
import { subdomainProblem, zendeskTokenRetirement, type ZendeskRetirement } from '../core/checklists/luxliner-integrations';
import { sharedBudget } from './budget';
import { LiveError, base64Utf8, joinUrl, liveRequest, type LiveErrorInfo, type LiveOptions } from './http';

const Me = z.object({
  user: z.object({
    id: z.number().nullable(),
    email: z.string().nullable().optional(),
    role: z.string().nullable().optional(),
  }),
});

export interface ZendeskLiveResult {
  authenticated: boolean;
  /** 200 with `user.id: null`: the e-mail or token is wrong */
  anonymous?: boolean;
  role?: string;
  /** the user Zendesk signed in is the e-mail configured (masked in outputs) */
  emailMatches?: boolean;
  error?: LiveErrorInfo;
  retirement: ZendeskRetirement;
}

export function zendeskBaseUrl(subdomain: string): string | undefined {
  if (subdomainProblem(subdomain)) return undefined;
  return `https://${subdomain}.zendesk.com`;
}

export async function runZendeskLiveCheck(input: { subdomain: string; email: string; token: string }, opts: LiveOptions = {}): Promise<ZendeskLiveResult> {
  const now = (opts.now ?? Date.now)();
  const retirement = zendeskTokenRetirement(now);
  const email = input.email.trim();
  const token = input.token.trim();
  // the host is built from the subdomain: validate it first (never call another host)
  const base = opts.baseUrl ?? zendeskBaseUrl(input.subdomain.trim());
  if (!base) return { authenticated: false, retirement, error: { service: 'zendesk', kind: 'invalid-input', detail: 'subdomain' } };
  if (!email || !token || /\s/u.test(token)) return { authenticated: false, retirement, error: { service: 'zendesk', kind: 'invalid-input', detail: !email ? 'email' : 'API token' } };
  const auth = `Basic ${base64Utf8(`${email}/token:${token}`)}`;
  try {
    const res = await liveRequest('zendesk', joinUrl(base, '/api/v2/users/me.json'), { headers: { authorization: auth, accept: 'application/json' } }, { ...opts, secrets: [token, auth, email], budget: opts.budget ?? sharedBudget('zendesk') });
    const parsed = Me.safeParse(res.json);
    if (!parsed.success) throw new LiveError('zendesk', 'bad-response', { detail: 'unexpected response shape' });
    const u = parsed.data.user;
    if (u.id === null) return { authenticated: false, anonymous: true, retirement };
    return {
      authenticated: true,
      ...(u.role ? { role: u.role } : {}),
      ...(u.email ? { emailMatches: u.email.toLowerCase() === email.toLowerCase() } : {}),
      retirement,
    };
  } catch (e) {
    return { authenticated: false, retirement, error: e instanceof LiveError ? e.toJSON() : { service: 'zendesk', kind: 'bad-response' } };
  }
}
