import { describe, expect, it } from 'vitest';
import checklist, { planForLimit } from './ecai-quota-alert';
import { runChecklistCases } from './case-tester';

const operator = (o: { enabled?: boolean; count?: string; bots?: boolean[]; dest?: string[]; room?: string }) => `<h1>オペレーター編集</h1>
${o.enabled !== undefined ? `<label><input type=checkbox name=n${o.enabled ? ' checked' : ''}>通知通数に達したら通知する</label>` : ''}
${o.count !== undefined ? `<label>通知したい通数<input value="${o.count}"></label>` : ''}
${o.bots ? `<fieldset><legend>通知を受けたいBOT</legend>${o.bots.map((b, i) => `<label><input type=checkbox name=bots value=${i}${b ? ' checked' : ''}>BOT ${i}</label>`).join('')}</fieldset>` : ''}
${o.dest ? `<fieldset><legend>通知先</legend>${['LINE', 'チャットワーク'].map((d) => `<label><input type=checkbox name=dest${o.dest!.includes(d) ? ' checked' : ''}>${d}</label>`).join('')}</fieldset>` : ''}
${o.room !== undefined ? `<label>トークルーム<select><option value=""${o.room === '' ? ' selected' : ''}>選択してください</option><option${o.room ? ' selected' : ''}>${o.room || 'x'}</option></select></label>` : ''}`;

runChecklistCases(checklist, [
  {
    name: 'alert set for one BOT to LINE',
    page: 'ecai-operator',
    html: operator({ enabled: true, count: '1,000', bots: [true, false], dest: ['LINE'] }),
    expect: { 'notify-threshold-set': 'pass', 'bots-selected': 'pass', 'destination-set': 'pass', 'quota-remaining': 'unknown' },
  },
  {
    name: 'not enabled; no BOT; no destination',
    page: 'ecai-operator',
    html: operator({ enabled: false, count: '500', bots: [false, false], dest: [] }),
    expect: { 'notify-threshold-set': { state: 'fail', messageId: 'disabled' }, 'bots-selected': 'fail', 'destination-set': 'fail' },
  },
  {
    name: 'count missing or not a number',
    page: 'ecai-operator',
    html: operator({ enabled: true, count: '' }),
    expect: { 'notify-threshold-set': { state: 'fail', messageId: 'empty' } },
  },
  {
    name: 'count not a number',
    page: 'ecai-operator',
    html: operator({ enabled: true, count: 'たくさん' }),
    expect: { 'notify-threshold-set': { state: 'fail', messageId: 'format' } },
  },
  {
    name: 'Chatwork without a talk room',
    page: 'ecai-operator',
    html: operator({ dest: ['チャットワーク'], room: '' }),
    expect: { 'destination-set': { state: 'fail', messageId: 'room' } },
  },
  {
    name: 'Chatwork with a talk room',
    page: 'ecai-operator',
    html: operator({ dest: ['チャットワーク'], room: '通知用グループ' }),
    expect: { 'destination-set': 'pass' },
  },
]);

describe('planForLimit (002 上限通数ごとのプラン)', () => {
  it.each([
    [0, 'free'],
    [1000, 'free'],
    [1001, 'light'],
    [15000, 'light'],
    [15001, 'standard'],
    [1_000_000, 'standard'],
  ] as const)('%i messages → %s', (limit, plan) => {
    expect(planForLimit(limit)).toBe(plan);
  });
});
