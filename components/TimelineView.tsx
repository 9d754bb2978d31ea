import type { TimelineNode } from '@/utils/ui/view-model';
import { shortUrl } from '@/utils/ui/view-model';
import { useI18n } from './i18n-context';
import { stateKey } from './labels';

const roomHue = (room: number) => (room * 137) % 360;

/**
 * The session as a picture: pages in visiting order, who the widget thinks the visitor is on
 * each (linkage value or per-host cookie), and where the conversation moves to another room.
 */
export function TimelineView({ nodes }: { nodes: TimelineNode[] }) {
  const { t } = useI18n();
  if (nodes.length === 0) return <p className="empty">{t('noPages')}</p>;
  const rooms = new Set(nodes.map((n) => n.room).filter((r) => r !== undefined)).size;
  return (
    <section className="view timeline-view">
      <p className="view-summary">{t('timelineSummary', { pages: nodes.length, rooms })}</p>
      <TimelineStrip nodes={nodes} />
      <ol className="timeline">
        {nodes.map((n, i) => {
          const prev = nodes[i - 1];
          const split = prev !== undefined && prev.room !== undefined && n.room !== undefined && prev.room !== n.room;
          return (
            <li key={n.page.id} className="timeline-item" data-room={n.room ?? 'none'}>
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
              <div className="timeline-node" style={n.room !== undefined ? { ['--room-hue' as string]: String(roomHue(n.room)) } : undefined}>
                <div className="room-bar" aria-hidden="true" />
                <div className="node-body">
                  <div className="node-head">
                    <strong>{t('pageNumber', { n: n.index + 1 })}</strong> <span className="page-url">{shortUrl(n.page.url)}</span>
                  </div>
                  <div className="node-facts">
                    <span>{t('timelineHost', { host: n.host })}</span>
                    <span>
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

/** A compact SVG strip: one dot per page coloured by room, a break where the room changes. */
function TimelineStrip({ nodes }: { nodes: TimelineNode[] }) {
  const { t } = useI18n();
  const step = 36;
  const width = Math.max(1, nodes.length) * step;
  return (
    <svg className="timeline-strip" viewBox={`0 0 ${width} 28`} width="100%" height="28" preserveAspectRatio="xMinYMid meet" role="img" aria-label={t('timelineStripLabel')}>
      {nodes.map((n, i) => {
        const x = i * step + step / 2;
        const prev = nodes[i - 1];
        const split = prev && prev.room !== n.room;
        return (
          <g key={n.page.id}>
            {prev ? (
              <line x1={x - step + 7} y1={14} x2={x - 7} y2={14} className={split ? 'strip-split' : 'strip-link'} strokeDasharray={split ? '3 3' : undefined} />
            ) : null}
            <circle cx={x} cy={14} r={7} className="strip-dot" style={{ fill: n.room !== undefined ? `hsl(${roomHue(n.room)} 60% 50%)` : 'var(--muted)' }}>
              <title>{`${n.index + 1}: ${shortUrl(n.page.url)}`}</title>
            </circle>
          </g>
        );
      })}
    </svg>
  );
}
