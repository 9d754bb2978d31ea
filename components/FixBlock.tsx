import { useId, useMemo, useState } from 'react';
import { fixedCode, isDiff, splitFix, type FixLine } from '@/utils/core/report/fix';
import { copyText } from '@/utils/ui/dom-actions';
import { useI18n } from './i18n-context';
import { Markdownish } from './Markdownish';
import './fix.css';

/**
 * A finding's fix as one piece (utils/core/report/fix.ts): the instruction, then the code to
 * write with the changed lines marked by `+` / `−` and a text label (never by colour alone), and
 * a copy button that copies the code as it should read after the fix.
 */
export function FixBlock(props: { fix: string; label?: string; compact?: boolean }) {
  const { t } = useI18n();
  const parts = useMemo(() => splitFix(props.fix), [props.fix]);
  const diff = isDiff(parts);
  const after = fixedCode(parts);
  const [copied, setCopied] = useState<'ok' | 'failed'>();
  const legendId = useId();
  const onCopy = async () => {
    setCopied((await copyText(after)) ? 'ok' : 'failed');
  };
  return (
    <div className="finding-fix fix-block">
      <p className="fix-instruction">
        {props.label ? <strong className="fix-label">{props.label} </strong> : null}
        <Markdownish text={parts.instruction} />
      </p>
      {parts.code.length > 0 ? (
        <figure className="fix-code" aria-label={diff ? t('fixDiffLabel') : t('fixCodeLabel')}>
          {diff && !props.compact ? (
            <figcaption id={legendId} className="fix-legend">
              {t(legendKey(parts.code))}
            </figcaption>
          ) : null}
          <div className="fix-code-row">
            <pre className={diff ? 'fix-pre fix-diff' : 'fix-pre'} aria-describedby={diff && !props.compact ? legendId : undefined}>
              <code>
                {parts.code.map((l, i) => {
                  const line = (
                    <>
                      {diff ? (
                        <span className="fix-mark" aria-hidden="true">
                          {l.op === 'add' ? '+' : l.op === 'remove' ? '−' : ' '}
                        </span>
                      ) : null}
                      {l.op === 'add' ? <span className="visually-hidden">{t('fixAdded')} </span> : null}
                      {l.op === 'remove' ? <span className="visually-hidden">{t('fixRemoved')} </span> : null}
                      <span className="fix-text">{l.text}</span>
                      {'\n'}
                    </>
                  );
                  if (l.op === 'add')
                    return (
                      <ins key={i} className="fix-line fix-add" data-op="add">
                        {line}
                      </ins>
                    );
                  if (l.op === 'remove')
                    return (
                      <del key={i} className="fix-line fix-remove" data-op="remove">
                        {line}
                      </del>
                    );
                  return (
                    <span key={i} className="fix-line fix-keep" data-op="keep">
                      {line}
                    </span>
                  );
                })}
              </code>
            </pre>
            {after ? (
              <button type="button" className="fix-copy" aria-label={t('fixCopyLabel')} title={t('fixCopyLabel')} onClick={() => void onCopy()}>
                {copied === 'ok' ? t('fixCopied') : t('fixCopy')}
              </button>
            ) : null}
          </div>
          <span className="visually-hidden" role="status" aria-live="polite">
            {copied === 'ok' ? t('fixCopied') : copied === 'failed' ? t('fixCopyFailed') : ''}
          </span>
        </figure>
      ) : null}
    </div>
  );
}

function legendKey(code: FixLine[]): 'fixLegend' | 'fixLegendAdd' | 'fixLegendRemove' {
  const add = code.some((l) => l.op === 'add');
  const remove = code.some((l) => l.op === 'remove');
  return add && remove ? 'fixLegend' : add ? 'fixLegendAdd' : 'fixLegendRemove';
}
