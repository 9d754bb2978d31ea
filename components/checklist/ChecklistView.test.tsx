// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeSettingsPage } from '@/utils/core/checklists/analyze';
import { applyResults, emptyProgress, setManual, type ChecklistProgress } from '@/utils/core/checklists/progress';
import type { ItemResult, PageId } from '@/utils/core/checklists/types';
import type { Lang } from '@/utils/core/model';
import { ChecklistView, itemGroup, splitStep } from './ChecklistView';
import { getChecklist } from '@/utils/core/checklists/index';

afterEach(cleanup);

const OAM = 'https://manager.line.biz/account/@a/setting/response';
const page = '<label><input type=checkbox checked>チャット</label><label><input type=checkbox>あいさつメッセージ</label><label><input type=checkbox checked>Webhook</label><label><input type=checkbox>応答メッセージ</label>';

function Harness({ lang = 'ja', results, initial, pageId }: { lang?: Lang; results: ItemResult[]; initial?: ChecklistProgress; pageId?: PageId }) {
  const [progress, setProgress] = useState(() => applyResults(initial ?? emptyProgress('shop', 'ecai-line-connect'), results, new Date('2026-11-22T00:00:00Z')));
  return (
    <ChecklistView
      checklistId="ecai-line-connect"
      lang={lang}
      progress={progress}
      results={results}
      pageLabel="manager.line.biz"
      pageId={pageId}
      onManualChange={(id, done) => setProgress((p) => setManual(p, id, done))}
    />
  );
}

const results = analyzeSettingsPage(page, OAM, { salt: 's', lang: 'ja' })!.items;

describe('ChecklistView', () => {
  it('shows every item with its state, the failing one with why and how to fix', () => {
    render(<Harness results={results} />);
    const list = screen.getByRole('list', { name: 'チェック項目' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(19);
    const chat = items.find((li) => li.dataset.itemId === 'chat-off')!;
    expect(chat.dataset.state).toBe('fail');
    expect(chat.dataset.ruleId).toBe('ecai-line-connect/chat-off');
    expect(chat.textContent).toContain('要修正');
    expect(chat.textContent).toContain('「チャット」が「オン」になっています');
    expect(chat.textContent).toContain('直し方: LINE Official Account Manager > 設定 > 応答設定 で「チャット」を「オフ」');
    const greeting = items.find((li) => li.dataset.itemId === 'greeting-off')!;
    expect(greeting.dataset.state).toBe('pass');
    expect(greeting.dataset.ruleId).toBeUndefined();
    const unknown = items.find((li) => li.dataset.itemId === 'account-name')!;
    expect(unknown.textContent).toContain('未確認');
    expect(unknown.textContent).toContain('やること:');
  });

  it('progress bar and the next step: the first failing item', () => {
    render(<Harness results={results} />);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('3');
    expect(bar.getAttribute('aria-valuemax')).toBe('19');
    expect(bar.getAttribute('aria-valuetext')).toBe('3 / 19 完了');
    const next = screen.getByRole('status');
    expect(next.dataset.nextItem).toBe('chat-off');
    expect(within(next).getByRole('link').getAttribute('href')).toBe('#cl-ecai-line-connect-chat-off');
    expect(screen.getAllByRole('listitem').find((li) => li.getAttribute('aria-current') === 'step')!.dataset.itemId).toBe('chat-off');
    expect(screen.getByText(/要修正 1/)).toBeTruthy();
  });

  it('manual ticks move the progress and the next step', () => {
    const ok = analyzeSettingsPage(page.replace('type=checkbox checked>チャット', 'type=checkbox>チャット'), OAM, { salt: 's' })!.items;
    render(<Harness results={ok} />);
    expect(screen.getByRole('status').dataset.nextItem).toBe('line-oa-created');
    const box = within(screen.getAllByRole('listitem').find((li) => li.dataset.itemId === 'line-oa-created')!).getByRole('checkbox', { name: /^完了にする\s*\(LINE公式アカウントを開設する\)$/ });
    fireEvent.click(box);
    expect(screen.getAllByRole('listitem').find((li) => li.dataset.itemId === 'line-oa-created')!.dataset.state).toBe('manual-done');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('5');
    expect(screen.getByRole('status').dataset.nextItem).toBe('login-channel-created');
    fireEvent.click(within(screen.getAllByRole('listitem').find((li) => li.dataset.itemId === 'line-oa-created')!).getByRole('checkbox'));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('4');
  });

  it('automatic-only items have no manual tick', () => {
    render(<Harness results={results} />);
    const chat = screen.getAllByRole('listitem').find((li) => li.dataset.itemId === 'chat-off')!;
    expect(within(chat).queryByRole('checkbox')).toBeNull();
  });

  it('in English', () => {
    const en = analyzeSettingsPage(page, OAM, { salt: 's', lang: 'en' })!.items;
    render(<Harness lang="en" results={en} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Connect a LINE Official Account to ECAI');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('3 / 19 done');
    expect(screen.getByText('Next step')).toBeTruthy();
    expect(screen.getAllByRole('listitem').find((li) => li.dataset.itemId === 'chat-off')!.textContent).toContain('Fix needed');
  });

  it('all done', () => {
    let p = emptyProgress('s', 'ecai-unlink');
    for (const id of ['rich-menus-deleted', 'rich-menu-tag-follow-deleted', 'rich-menus-detached-from-users', 'liff-deleted', 'step-messages-off', 'oam-chat-on', 'oam-greeting-on', 'oam-webhook-off', 'oam-response-hours-on', 'oam-chat-test']) p = setManual(p, id, true);
    render(<ChecklistView checklistId="ecai-unlink" lang="ja" progress={p} />);
    expect(screen.getByRole('status').textContent).toBe('すべての項目が完了しました。');
    expect(screen.getByText(/順番が大切です/)).toBeTruthy();
  });

  it('an unknown checklist renders nothing', () => {
    const { container } = render(<ChecklistView checklistId="nope" lang="ja" progress={emptyProgress('s', 'nope')} />);
    expect(container.innerHTML).toBe('');
  });

  it('on a settings page: its items first, the rest collapsed by the page they are checked on', () => {
    const { container } = render(<Harness results={results} pageId="oam-response" />);
    const here = screen.getByRole('list', { name: 'この画面で確認できる項目' });
    expect(within(here).getAllByRole('listitem').map((li) => li.dataset.itemId)).toEqual(['chat-off', 'greeting-off', 'webhook-on', 'auto-response-off']);
    const groups = [...container.querySelectorAll<HTMLDetailsElement>('details.checklist-group')];
    expect(groups.map((g) => g.dataset.group)).toEqual(['manual', 'developers-channel', 'oam-messaging-api', 'ecai-line-account', 'ecai-line-account-list']);
    expect(groups.every((g) => !g.open)).toBe(true);
    expect(groups[3]!.querySelector('summary')!.textContent).toBe('ECAI › LINE公式アカウントの追加・編集 9項目・完了 0');
    // 19 items in all, each once
    expect(container.querySelectorAll('li[data-item-id]')).toHaveLength(19);
    // the next step is on this page: its row says why and how, the box only links to it
    const next = screen.getByRole('status');
    expect(next.dataset.nextItem).toBe('chat-off');
    expect(next.querySelector('.checklist-fix')).toBeNull();
  });

  it('the next step in a collapsed group says what to do, and its link opens the group', () => {
    const ok = analyzeSettingsPage(page.replace('type=checkbox checked>チャット', 'type=checkbox>チャット'), OAM, { salt: 's' })!.items;
    const { container } = render(<Harness results={ok} pageId="oam-response" />);
    const next = screen.getByRole('status');
    expect(next.dataset.nextItem).toBe('line-oa-created');
    expect(next.querySelector('.checklist-fix')!.textContent).toContain('LINE公式アカウント');
    const group = container.querySelector<HTMLDetailsElement>('details[data-group="manual"]')!;
    expect(group.open).toBe(false);
    fireEvent.click(within(next).getByRole('link'));
    expect(group.open).toBe(true);
  });

  it('every manual tick has its own name (the item), with the visible words first', () => {
    render(<Harness results={results} pageId="oam-response" />);
    const names = screen.getAllByRole('checkbox').map((c) => c.closest('label')!.textContent);
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n!.startsWith('完了にする(')).toBe(true);
  });

  it("one numbering style: the documents' circled step numbers, section numbers and reference marks left out", () => {
    expect(splitStep('④「LINEアカウント名」を入力する')).toEqual({ step: '④', text: '「LINEアカウント名」を入力する' });
    expect(splitStep('⑮ LINEにECAIのWebhook URLを貼り付ける')).toEqual({ step: '⑮', text: 'LINEにECAIのWebhook URLを貼り付ける' });
    expect(splitStep('(1) LINE公式アカウントを開設する')).toEqual({ text: 'LINE公式アカウントを開設する' });
    expect(splitStep('【5】LINEログインチャネルにLINE公式アカウントをリンクする')).toEqual({ text: 'LINEログインチャネルにLINE公式アカウントをリンクする' });
    expect(splitStep('【2】かご落ちLINEのステータスを「オン」にする')).toEqual({ text: 'かご落ちLINEのステータスを「オン」にする' });
    // numbers inside the sentence stay as they are
    expect(splitStep('⑧⑨にはLINEログインチャネルの値を入れる')).toEqual({ text: '⑧⑨にはLINEログインチャネルの値を入れる' });
    expect(splitStep('➂ 全ユーザーのリッチメニューを外す')).toEqual({ step: '③', text: '全ユーザーのリッチメニューを外す' });
    expect(splitStep('友だち追加してECAIに反映されるか確認する')).toEqual({ text: '友だち追加してECAIに反映されるか確認する' });
    // every title of every checklist, shown: no (n) or 【n】 left at its start, in both languages
    for (const id of ['ecai-line-connect', 'ecai-migration', 'ecai-unlink', 'ecai-cart-abandonment', 'ecai-quota-alert', 'luxliner-integrations']) {
      for (const item of getChecklist(id)!.items) {
        for (const lang of ['ja', 'en'] as const) {
          const { step, text } = splitStep(item.title[lang]);
          expect(text, `${id}/${item.id} ${lang}`).not.toMatch(/^\s*(?:[(（]\d+[)）]|【\d)/u);
          if (step) expect(step).toMatch(/^[\u2460-\u2473]+$/u);
        }
      }
    }
  });

  it('items without a page are grouped as manual or API checks', () => {
    const quota = getChecklist('ecai-quota-alert')!.items.find((i) => i.id === 'quota-remaining')!;
    expect(itemGroup(quota, 'ecai-operator')).toBe('api');
    const friend = getChecklist('ecai-line-connect')!.items.find((i) => i.id === 'friend-test')!;
    expect(itemGroup(friend, 'oam-response')).toBe('manual');
    const webhook = getChecklist('ecai-line-connect')!.items.find((i) => i.id === 'webhook-url-set')!;
    expect(itemGroup(webhook, 'oam-messaging-api')).toBe('ecai-line-account');
  });
});
