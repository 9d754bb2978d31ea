/** A small HAR as DevTools saves it: 000's wrong tag (no loginKey) with its widget load and `/login`. */
const WRONG_TAG_HTML = `<!doctype html><html><head><title>マイページ</title></head><body>
<a href="/logout">ログアウト</a>
<script>!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);
OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");
OkskyChat("customer_id", "A1234567");
</script></body></html>`;

export function smallHar(): string {
  const t0 = Date.parse('2026-01-05T10:00:00.000Z');
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ id: 'page_1', title: 'https://shop.example.jp/mypage', startedDateTime: at(0) }],
      entries: [
        {
          pageref: 'page_1',
          startedDateTime: at(0),
          time: 50,
          _resourceType: 'document',
          request: { method: 'GET', url: 'https://shop.example.jp/mypage', headers: [] },
          response: { status: 200, headers: [], content: { mimeType: 'text/html; charset=utf-8', text: WRONG_TAG_HTML } },
        },
        {
          pageref: 'page_1',
          startedDateTime: at(100),
          time: 30,
          _resourceType: 'script',
          request: { method: 'GET', url: 'https://kobuna-s-001.okskychat.net/widget/widget.js', headers: [] },
          response: { status: 200, headers: [], content: { mimeType: 'application/javascript' } },
        },
        {
          pageref: 'page_1',
          startedDateTime: at(400),
          time: 90,
          _resourceType: 'xhr',
          request: {
            method: 'POST',
            url: 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/42/login',
            headers: [{ name: 'Content-Type', value: 'application/json' }],
            postData: { mimeType: 'application/json', text: JSON.stringify({ key: 'kobuna-s-001-0D5ACD179B043831', query: { customer_id: 'A1234567' } }) },
          },
          response: { status: 200, headers: [], content: { mimeType: 'application/json', text: '{}' } },
        },
      ],
    },
  });
}
