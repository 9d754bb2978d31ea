/**
 * The support documents are Japanese; their section headings are the rules' `source.section`.
 * In English the reader gets the heading's meaning (the panel keeps the Japanese heading as a
 * tooltip, so it can still be found in the document).
 */
import type { Lang } from '../model';

const SECTION_EN: Record<string, string> = {
  'IDは送信されているのに、ルームが別れてしまう': 'The ID is sent, but the rooms split',
  '「値」が正しく連携されていない': 'The value is not linked correctly',
  'ログインしていないユーザーのルームが毎回変わってしまう': 'A visitor who is not logged in gets a new room every time',
  'ログイン後のタグが通常のタグになってしまっている': 'After login the page still carries the plain tag',
  '会員情報の連携のタグを埋めたがルームに情報が届かない': 'The member-linkage tag is on the page, but nothing reaches the room',
  切り分け方法: 'How to narrow it down',
  '来訪者(ユーザー)に過去の会話が出てこないと言われた': 'A visitor says past conversations do not appear',
  '赤の部分(LoginKey)': 'LoginKey (the part the document shows in red)',
  '緑の部分(マスターキーワード)': 'Master keywords (the part the document shows in green)',
  未ログイン時の埋め込みタグの例: 'Example tag for visitors who are not logged in',
  '非ログイン時も会員情報連携がされますか?': 'Is member information linked when the visitor is not logged in?',
  '会員No.': 'Member No.',
  値: 'Value',
  インストールスクリプト: 'Install script',
  データキー: 'Data key',
  データタイプ: 'Data type',
  '基本連携データ memberId': 'Basic linkage data: memberId',
  基本連携データ: 'Basic linkage data',
  '活用可能なデータ項目 (1度入力すると更新できません)': 'Available data fields (cannot be changed once set)',
};

/** Whether the heading has an English rendering (tests: every rule's section has one). */
export function hasSectionTitle(section: string): boolean {
  return section in SECTION_EN || !/[ぁ-んァ-ヶ一-龠]/.test(section);
}

/** The section heading for a reader of `lang`: Japanese as written, translated in English. */
export function sectionTitle(lang: Lang, section: string): string {
  if (lang === 'ja') return section;
  const en = SECTION_EN[section];
  if (en) return `"${en}"`;
  return /[ぁ-んァ-ヶ一-龠]/.test(section) ? `section 「${section}」 of the Japanese document` : section;
}
