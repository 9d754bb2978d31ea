import type { Finding, Severity } from '@/utils/core/model';
import type { TimelineNode } from '@/utils/ui/view-model';
import { shortUrl } from '@/utils/ui/view-model';
import { useI18n } from './i18n-context';
import { SeverityIcon } from './Icons';
import { stateKey } from './labels';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A page's findings by severity and the worst of them: a page's colour is its worst severity. */
export function pageSeverity(findings: Finding[], node: Pick<TimelineNode, 'index' | 'page'>): { worst?: Severity; counts: Record<Severity, number> } {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let worst: Severity | undefined;
  for (const f of findings) {
    const here = f.pageIndex !== undefined ? f.pageIndex === node.index : f.page === node.page.url;
    if (!here) continue;
    counts[f.severity]++;
    if (worst === undefined || RANK[f.severity] < RANK[worst]) worst = f.severity;
  }
  return { worst, counts };
}

/** the text marker beside the colour: ✕ error, ! warning, i info, ✓ no problem */
const MARK: Record<Severity | 'ok', string> = { error: '✕', warning: '!', info: 'i', ok: '✓' };

/**
 * The session as a picture: pages in visiting order, who the widget thinks the visitor is on
 * each (linkage value or per-host cookie), and where the conversation moves to another room.
 * Colour means one thing everywhere: the page's worst severity (with a text marker and counts,
 * never colour alone); rooms are numbers.
 */
export function TimelineView({ nodes, findings = [] }: { nodes: TimelineNode[]; findings?: Finding[] }) {
  const { t } = useI18n();
  if (nodes.length === 0) return <p className="empty">{t('noPages')}</p>;
  const rooms = new Set(nodes.map((n) => n.room).filter((r) => r !== undefined)).size;
  const severities = nodes.map((n) => pageSeverity(findings, n));
  return (
    <section className="view timeline-view" aria-label={t('tab_timeline')}>
      <p className="view-summary">{t('timelineSummary', { pages: nodes.length, rooms })}</p>
      <TimelineStrip nodes={nodes} severities={severities} />
      <ol className="timeline">
        {nodes.map((n, i) => {
          const prev = nodes[i - 1];
          const split = prev !== undefined && prev.room !== undefined && n.room !== undefined && prev.room !== n.room;
          const sev = severities[i]!;
          const level = sev.worst ?? 'ok';
          return (
            <li key={n.page.id} className={`timeline-item level-${level}`} data-room={n.room ?? 'none'} data-level={level}>
              {split || n.switches.length > 0 ? (
                <div className={`switch${n.switches.length > 0 ? ' flagged' : ''}`} role="note">
                  <strong>{split ? t('roomSplit') : t('roomNote')}</strong>
                  {n.switches.map((f, j) => (
                    <span key={j} className={`switch-finding sev-${f.severity}`} data-rule-id={f.ruleId} data-severity={f.severity}>
                      {f.title}
                    </span>
                  ))}
                </div>
              ) : null}
              <div className={`timeline-node level-${level}`}>
                <div className="room-bar" aria-hidden="true" />
                <div className="node-body">
                  <div className="node-head">
                    <strong>{t('pageNumber', { n: n.index + 1 })}</strong> <span className="page-url">{shortUrl(n.page.url)}</span>{' '}
                    <span className={`node-level level-${level}`} data-node-level={level}>
                      {sev.worst ? <SeverityIcon severity={sev.worst} /> : <span aria-hidden="true">{MARK.ok} </span>}
                      {sev.worst
                        ? (['error', 'warning', 'info'] as const)
                            .filter((s) => sev.counts[s] > 0)
                            .map((s) => t(s === 'error' ? 'countError' : s === 'warning' ? 'countWarning' : 'countInfo', { n: sev.counts[s] }))
                            .join(' · ')
                        : t('pageNoProblem')}
                    </span>
                  </div>
                  <div className="node-facts">
                    <span>{t('timelineHost', { host: n.host })}</span>
                    <span className={`state-chip state-${n.state}`}>
                      {t(stateKey[n.state])}
                      {n.stateSource === 'explicit' ? ` (${t('stateChosen')})` : ''}
                    </span>
                    <span>
                      {n.identity.by === 'linkage'
                        ? t('identityLinkage', { keys: n.identity.loginKeys.join(','), value: n.identity.value })
                        : n.identity.by === 'cookie'
                          ? t('identityCookie', { host: n.identity.host })
                          : t('identityNone')}
                    </span>
                    {n.key ? <span>{t('timelineKey', { key: n.key })}</span> : null}
                    {n.room !== undefined ? <span className="room-label">{t('roomNumber', { n: n.room })}</span> : null}
                  </div>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A compact SVG strip: one dot per page coloured by its worst severity with the marker inside, the room number below, a break where the room changes. */
function TimelineStrip({ nodes, severities }: { nodes: TimelineNode[]; severities: { worst?: Severity }[] }) {
  const { t } = useI18n();
  const step = 36;
  const width = Math.max(1, nodes.length) * step;
  return (
    <svg className="timeline-strip" viewBox={`0 0 ${width} 36`} width="100%" height="36" preserveAspectRatio="xMinYMid meet" role="img" aria-label={t('timelineStripLabel')}>
      {nodes.map((n, i) => {
        const x = i * step + step / 2;
        const prev = nodes[i - 1];
        const split = prev && prev.room !== n.room;
        const level = severities[i]?.worst ?? 'ok';
        return (
          <g key={n.page.id} className={`strip-node level-${level}`}>
            {prev ? (
              <line x1={x - step + 8} y1={12} x2={x - 8} y2={12} className={split ? 'strip-split' : 'strip-link'} strokeDasharray={split ? '3 3' : undefined} />
            ) : null}
            <circle cx={x} cy={12} r={8} className="strip-dot" />
            <text x={x} y={15.5} textAnchor="middle" className="strip-mark">
              {MARK[level]}
            </text>
            {n.room !== undefined ? (
              <text x={x} y={33} textAnchor="middle" className="strip-room">
                {t('roomShort', { n: n.room })}
              </text>
            ) : null}
            <title>{`${n.index + 1}: ${shortUrl(n.page.url)}`}</title>
          </g>
        );
      })}
    </svg>
  );
}
