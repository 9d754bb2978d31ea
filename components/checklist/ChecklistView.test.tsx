// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeSettingsPage } from '@/utils/core/checklists/analyze';
import { applyResults, emptyProgress, setManual, type ChecklistProgress } from '@/utils/core/checklists/progress';
import type { ItemResult } from '@/utils/core/checklists/types';
import type { Lang } from '@/utils/core/model';
import { ChecklistView } from './ChecklistView';

afterEach(cleanup);

const OAM = 'https://manager.line.biz/account/@a/setting/response';
const page = '<label><input type=checkbox checked>チャット</label><label><input type=checkbox>あいさつメッセージ</label><label><input type=checkbox checked>Webhook</label><label><input type=checkbox>応答メッセージ</label>';

function Harness({ lang = 'ja', results, initial }: { lang?: Lang; results: ItemResult[]; initial?: ChecklistProgress }) {
  const [progress, setProgress] = useState(() => applyResults(initial ?? emptyProgress('shop', 'ecai-line-connect'), results, new Date('2026-11-22T00:00:00Z')));
  return <ChecklistView checklistId="ecai-line-connect" lang={lang} progress={progress} results={results} pageLabel="manager.line.biz" onManualChange={(id, done) => setProgress((p) => setManual(p, id, done))} />;
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
    const box = within(screen.getAllByRole('listitem').find((li) => li.dataset.itemId === 'line-oa-created')!).getByRole('checkbox', { name: '完了にする' });
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
});
