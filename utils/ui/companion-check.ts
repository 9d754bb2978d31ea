/**
 * "Test connection" for the companion API: `GET {url}/healthz`, then an authenticated
 * `GET {url}/v1/snapshots?limit=1`. Each failure has its own code so the options page can say
 * plainly what to do (wrong address, server down, token refused, CORS not allowing us).
 */
export type ConnectionResult =
  | { ok: true; code: 'ok' }
  | { ok: true; code: 'health-only' }
  | { ok: false; code: 'bad-url' | 'unreachable' | 'cors' | 'timeout' | 'unauthorized' | 'forbidden' }
  | { ok: false; code: 'http-error'; status: number; step: 'healthz' | 'snapshots' };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function normalizeBaseUrl(text: string): URL | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.search || url.hash || url.username || url.password) return undefined;
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url;
  } catch {
    return undefined;
  }
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

export async function testCompanionConnection(urlText: string, token: string, fetchImpl: FetchLike = (i, init) => fetch(i, init), timeoutMs = 8000): Promise<ConnectionResult> {
  const base = normalizeBaseUrl(urlText);
  if (!base) return { ok: false, code: 'bad-url' };
  const health = new URL('healthz', base).toString();
  let res: Response;
  try {
    res = await fetchImpl(health, { signal: AbortSignal.timeout(timeoutMs), credentials: 'omit' });
  } catch (e) {
    if (isAbort(e)) return { ok: false, code: 'timeout' };
    // A CORS refusal and a dead server both reject with TypeError; an opaque no-cors request tells them apart.
    try {
      await fetchImpl(health, { mode: 'no-cors', signal: AbortSignal.timeout(timeoutMs), credentials: 'omit' });
      return { ok: false, code: 'cors' };
    } catch {
      return { ok: false, code: 'unreachable' };
    }
  }
  if (!res.ok) return { ok: false, code: 'http-error', status: res.status, step: 'healthz' };
  if (!token.trim()) return { ok: true, code: 'health-only' };
  try {
    res = await fetchImpl(new URL('v1/snapshots?limit=1', base).toString(), {
      headers: { Authorization: `Bearer ${token.trim()}` },
      signal: AbortSignal.timeout(timeoutMs),
      credentials: 'omit',
    });
  } catch (e) {
    if (isAbort(e)) return { ok: false, code: 'timeout' };
    // health answered, so the server is up: the authenticated request was refused by CORS (preflight)
    return { ok: false, code: 'cors' };
  }
  if (res.status === 401) return { ok: false, code: 'unauthorized' };
  if (res.status === 403) return { ok: false, code: 'forbidden' };
  if (!res.ok) return { ok: false, code: 'http-error', status: res.status, step: 'snapshots' };
  return { ok: true, code: 'ok' };
}
