/**
 * The differences of the two picked records: the wizard's usual pairs as one-click buttons (each
 * with its verdict in words), A ⇄ B, and the comparison table.
 */
import { useMemo } from 'react';
import type { CompareResult } from '@/utils/core/compare';
import type { Lang } from '@/utils/core/model';
import type { RecordingPlan } from '@/utils/ui/recording';
import { useI18n } from '../i18n-context';
import { CompareTable } from './CompareTable';
import type { CompareCore } from './core';
import { InlineNotice, type Notice } from './InlineNotice';
import { PAIRS, type Picks, type Resolved } from './model';
import { cs } from './strings';

function compareOf(core: CompareCore, a: Resolved, b: Resolved, lang: Lang): CompareResult | string {
  try {
    return core.compare({ ...a.snapshot, env: a.label }, { ...b.snapshot, env: b.label }, lang);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function ComparePane(props: {
  core?: CompareCore;
  plan?: RecordingPlan;
  picks: Picks;
  a?: Resolved;
  b?: Resolved;
  notice?: Notice;
  onPicks(p: Picks): void;
}) {
  const { lang } = useI18n();
  const { core, plan, a, b } = props;
  const presets = useMemo(
    () =>
      PAIRS.flatMap((p) => {
        const pair = plan?.[p.key];
        if (!pair || !core) return [];
        let problems: number;
        try {
          problems = core.compare(pair[0], pair[1], lang).findings.filter((f) => f.severity !== 'info').length;
        } catch {
          problems = -1;
        }
        return [{ ...p, problems }];
      }),
    [plan, core, lang],
  );
  const result = useMemo(() => (core && a && b ? compareOf(core, a, b, lang) : undefined), [core, a, b, lang]);
  const active = PAIRS.find((p) => p.picks[0] === props.picks.a && p.picks[1] === props.picks.b)?.key;

  return (
    <section className="compare-pane" aria-labelledby="compare-result-h">
      <div className="compare-head-row">
        <h2 id="compare-result-h">{cs(lang, 'resultHeading')}</h2>
        {presets.length > 0 ? (
          <div className="presets" role="group" aria-label={cs(lang, 'presets')}>
            {presets.map((p) => (
              <button key={p.key} type="button" data-preset={p.key} aria-pressed={active === p.key} onClick={() => props.onPicks({ a: p.picks[0], b: p.picks[1] })}>
                {cs(lang, p.title)}{' '}
                <span className={`mark ${p.problems === 0 ? 'mark-same' : 'mark-diff'}`}>{p.problems === 0 ? cs(lang, 'presetOk') : cs(lang, 'presetCheck', { n: Math.max(p.problems, 0) })}</span>
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {a && b ? (
        <div className="compare-row pair-line">
          <span className="pair-side" data-side="a" data-env={a.label}>
            <b>A</b> {a.title}
          </span>
          <button type="button" onClick={() => props.onPicks({ a: props.picks.b, b: props.picks.a })} aria-label={cs(lang, 'swap')} title={cs(lang, 'swap')}>
            ⇄
          </button>
          <span className="pair-side" data-side="b" data-env={b.label}>
            <b>B</b> {b.title}
          </span>
        </div>
      ) : null}
      <InlineNotice at="compare" notice={props.notice} />
      {!a || !b ? (
        <p className="empty">{cs(lang, presets.length > 0 ? 'needTwoPresets' : 'needTwo')}</p>
      ) : !core ? (
        <p className="empty">{cs(lang, 'loadingCore')}</p>
      ) : typeof result === 'string' ? (
        <p className="notice error" role="alert">
          {cs(lang, 'failed', { message: result })}
        </p>
      ) : result ? (
        <CompareTable
          result={result}
          aLabel={`A: ${a.title}`}
          bLabel={`B: ${b.title}`}
          ruleTitle={(id) => core.ruleTitle(id, lang)}
          testId="compare-main"
          pair={active}
        />
      ) : null}
    </section>
  );
}
