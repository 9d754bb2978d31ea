/**
 * ecai-unlink — returning from ECAI to LINE Official Account Manager (002 連携解除手順 ①–⑧).
 * Order matters: ECAI-side deletions (①–⑤) come before the LINE-side switch (⑦).
 */
import { checkToggle, statusToggles } from './checks';
import { defineChecklist, type ChecklistItem, type EvalContext, type ItemEval } from './types';

const DOC = '002';
const SECTION = '連携解除手順';

function manual(id: string, step: string, ja: string, en: string, fixJa: string, fixEn: string): ChecklistItem {
  return {
    id,
    title: { ja: `${step} ${ja}`, en: `${step} ${en}` },
    fix: { ja: fixJa, en: fixEn },
    source: { doc: DOC, section: `${SECTION} ${step}` },
    verify: ['manual'],
    severity: 'error',
    pages: [],
    messages: { default: { ja: `${ja}がまだ確認されていません。`, en: `${en}: not confirmed yet.` } },
  };
}

function oamToggle(id: string, step: string, field: 'chat' | 'greeting' | 'webhook' | 'responseHours', label: string, labelEn: string, want: boolean): ChecklistItem {
  const w = want ? 'オン' : 'オフ';
  const wEn = want ? 'on' : 'off';
  return {
    id,
    title: { ja: `${step} ${label}を「${w}」にする`, en: `${step} Turn "${labelEn}" ${wEn}` },
    fix: {
      ja: `LINE Official Account Manager > アカウント選択 > 設定 > 応答設定 で「${label}」を「${w}」に変更してください(①〜⑤のECAI側の削除が終わってから)。`,
      en: `In LINE Official Account Manager > account > Settings > Response settings, turn "${labelEn}" ${wEn} (after finishing ECAI-side steps ①–⑤).`,
    },
    source: { doc: DOC, section: `${SECTION} ⑦` },
    verify: ['page'],
    severity: 'error',
    pages: ['oam-response'],
    messages: { default: { ja: `「{label}」が「{value}」です。連携解除では「${w}」にします。`, en: `"{label}" is {value}; unlinking needs it ${wEn}.` } },
    evaluate: (ctx: EvalContext) => checkToggle(ctx, field, want),
  };
}

function stepMessagesOff(ctx: EvalContext): ItemEval | undefined {
  if (ctx.pageId !== 'ecai-step-message') return undefined;
  const s = statusToggles(ctx);
  if (s.fields.length === 0) return undefined;
  const evidence = [{ source: 'static' as const, text: `ステータス: オン ${s.on} / オフ ${s.off}` }];
  if (s.on > 0) return { state: 'fail', data: { on: s.on }, evidence };
  if (s.off > 0) return { state: 'pass', evidence };
  return { state: 'unknown', evidence };
}

export default defineChecklist({
  id: 'ecai-unlink',
  title: { ja: 'ECAIとの連携解除(LINE Official Account Manager運用に戻す)', en: 'Unlink from ECAI (back to LINE Official Account Manager)' },
  source: { doc: DOC, section: SECTION },
  note: {
    ja: '順番が大切です。ECAI側の削除(①〜⑤)を先に行い、そのあとLINE側の応答設定(⑦)を切り替えてください。ECAIのリッチメニューを削除せずに切り替えると、運用変更後にリッチメニュー変更が行えなくなります。',
    en: 'Order matters: do the ECAI-side deletions (①–⑤) first, then switch LINE\'s Response settings (⑦). Switching before deleting ECAI\'s rich menus leaves them impossible to change afterwards.',
  },
  items: [
    manual('rich-menus-deleted', '①', 'リッチメニュー設定を全て削除', 'Delete every rich menu setting', 'ECAIのリッチメニュー設定を全て削除してください。', "Delete all of ECAI's rich menu settings."),
    manual('rich-menu-tag-follow-deleted', '②', 'リッチメニューのタグ追従設定を全て削除', 'Delete every rich menu tag-follow setting', 'ECAIのリッチメニューのタグ追従設定を全て削除してください。', "Delete all of ECAI's rich menu tag-follow settings."),
    manual('rich-menus-detached-from-users', '➂', '全ユーザーのリッチメニューを外す', "Detach rich menus from every user", '全ユーザーのリッチメニューを外してください。', 'Detach the rich menu from every user.'),
    manual('liff-deleted', '④', 'LIFFを全て削除', 'Delete every LIFF', 'ECAIのLIFFを全て削除してください。', "Delete all of ECAI's LIFF apps."),
    {
      id: 'step-messages-off',
      title: { ja: '⑤ ステップメッセージのステータスを全てオフにする', en: '⑤ Turn every step message status off' },
      fix: { ja: 'ECAIのステップメッセージのステータスを全てオフにしてください。ステータスをオフにしないと連携解除後もステップメッセージが流れてしまいます。', en: 'Turn the status of every ECAI step message off; otherwise step messages keep being sent after unlinking.' },
      source: { doc: DOC, section: `${SECTION} ⑤` },
      verify: ['page'],
      severity: 'error',
      pages: ['ecai-step-message'],
      messages: { default: { ja: 'ステータスが「オン」のステップメッセージが{on}件あります。連携解除後もステップメッセージが流れてしまいます。', en: '{on} step messages are still on; they keep being sent after unlinking.' } },
      evaluate: stepMessagesOff,
    },
    oamToggle('oam-chat-on', '⑦', 'chat', 'チャット', 'Chat', true),
    oamToggle('oam-greeting-on', '⑦', 'greeting', 'あいさつメッセージ', 'Greeting message', true),
    oamToggle('oam-webhook-off', '⑦', 'webhook', 'Webhook', 'Webhook', false),
    oamToggle('oam-response-hours-on', '⑦', 'responseHours', '応答時間', 'Response hours', true),
    manual(
      'oam-chat-test',
      '⑧',
      'スマホからのメッセージがOAMの「チャット」に届き返信できる',
      "A message from a phone reaches OAM's Chat and can be answered",
      'スマホからLINE公式アカウントにメッセージを送り、LINE Official Account Managerの「チャット」にメッセージが届き返信ができれば連携解除完了です。',
      "Send a message to the account from a phone: when it arrives in LINE Official Account Manager's Chat and you can reply, unlinking is complete.",
    ),
  ],
});
