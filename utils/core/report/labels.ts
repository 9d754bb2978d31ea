/**
 * Every heading and label of the Markdown and terminal reports, in Japanese and English.
 * Findings' own titles, messages and fixes come rendered from the rules; this file holds only
 * the report's frame. Templates use `{name}` placeholders.
 */
import type { EvidenceSource, Lang, LoginState, Severity } from '../model';

export interface ReportLabels {
  analysisTitle: string;
  compareTitle: string;
  pages: string;
  page: string;
  sessionWide: string;
  result: string;
  counts: string;
  noFindings: string;
  env: string;
  createdAt: string;
  severity: Record<Severity, string>;
  severityHeading: string;
  what: string;
  why: string;
  whyInfo: string;
  fix: string;
  reference: string;
  noEvidence: string;
  state: Record<LoginState, string>;
  stateSource: { explicit: string; inferred: string };
  evidenceSource: Record<EvidenceSource, string>;
  location: string;
  script: string;
  request: string;
  values: string;
  maskedNote: string;
  revealedNote: string;
  dropped: string;
  /** the verdict (verdict.ts) */
  verdict: string;
  vendorsLookedFor: string;
  vendorFound: string;
  vendorNotFound: string;
  sourcesLookedAt: string;
  passedHeading: string;
  limitsHeading: string;
  /** no finding, but part of the input was not read (never "no problem found" then) */
  noFindingsLimited: string;
  docs: Record<string, string>;
  compareAspect: string;
  compareSame: string;
  compareDiffers: string;
  /** a row that differs as it should (the sides were recorded in different login states) */
  compareExpected: string;
  compareDifferences: string;
  compareNoDifferences: string;
  compareSaltDiffers: string;
  compareFindings: string;
}

export const LABELS: Record<Lang, ReportLabels> = {
  ja: {
    analysisTitle: '連携ドクター 診断結果',
    compareTitle: '連携ドクター 環境の比較',
    pages: '対象ページ',
    page: 'ページ',
    sessionWide: 'セッション全体',
    result: '結果',
    counts: 'エラー {errors}件・警告 {warnings}件・情報 {infos}件',
    noFindings: '問題は見つかりませんでした。',
    env: '環境',
    createdAt: '作成日時',
    severity: { error: 'エラー', warning: '警告', info: '情報' },
    severityHeading: '{severity}({count}件)',
    what: '何が見つかったか',
    why: 'なぜ連携が壊れるか',
    whyInfo: '説明',
    fix: '直し方',
    reference: '参照資料',
    noEvidence: '(証拠なし)',
    state: { 'logged-in': 'ログイン中', 'logged-out': '未ログイン', unknown: 'ログイン状態不明' },
    stateSource: { explicit: '指定', inferred: '推定' },
    evidenceSource: { static: 'ページのソース', runtime: '実行時', network: '通信' },
    location: '{line}行目 {column}列',
    script: 'インラインスクリプト #{n}',
    request: 'リクエスト {id}',
    values: '値',
    maskedNote: '会員IDなどの個人情報は伏せ字にしています(同じ値には同じ指紋 fp:… が付きます)。',
    revealedNote: '注意: --reveal により個人情報を伏せ字なしで表示しています。チケットやチャットに貼らないでください。',
    dropped: '上限を超えたため、古いページ {pages}件・リクエスト {requests}件は解析していません。',
    verdict: '判定',
    vendorsLookedFor: '探したタグ',
    vendorFound: 'あり（{where}）',
    vendorNotFound: '見つからず',
    sourcesLookedAt: '確認した情報源',
    passedHeading: '次の項目を確認し、いずれも該当しませんでした（{count}件）',
    limitsHeading: '一部を読んでいません',
    noFindingsLimited: '読んだ範囲では問題は見当たりませんが、一部を読んでいません。',
    docs: {
      '000': 'OKSKYで会員情報連携を設定したがうまくいかない',
      '001': 'チャネルトーク 顧客データ',
      '002': 'ECAI LINE公式アカウント連携',
      '003': 'Luxliner【設定画面】外部連携',
    },
    compareAspect: '項目',
    compareSame: '同じ',
    compareDiffers: '違う',
    compareExpected: '違う（ログイン状態による想定どおりの違い）',
    compareDifferences: '違い',
    compareNoDifferences: '違いはありません。',
    compareSaltDiffers: '注意: 2つのスナップショットは別々のソルトで作られているため、値の指紋(fp:…)は比較できません。同じ値かどうかを比べるには、両方を同じ --salt(または RENKEI_SALT)で作り直してください。',
    compareFindings: '比較で見つかった問題',
  },
  en: {
    analysisTitle: 'Renkei Doctor diagnosis',
    compareTitle: 'Renkei Doctor environment comparison',
    pages: 'Pages',
    page: 'Page',
    sessionWide: 'whole session',
    result: 'Result',
    counts: 'errors {errors}, warnings {warnings}, infos {infos}',
    noFindings: 'No problems found.',
    env: 'Environment',
    createdAt: 'Created',
    severity: { error: 'Error', warning: 'Warning', info: 'Info' },
    severityHeading: '{severity} ({count})',
    what: 'What was found',
    why: 'Why the integration breaks',
    whyInfo: 'Explanation',
    fix: 'How to fix',
    reference: 'Reference',
    noEvidence: '(no evidence)',
    state: { 'logged-in': 'logged in', 'logged-out': 'logged out', unknown: 'login state unknown' },
    stateSource: { explicit: 'given', inferred: 'inferred' },
    evidenceSource: { static: 'page source', runtime: 'at run time', network: 'network' },
    location: 'line {line}, column {column}',
    script: 'inline script #{n}',
    request: 'request {id}',
    values: 'values',
    maskedNote: 'Personal values such as member ids are masked (equal values carry equal fingerprints fp:…).',
    revealedNote: 'Warning: --reveal shows personal values in clear. Do not paste this into a ticket or chat.',
    dropped: 'Over the size bounds: the oldest {pages} pages and {requests} requests were not analysed.',
    verdict: 'Verdict',
    vendorsLookedFor: 'Tags looked for',
    vendorFound: 'found ({where})',
    vendorNotFound: 'not found',
    sourcesLookedAt: 'Sources looked at',
    passedHeading: 'Checked, and none of these was found ({count})',
    limitsHeading: 'Part of the input was not read',
    noFindingsLimited: 'Nothing wrong in what was read, but part of the input was not read.',
    docs: {
      '000': 'OK SKY: member-info linkage does not work (OKSKYで会員情報連携を設定したがうまくいかない)',
      '001': 'Channel Talk: customer data',
      '002': 'ECAI: connecting a LINE Official Account',
      '003': 'Luxliner: external integration settings',
    },
    compareAspect: 'Aspect',
    compareSame: 'same',
    compareDiffers: 'differs',
    compareExpected: 'differs as expected (login state)',
    compareDifferences: 'Differences',
    compareNoDifferences: 'No differences.',
    compareSaltDiffers: 'Note: the two snapshots were made with different salts, so value fingerprints (fp:…) cannot be compared. Re-create both with the same --salt (or RENKEI_SALT) to compare values.',
    compareFindings: 'Problems found by the comparison',
  },
};

export function labels(lang: Lang | undefined): ReportLabels {
  return LABELS[lang === 'en' ? 'en' : 'ja'];
}

export function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}
