/**
 * The operator checklist of the popup: each documented step with its state (OK / 要修正 /
 * 未確認 / 完了(手動)), why it fails and how to fix it, a progress bar, manual ticks, and the next
 * step to do made obvious. Pure view: the popup gives it the progress and the latest results.
 *
 * Given the page open now (`pageId`), the items that page can check come first; the rest are
 * collapsed by the page they are checked on. Steps carry the documents' own numbers (①–⑳) in one
 * column; the documents' section numbers ((1)–(5)) and reference marks (【1】–【5】) are not steps
 * and are left out of the titles (the page groups say where an item is checked).
 */
import { useId } from 'react';
import type { Lang } from '@/utils/core/model';
import { getChecklist } from '@/utils/core/checklists/index';
import { fillTemplate } from '@/utils/core/checklists/analyze';
import { itemStates, summariseStates, type ChecklistProgress } from '@/utils/core/checklists/progress';
import type { ChecklistItem, ItemResult, PageId } from '@/utils/core/checklists/types';
import { cl, clPlural, type ChecklistString } from './strings';
import '../fix.css';
import './checklist.css';

export interface ChecklistViewProps {
  checklistId: string;
  lang: Lang;
  /** stored progress (pages seen before, manual ticks, the companion's state) */
  progress: ChecklistProgress;
  /** the latest evaluation of the open page and of live checks: their messages and evidence */
  results?: ItemResult[];
  /** the operator ticks or unticks an item */
  onManualChange?: (itemId: string, done: boolean) => void;
  /** what the current results were read from (page title or host) */
  pageLabel?: string;
  /** the settings page open now: its items first, the others collapsed by page */
  pageId?: PageId;
}

/** A document step number at the start of a title: circled numbers (①–⑳, ➀–➓, ❶–❿), one or several, or a range. */
const STEP = /^([\u2460-\u2473\u2776-\u2793]+(?:[〜~][\u2460-\u2473\u2776-\u2793]+)?)\s*/u;
/** the documents' section numbers and reference marks: not steps */
const NOT_STEP = /^(?:[(（]\d+[)）]|【\d+(?:-\d+)?】)\s*/u;
/** dingbat circled digits (➀–➉, as one document writes ③) read as the ordinary circled digits */
const normaliseCircled = (s: string) => s.replace(/[\u2780-\u2789]/gu, (c) => String.fromCodePoint(0x2460 + (c.codePointAt(0)! - 0x2780)));

/** `④「LINEアカウント名」を入力する` → step ④ and the title; `(1) LINE公式アカウントを開設する` → no step. */
export function splitStep(title: string): { step?: string; text: string } {
  const m = STEP.exec(title);
  // 「⑧⑨にはLINEログインチャネルの値を入れる」: the numbers are part of the sentence, not its step
  if (m && !/^(?:[にはのをがとで]|[a-z])/u.test(title.slice(m[0].length))) return { step: normaliseCircled(m[1]!), text: title.slice(m[0].length) || title };
  if (m) return { text: normaliseCircled(title) };
  const n = NOT_STEP.exec(title);
  if (n && title.length > n[0].length) return { text: title.slice(n[0].length) };
  return { text: title };
}

/** Where an item is checked: its first page other than the one open now; manual or API-only items without a page. */
export function itemGroup(item: ChecklistItem, pageId: PageId | undefined): string {
  const other = item.pages.find((p) => p !== pageId);
  if (other) return other;
  return item.verify.includes('manual') || !item.verify.includes('live') ? 'manual' : 'api';
}

type State = 'pass' | 'fail' | 'unknown' | 'manual-done';

const ICON: Record<State, string> = { pass: '✓', fail: '✗', unknown: '・', 'manual-done': '✓' };

export function ChecklistView({ checklistId, lang, progress, results = [], onManualChange, pageLabel, pageId }: ChecklistViewProps) {
  const headingId = useId();
  const checklist = getChecklist(checklistId);
  if (!checklist) return null;
  const byItem = new Map(results.filter((r) => r.checklistId === checklistId).map((r) => [r.itemId, r]));
  // current evidence first, then what was stored
  const stored = new Map(itemStates(checklist, progress).map((s) => [s.itemId, s.state]));
  const stateOf = (id: string): State => {
    const r = byItem.get(id);
    if (r && (r.state === 'pass' || r.state === 'fail')) return r.state;
    return stored.get(id) ?? 'unknown';
  };
  const sum = summariseStates(checklist.items.map((i) => ({ itemId: i.id, state: stateOf(i.id) })));
  const nextItem = checklist.items.find((i) => i.id === sum.next);
  const pct = sum.total === 0 ? 0 : Math.round((sum.done / sum.total) * 100);
  const row = (item: ChecklistItem) => (
    <ItemRow
      key={item.id}
      level={pageId ? 4 : 3}
      checklistId={checklistId}
      item={item}
      state={stateOf(item.id)}
      result={byItem.get(item.id)}
      lang={lang}
      current={item.id === nextItem?.id}
      onManualChange={onManualChange}
    />
  );
  // the page open now: its items first, the rest by the page they are checked on (document order)
  const here = pageId ? checklist.items.filter((i) => i.pages.includes(pageId)) : checklist.items;
  const groups = new Map<string, ChecklistItem[]>();
  if (pageId) {
    for (const item of checklist.items) {
      if (item.pages.includes(pageId)) continue;
      const g = itemGroup(item, pageId);
      groups.set(g, [...(groups.get(g) ?? []), item]);
    }
  }
  const nextStep = nextItem ? splitStep(nextItem.title[lang]) : undefined;

  return (
    <section className="checklist" aria-labelledby={headingId} data-checklist-id={checklistId}>
      <h2 id={headingId}>{checklist.title[lang]}</h2>
      <div className="checklist-progress">
        <div
          className="checklist-bar"
          role="progressbar"
          aria-label={checklist.title[lang]}
          aria-valuemin={0}
          aria-valuemax={sum.total}
          aria-valuenow={sum.done}
          aria-valuetext={cl(lang, 'progress', { done: sum.done, total: sum.total })}
        >
          <span style={{ width: `${pct}%` }} />
        </div>
        <span className="checklist-counts">
          {cl(lang, 'progress', { done: sum.done, total: sum.total })}
          {sum.failing > 0 ? ` ・ ${cl(lang, 'failing', { n: sum.failing })}` : ''}
          {pageLabel ? ` ・ ${cl(lang, 'from', { page: pageLabel })}` : ''}
        </span>
      </div>
      <div className="checklist-next" role="status" data-next-item={nextItem?.id ?? ''}>
        {nextItem && nextStep ? (
          <>
            <strong>{cl(lang, 'next')}</strong>
            <a href={`#cl-${checklistId}-${nextItem.id}`} onClick={() => openItem(`cl-${checklistId}-${nextItem.id}`)}>
              {nextStep.step ? `${nextStep.step} ` : ''}
              {nextStep.text}
            </a>
            {/* the item's own row says why and how when it is in view; a collapsed one is said here */}
            {pageId && !here.includes(nextItem) ? <p className="checklist-fix">{textOfNext(nextItem, byItem.get(nextItem.id), stateOf(nextItem.id), lang)}</p> : null}
          </>
        ) : (
          <strong>{cl(lang, 'allDone')}</strong>
        )}
      </div>
      {checklist.note ? <p className="notice info checklist-note">{checklist.note[lang]}</p> : null}
      {pageId ? (
        <>
          <h3 className="checklist-group-heading">{cl(lang, 'hereHeading')}</h3>
          {here.length > 0 ? (
            <ol className="checklist-items" aria-label={cl(lang, 'hereHeading')} data-items="here">
              {here.map(row)}
            </ol>
          ) : (
            <p className="checklist-counts">{cl(lang, 'hereNone')}</p>
          )}
          {groups.size > 0 ? <h3 className="checklist-group-heading">{cl(lang, 'otherPages')}</h3> : null}
          {[...groups].map(([group, items]) => {
            const states = items.map((i) => stateOf(i.id));
            const done = states.filter((st) => st === 'pass' || st === 'manual-done').length;
            const failing = states.filter((st) => st === 'fail').length;
            const label = cl(lang, `page_${group}` as ChecklistString);
            return (
              <details key={group} className="checklist-group" data-group={group} data-failing={failing}>
                <summary>
                  <span className="checklist-group-name">{label}</span>{' '}
                  <span className="checklist-group-counts">
                    {clPlural(lang, 'groupItems', items.length)}
                    {cl(lang, 'groupDone', { n: done })}
                    {failing > 0 ? <span className="checklist-group-failing">{cl(lang, 'groupFailing', { n: failing })}</span> : null}
                  </span>
                </summary>
                <ol className="checklist-items" aria-label={label}>
                  {items.map(row)}
                </ol>
              </details>
            );
          })}
        </>
      ) : (
        <ol className="checklist-items" aria-label={cl(lang, 'items')}>
          {checklist.items.map(row)}
        </ol>
      )}
    </section>
  );
}

/** The next step's link opens the group its item is collapsed in. */
function openItem(id: string) {
  const el = document.getElementById(id);
  const details = el?.closest('details');
  if (details) details.open = true;
}

function textOfNext(item: ChecklistItem, result: ItemResult | undefined, state: State, lang: Lang): string {
  if (state === 'fail' && result?.message) return `${result.message} ${result.fix}`;
  return result?.fix ?? fillTemplate(item.fix[lang], undefined);
}

function ItemRow(props: { level: 3 | 4; checklistId: string; item: ChecklistItem; state: State; result?: ItemResult; lang: Lang; current: boolean; onManualChange?: (id: string, done: boolean) => void }) {
  const { item, state, result, lang, current } = props;
  const checkboxId = useId();
  const manualAllowed = item.verify.includes('manual') && state !== 'pass' && state !== 'fail';
  const fix = result?.fix ?? item.fix[lang];
  const step = splitStep(item.title[lang]);
  const Heading = props.level === 4 ? 'h4' : 'h3';
  return (
    <li
      id={`cl-${props.checklistId}-${item.id}`}
      className="checklist-item"
      data-item-id={item.id}
      data-state={state}
      data-rule-id={state === 'fail' ? `${props.checklistId}/${item.id}` : undefined}
      aria-current={current ? 'step' : undefined}
    >
      <span className={`checklist-state state-${state}`}>
        <span aria-hidden="true">{ICON[state]} </span>
        {cl(lang, `state_${state}`)}
      </span>
      <Heading className="checklist-title">
        {step.step ? <span className="checklist-step">{step.step}</span> : null}
        <span>{step.text}</span>
      </Heading>
      <span className="checklist-verify">
        {item.verify.map((v) => cl(lang, `verify_${v}`)).join(' / ')}
        {state === 'fail' && item.severity !== 'error' ? ` ・ ${cl(lang, `severity_${item.severity}`)}` : ''}
      </span>
      {state === 'fail' ? (
        <>
          {result?.message ? <p className="checklist-message">{result.message}</p> : null}
          <p className="checklist-fix">
            <strong>{cl(lang, 'howToFix')}: </strong>
            {fix}
          </p>
        </>
      ) : state === 'unknown' ? (
        <>
          {result?.message ? <p className="checklist-message">{result.message}</p> : null}
          <p className="checklist-fix">
            <strong>{cl(lang, 'whatToDo')}: </strong>
            {fix}
          </p>
        </>
      ) : result?.message ? (
        <p className="checklist-message">{result.message}</p>
      ) : null}
      {manualAllowed && props.onManualChange ? (
        <label className="checklist-manual" htmlFor={checkboxId}>
          <input id={checkboxId} type="checkbox" checked={state === 'manual-done'} onChange={(e) => props.onManualChange!(item.id, e.currentTarget.checked)} />
          {cl(lang, 'markDone')}
          {/* four boxes must not share one name: the item's title completes it for screen readers */}
          <span className="visually-hidden">{cl(lang, 'markDoneOf', { title: step.step ? `${step.step} ${step.text}` : step.text })}</span>
        </label>
      ) : null}
    </li>
  );
}
