import checklist from './ecai-migration';
import { runChecklistCases, toggles } from './case-tester';

const WEBHOOK = 'https://ecai.example.jp/line/webhook/8f3k2j';
const statusList = (title: string, states: boolean[]) =>
  `<h1>${title}</h1><table><tr><th>タイトル</th><th>ステータス</th></tr>${states
    .map((on, i) => `<tr><td>メッセージ${i + 1}</td><td><div role="switch" aria-label="ステータス" aria-checked="${on}"></div></td></tr>`)
    .join('')}</table>`;

runChecklistCases(checklist, [
  {
    name: '① ECAI\'s Webhook URL is set in LINE',
    page: 'oam-messaging-api',
    html: `<dl><dt>Webhook URL</dt><dd>${WEBHOOK}</dd></dl>`,
    seen: [{ key: 'ecai.webhookUrl', value: WEBHOOK }],
    expect: { 'webhook-url-set': 'pass' },
  },
  {
    name: '① the old tool\'s Webhook URL is still set',
    page: 'oam-messaging-api',
    html: '<dl><dt>Webhook URL</dt><dd>https://old-tool.example/hook</dd></dl>',
    seen: [{ key: 'ecai.webhookUrl', value: WEBHOOK }],
    expect: { 'webhook-url-set': { state: 'fail', messageId: 'mismatch' } },
  },
  {
    name: '② Bot mode (Chat off) and Webhook on',
    page: 'oam-response',
    html: toggles({ チャット: false, Webhook: true }),
    expect: { 'bot-mode-webhook-on': 'pass' },
  },
  {
    name: '② 応答モード チャット',
    page: 'oam-response',
    html: '<fieldset><legend>応答モード</legend><label><input type=radio name=m>Bot</label><label><input type=radio name=m checked>チャット</label></fieldset>' + toggles({ Webhook: true }),
    expect: { 'bot-mode-webhook-on': { state: 'fail', messageId: 'chat-mode' } },
  },
  {
    name: '② Webhook off',
    page: 'oam-response',
    html: toggles({ チャット: false, Webhook: false }),
    expect: { 'bot-mode-webhook-on': { state: 'fail', messageId: 'webhook-off' } },
  },
  {
    name: '④ an auto-response is on',
    page: 'ecai-auto-response',
    html: statusList('応答メッセージ', [false, true]),
    expect: { 'auto-response-status-on': 'pass', 'step-message-status-on': 'unknown' },
  },
  {
    name: '④ every auto-response off',
    page: 'ecai-auto-response',
    html: statusList('応答メッセージ', [false, false]),
    expect: { 'auto-response-status-on': { state: 'fail', message: '2件' } },
  },
  {
    name: '⑤ step messages on / all off',
    page: 'ecai-step-message',
    html: statusList('ステップメッセージ', [true]),
    expect: { 'step-message-status-on': 'pass', 'test-message-reflected': 'unknown' },
  },
  {
    name: '⑤ every step message off',
    page: 'ecai-step-message',
    html: statusList('ステップメッセージ', [false]),
    expect: { 'step-message-status-on': 'fail' },
  },
]);
