import checklist from './ecai-unlink';
import { runChecklistCases, toggles } from './case-tester';

const steps = (states: boolean[]) =>
  `<h1>ステップメッセージ</h1><ul>${states.map((on) => `<li><label><input type="checkbox"${on ? ' checked' : ''}>ステータス</label></li>`).join('')}</ul>`;

runChecklistCases(checklist, [
  {
    name: '⑤ every step message off',
    page: 'ecai-step-message',
    html: steps([false, false]),
    expect: { 'step-messages-off': 'pass', 'rich-menus-deleted': 'unknown' },
  },
  {
    name: '⑤ a step message still on keeps sending after unlinking',
    page: 'ecai-step-message',
    html: steps([true, false]),
    expect: { 'step-messages-off': { state: 'fail', message: '1件' } },
  },
  {
    name: '⑦ 応答設定 back to OAM operation',
    page: 'oam-response',
    html: toggles({ チャット: true, あいさつメッセージ: true, Webhook: false, 応答時間: true }),
    expect: { 'oam-chat-on': 'pass', 'oam-greeting-on': 'pass', 'oam-webhook-off': 'pass', 'oam-response-hours-on': 'pass', 'oam-chat-test': 'unknown' },
  },
  {
    name: '⑦ 応答設定 still as ECAI needs it',
    page: 'oam-response',
    html: toggles({ チャット: false, あいさつメッセージ: false, Webhook: true, 応答時間: false }),
    expect: {
      'oam-chat-on': { state: 'fail', message: '「チャット」が「オフ」' },
      'oam-greeting-on': 'fail',
      'oam-webhook-off': { state: 'fail', message: '「オフ」にします' },
      'oam-response-hours-on': 'fail',
    },
  },
]);
