/**
 * What the bounds skipped, gathered from a session (and its analysed pages) and described in both
 * languages. Every bound that drops or cuts input records an InputLimit (model.ts) on the page or
 * the session; older inputs only carry `truncated` flags or `Session.dropped`, which count too.
 * Finding `renkei/input-limited` and the verdict (verdict.ts) read this list.
 */
import type { InputLimit, Session } from './model';
import type { AnalyzedPage, Localized } from './rules/types';

export interface LimitEntry {
  kind: string;
  skipped: number;
  unit: InputLimit['unit'];
  limit?: number;
  /** the page it is about (absent: session-wide) */
  pageIndex?: number;
  script?: number;
  /** what was not read, how much, in both languages */
  detail: Localized;
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** A short label of what was skipped (for summaries: "scripts", "HAR entries"). */
const WHAT: Record<string, Localized> = {
  'html-chars': { ja: 'ページのHTML', en: 'page HTML' },
  'script-chars': { ja: 'インラインスクリプト', en: 'inline script' },
  scripts: { ja: 'インラインスクリプトの数', en: 'number of inline scripts' },
  'script-urls': { ja: '外部スクリプトのURL', en: 'external script URLs' },
  'har-entries': { ja: 'HARのリクエスト', en: 'HAR entries' },
  'har-pages': { ja: 'HARのページ', en: 'HAR pages' },
  'session-pages': { ja: '記録したページ', en: 'recorded pages' },
  'session-requests': { ja: '記録したリクエスト', en: 'recorded requests' },
  'body-chars': { ja: 'リクエスト本文', en: 'request bodies' },
  'json-depth': { ja: 'JSONの入れ子', en: 'JSON nesting' },
  'har-documents': { ja: 'HARのページ本文', en: 'HAR page documents' },
  calls: { ja: 'タグの呼び出し', en: 'tag calls' },
  'parse-chars': { ja: 'スクリプトの構文解析', en: 'script parsing' },
  'relay-script-chars': { ja: '拡張機能が受け渡したスクリプト', en: 'scripts passed on by the extension' },
  'relay-calls': { ja: '実行時の呼び出し', en: 'runtime calls' },
  truncated: { ja: 'ページの一部', en: 'part of the page' },
};

/** The short label of a limit kind. */
export function limitWhat(kind: string): Localized {
  return WHAT[kind] ?? { ja: '入力の一部', en: 'part of the input' };
}

/** The sentence describing one limit: what was not read and how much. */
export function describeLimit(l: Pick<LimitEntry, 'kind' | 'skipped' | 'unit' | 'limit' | 'script'>): Localized {
  const n = l.skipped;
  const known = n > 0;
  const nth = l.script !== undefined ? l.script + 1 : undefined;
  switch (l.kind) {
    case 'html-chars':
      return known
        ? { ja: `ページのHTMLが大きすぎるため、後ろの ${num(n)} 文字を読んでいません。`, en: `The page's HTML is too large: the last ${num(n)} characters were not read.` }
        : { ja: 'ページのHTMLが大きすぎるため、後ろの部分を読んでいません。', en: "The page's HTML is too large: its end was not read." };
    case 'script-chars': {
      const which = nth !== undefined ? { ja: `${nth}番目のインラインスクリプト`, en: `Inline script #${nth}` } : { ja: 'インラインスクリプト', en: 'An inline script' };
      return known
        ? { ja: `${which.ja}が長すぎるため、${num(n)} 文字を読んでいません。`, en: `${which.en} is too long: ${num(n)} characters were not read.` }
        : { ja: `${which.ja}が長すぎるため、後ろの部分を読んでいません。`, en: `${which.en} is too long: its end was not read.` };
    }
    case 'scripts':
      return known
        ? { ja: `インラインスクリプトが多すぎるため、${num(n)} 個を読んでいません。`, en: `Too many inline scripts: ${num(n)} were not read.` }
        : { ja: 'インラインスクリプトが多すぎるため、一部を読んでいません。', en: 'Too many inline scripts: some were not read.' };
    case 'script-urls':
      return known
        ? { ja: `外部スクリプトが多すぎるため、${num(n)} 件のURLを読んでいません。`, en: `Too many external scripts: ${num(n)} URLs were not read.` }
        : { ja: '外部スクリプトが多すぎるため、一部のURLを読んでいません。', en: 'Too many external scripts: some URLs were not read.' };
    case 'har-entries':
    case 'session-requests':
      return known
        ? { ja: `上限を超えたため、古いリクエスト ${num(n)} 件を解析していません。`, en: `Over the bounds: the oldest ${num(n)} requests were not analysed.` }
        : { ja: '上限を超えたため、古いリクエストの一部を解析していません。', en: 'Over the bounds: some of the oldest requests were not analysed.' };
    case 'har-pages':
    case 'session-pages':
      return known
        ? { ja: `上限を超えたため、古いページ ${num(n)} 件を解析していません。`, en: `Over the bounds: the oldest ${num(n)} pages were not analysed.` }
        : { ja: '上限を超えたため、古いページの一部を解析していません。', en: 'Over the bounds: some of the oldest pages were not analysed.' };
    case 'body-chars':
      return known
        ? { ja: `リクエスト本文 ${num(n)} 件が長すぎるため、途中までしか読んでいません。`, en: `${num(n)} request bodies were too long and were read only in part.` }
        : { ja: 'リクエスト本文が長すぎるため、途中までしか読んでいません。', en: 'Request bodies were too long and were read only in part.' };
    case 'har-documents':
      return known
        ? { ja: `HARのページ本文 ${num(n)} 件が大きすぎるため、読んでいません。`, en: `${num(n)} page documents of the HAR were too large and were not read.` }
        : { ja: 'HARのページ本文の一部が大きすぎるため、読んでいません。', en: 'Some page documents of the HAR were too large and were not read.' };
    case 'json-depth':
      return { ja: 'JSONの入れ子が深すぎるため、深い部分を読んでいません。', en: 'The JSON is nested too deeply: its deepest parts were not read.' };
    case 'calls':
      return known
        ? { ja: `タグの呼び出しが多すぎるため、${num(n)} 件を読んでいません。`, en: `Too many tag calls: ${num(n)} were not read.` }
        : { ja: 'タグの呼び出しが多すぎるため、一部を読んでいません。', en: 'Too many tag calls: some were not read.' };
    case 'parse-chars': {
      const which = nth !== undefined ? { ja: `${nth}番目のインラインスクリプト`, en: `Inline script #${nth}` } : { ja: 'インラインスクリプト', en: 'An inline script' };
      return known
        ? {
            ja: `${which.ja}が長すぎるため、${num(n)} 文字は構文を解析せず、OK SKY・チャネルトークの目印だけを探しました（目印の周りのタグは読んでいます）。`,
            en: `${which.en} is too long: ${num(n)} characters were not parsed, only searched for OK SKY and Channel Talk markers (the tag around each marker was read).`,
          }
        : {
            ja: `${which.ja}が長すぎるため、一部は構文を解析せず、OK SKY・チャネルトークの目印だけを探しました。`,
            en: `${which.en} is too long: part of it was not parsed, only searched for OK SKY and Channel Talk markers.`,
          };
    }
    case 'relay-script-chars':
      return known
        ? { ja: `拡張機能が受け渡すスクリプトの上限を超えたため、${num(n)} 文字を読んでいません。`, en: `Over the extension's script bound: ${num(n)} characters were not read.` }
        : { ja: '拡張機能が受け渡すスクリプトの上限を超えたため、一部を読んでいません。', en: "Over the extension's script bound: part of a script was not read." };
    case 'relay-calls':
      return known
        ? { ja: `実行時の呼び出しが多すぎるため、${num(n)} 件を読んでいません。`, en: `Too many runtime calls: ${num(n)} were not read.` }
        : { ja: '実行時の呼び出しが多すぎるため、一部を読んでいません。', en: 'Too many runtime calls: some were not read.' };
    case 'truncated':
      return { ja: 'ページの一部が上限を超えたため、読んでいません。', en: 'Part of the page was over the bounds and was not read.' };
    default:
      return known
        ? { ja: `上限を超えたため、入力の一部（${num(n)}）を読んでいません。`, en: `Over the bounds: part of the input (${num(n)}) was not read.` }
        : { ja: '上限を超えたため、入力の一部を読んでいません。', en: 'Over the bounds: part of the input was not read.' };
  }
}

function entry(l: InputLimit, pageIndex?: number): LimitEntry {
  const e: LimitEntry = { kind: l.kind, skipped: l.skipped, unit: l.unit, detail: describeLimit(l) };
  if (l.limit !== undefined) e.limit = l.limit;
  if (pageIndex !== undefined) e.pageIndex = pageIndex;
  if (l.script !== undefined) e.script = l.script;
  return e;
}

/**
 * Every limit of a session: the recorded ones (Page.limits, Session.limits, Session.dropped) and,
 * for inputs that only carry flags, one entry per page marked `truncated` without details.
 * Analysed pages add what the extractors cut (Channel Talk calls over the per-page bound).
 */
export function inputLimitsOf(session: Session, pages?: readonly AnalyzedPage[]): LimitEntry[] {
  const out: LimitEntry[] = [];
  const dropped = session.dropped;
  const sessionKinds = new Set((session.limits ?? []).map((l) => l.kind));
  if (dropped && dropped.pages > 0 && !sessionKinds.has('session-pages') && !sessionKinds.has('har-pages')) {
    out.push(entry({ kind: 'session-pages', skipped: dropped.pages, unit: 'items' }));
  }
  if (dropped && dropped.requests > 0 && !sessionKinds.has('session-requests') && !sessionKinds.has('har-entries')) {
    out.push(entry({ kind: 'session-requests', skipped: dropped.requests, unit: 'items' }));
  }
  for (const l of session.limits ?? []) out.push(entry(l));
  // request bodies cut by a capture that does not record limits (the extension's network capture)
  if (!sessionKinds.has('body-chars')) {
    let cut = 0;
    for (const r of session.requests) if (r.bodyTruncated === true) cut++;
    if (cut > 0) out.push(entry({ kind: 'body-chars', skipped: cut, unit: 'items' }));
  }
  session.pages.forEach((page, i) => {
    const recorded = page.limits ?? [];
    for (const l of recorded) out.push(entry(l, i));
    // older captures and the extension's relay flag the page without details; a script's own
    // `truncated` flag alone is no limit (the head of a long script without vendor markers)
    if (page.truncated === true && recorded.length === 0) out.push(entry({ kind: 'truncated', skipped: 0, unit: 'items' }, i));
    const ct = pages?.[i]?.['channeltalk'] as { truncated?: boolean } | undefined;
    if (ct && typeof ct === 'object' && ct.truncated === true && !recorded.some((l) => l.kind === 'calls')) {
      out.push(entry({ kind: 'calls', skipped: 0, unit: 'items' }, i));
    }
  });
  return out;
}

/** Add a limit to a list, merging with an entry of the same kind (and script). */
export function addLimit(list: InputLimit[], l: InputLimit): void {
  const same = list.find((x) => x.kind === l.kind && x.script === l.script);
  if (same) {
    same.skipped += l.skipped;
    return;
  }
  list.push({ ...l });
}
