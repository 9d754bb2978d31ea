/**
 * A synthetic 10 000-request session for the panel's performance checks (scripts/bench-panel.ts
 * and components/perf.test.tsx): mostly unrelated traffic with widget loads and `/login` POSTs.
 */
import type { NetworkRequest, Session } from '../core/model';

export function bigSession(n = 10_000, t0 = 1_700_000_000_000): Session {
  const requests: NetworkRequest[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 50;
    if (kind === 0)
      requests.push({ id: `r${i}`, url: `https://tenant${i % 7}.okskychat.net/widget/widget.js`, method: 'GET', type: 'script', status: 200, time: t0 + i * 10, durationMs: 12 });
    else if (kind === 1)
      requests.push({
        id: `r${i}`,
        url: `https://tenant${i % 7}.okskychat.net/rapi/v1/clients/${i}/login`,
        method: 'POST',
        type: 'xhr',
        status: i % 3 === 0 ? 500 : 200,
        time: t0 + i * 10,
        durationMs: 80,
        contentType: 'application/json',
        body: JSON.stringify({ key: 'tenant-ABC', query: { customer_id: `C${i}` } }),
      });
    else
      requests.push({ id: `r${i}`, url: `https://cdn${i % 13}.example.jp/assets/app-${i}.js?v=${i % 97}`, method: 'GET', type: 'script', status: 200, time: t0 + i * 10, durationMs: i % 200 });
  }
  return { pages: [], requests };
}

/** What a person types into the filter box, one prefix per keystroke. */
export const KEYSTROKES = ['l', 'lo', 'log', 'logi', 'login', 'login ', 'login 5', 'login 50', 'login 500', 'login 50', 'login 5', 'login', ''];
