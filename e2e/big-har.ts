/**
 * A big HAR for the panel's filter: the browser test (e2e/panel.spec.ts, what the user sees) and
 * the benchmark (scripts/bench-panel.ts, how fast a keystroke repaints) import the same data.
 */
/** A HAR with one page and `n` requests, most unrelated, some widget loads and /login POSTs. */
export function bigHar(n: number): string {
  const t0 = Date.parse('2026-01-05T10:00:00.000Z');
  const entries: unknown[] = [
    {
      startedDateTime: new Date(t0).toISOString(),
      time: 10,
      _resourceType: 'document',
      request: { method: 'GET', url: 'https://shop.example.jp/', headers: [] },
      response: { status: 200, headers: [], content: { mimeType: 'text/html', text: '<html><body><a href="/login">ログイン</a></body></html>' } },
    },
  ];
  for (let i = 1; i < n; i++) {
    const login = i % 50 === 1;
    entries.push({
      startedDateTime: new Date(t0 + i * 10).toISOString(),
      time: i % 200,
      _resourceType: login ? 'xhr' : 'script',
      request: login
        ? { method: 'POST', url: `https://tenant${i % 7}.okskychat.net/rapi/v1/clients/${i}/login`, headers: [], postData: { mimeType: 'application/json', text: JSON.stringify({ query: { customer_id: `C${i}` } }) } }
        : { method: 'GET', url: `https://cdn${i % 13}.example.jp/assets/app-${i}.js?v=${i % 97}`, headers: [] },
      response: { status: 200, headers: [], content: { mimeType: 'application/javascript' } },
    });
  }
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
}
