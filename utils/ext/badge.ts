/**
 * The toolbar badge: how many findings of the worst severity the tab's session has, coloured by
 * that severity (red error, orange warning, blue info); empty when there is none. With errors the
 * number is the error count.
 */
import type { Summary } from '../core/model';

export const BADGE_COLORS = { error: '#d93025', warning: '#e37400', info: '#1a73e8' } as const;

export interface Badge {
  text: string;
  color: string;
  severity: 'error' | 'warning' | 'info' | 'none';
}

export function badgeFor(summary: Summary): Badge {
  const cap = (n: number) => (n > 99 ? '99+' : String(n));
  if (summary.errors > 0) return { text: cap(summary.errors), color: BADGE_COLORS.error, severity: 'error' };
  if (summary.warnings > 0) return { text: cap(summary.warnings), color: BADGE_COLORS.warning, severity: 'warning' };
  if (summary.infos > 0) return { text: cap(summary.infos), color: BADGE_COLORS.info, severity: 'info' };
  return { text: '', color: BADGE_COLORS.info, severity: 'none' };
}
