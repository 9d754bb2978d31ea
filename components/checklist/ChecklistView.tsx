/**
 * The operator checklist of the popup: each documented step with its state (OK / 要修正 /
 * 未確認 / 完了(手動)), why it fails and how to fix it, a progress bar, manual ticks, and the next
 * step to do made obvious. Pure view: the popup gives it the progress and the latest results.
 */
import { useId } from 'react';
import type { Lang } from '@/utils/core/model';
import { getChecklist } from '@/utils/core/checklists/index';
import { fillTemplate } from '@/utils/core/checklists/analyze';
import { itemStates, summariseStates, type ChecklistProgress } from '@/utils/core/checklists/progress';
import type { ChecklistItem, ItemResult } from '@/utils/core/checklists/types';
import { cl } from './strings';
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
}

type State = 'pass' | 'fail' | 'unknown' | 'manual-done';

const ICON: Record<State, string> = { pass: '✓', fail: '✗', unknown: '・', 'manual-done': '✓' };

export function ChecklistView({ checklistId, lang, progress, results = [], onManualChange, pageLabel }: ChecklistViewProps) {
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

  return (
    <section className="checklist" aria-labelledby={headingId} data-checklist-id={checklistId}>
      <h2 id={headingId}>{checklist.title[lang]}</h2>
      {checklist.note ? <p className="notice info">{checklist.note[lang]}</p> : null}
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
        {nextItem ? (
          <>
            <strong>{cl(lang, 'next')}</strong>
            <a href={`#cl-${checklistId}-${nextItem.id}`}>{nextItem.title[lang]}</a>
            <p className="checklist-fix">{textOfNext(nextItem, byItem.get(nextItem.id), stateOf(nextItem.id), lang)}</p>
          </>
        ) : (
          <strong>{cl(lang, 'allDone')}</strong>
        )}
      </div>
      <ol className="checklist-items" aria-label={cl(lang, 'items')}>
        {checklist.items.map((item) => (
          <ItemRow
            key={item.id}
            checklistId={checklistId}
            item={item}
            state={stateOf(item.id)}
            result={byItem.get(item.id)}
            lang={lang}
            current={item.id === nextItem?.id}
            onManualChange={onManualChange}
          />
        ))}
      </ol>
    </section>
  );
}

function textOfNext(item: ChecklistItem, result: ItemResult | undefined, state: State, lang: Lang): string {
  if (state === 'fail' && result?.message) return `${result.message} ${result.fix}`;
  return result?.fix ?? fillTemplate(item.fix[lang], undefined);
}

function ItemRow(props: { checklistId: string; item: ChecklistItem; state: State; result?: ItemResult; lang: Lang; current: boolean; onManualChange?: (id: string, done: boolean) => void }) {
  const { item, state, result, lang, current } = props;
  const checkboxId = useId();
  const manualAllowed = item.verify.includes('manual') && state !== 'pass' && state !== 'fail';
  const fix = result?.fix ?? item.fix[lang];
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
      <h3>{item.title[lang]}</h3>
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
        </label>
      ) : null}
    </li>
  );
}
