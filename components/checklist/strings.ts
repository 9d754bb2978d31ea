import type { Lang } from '@/utils/core/model';

const ja = {
  progress: '{done} / {total} 完了',
  failing: '要修正 {n}',
  next: '次にやること',
  allDone: 'すべての項目が完了しました。',
  howToFix: '直し方',
  whatToDo: 'やること',
  markDone: '完了にする',
  state_pass: 'OK',
  state_fail: '要修正',
  state_unknown: '未確認',
  'state_manual-done': '完了(手動)',
  verify_page: '画面で確認',
  'verify_cross-page': '画面間で照合',
  verify_live: 'APIで確認',
  verify_manual: '手動で確認',
  severity_warning: '警告',
  severity_info: '情報',
  from: '確認元: {page}',
  items: 'チェック項目',
};

const en: typeof ja = {
  progress: '{done} / {total} done',
  failing: '{n} to fix',
  next: 'Next step',
  allDone: 'Every item is done.',
  howToFix: 'How to fix',
  whatToDo: 'What to do',
  markDone: 'Mark as done',
  state_pass: 'OK',
  state_fail: 'Fix needed',
  state_unknown: 'Not checked',
  'state_manual-done': 'Done (manual)',
  verify_page: 'On the page',
  'verify_cross-page': 'Across pages',
  verify_live: 'Via the API',
  verify_manual: 'By hand',
  severity_warning: 'Warning',
  severity_info: 'Info',
  from: 'Checked on: {page}',
  items: 'Checklist items',
};

export type ChecklistString = keyof typeof ja;

export function cl(lang: Lang, key: ChecklistString, data: Record<string, string | number> = {}): string {
  const table = lang === 'en' ? en : ja;
  return table[key].replace(/\{(\w+)\}/g, (m, k: string) => (data[k] !== undefined ? String(data[k]) : m));
}
