/**
 * The toolbar badge: how many findings of the worst severity the tab's session has, coloured by
 * that severity (red error, orange warning, blue info); empty when there is none. With errors the
 * number is the error count.
 */
import type { Lang, Summary } from '../core/model';
import type { Verdict } from '../core/verdict';
import { translate } from '../ui/i18n';

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

/**
 * The toolbar button's tooltip for a tab: the verdict in one line, so "nothing captured yet",
 * "no tag on this page", "all clear" (and 「一部を読んでいません」 when a bound skipped input) and
 * "problems" read differently even where the badge is empty. Without a verdict (a tab the
 * extension never captured: nothing yet, a withheld site, a chrome:// page) it says that nothing
 * was captured and that a reload starts the capture.
 */
export function badgeTitle(verdict: Pick<Verdict, 'kind' | 'headline'> | undefined, lang: Lang): string {
  if (!verdict || verdict.kind === 'empty') return translate(lang, 'badgeTitleEmpty');
  const text = verdict.headline[lang];
  // Chrome shows a tooltip on one or two lines: keep the verdict, not the whole explanation
  const short = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  return translate(lang, 'badgeTitlePrefix', { text: short });
}

/** The parts of `browser.action` the badge uses. */
export interface ActionLike {
  setBadgeText(details: { tabId?: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<void>;
  setTitle(details: { tabId?: number; title: string }): Promise<void>;
}

/** Sets a tab's badge and tooltip (or, without a tab id, the default tooltip of every tab). */
export async function showBadge(action: ActionLike, tabId: number | undefined, badge: Badge | undefined, verdict: Pick<Verdict, 'kind' | 'headline'> | undefined, lang: Lang): Promise<void> {
  try {
    if (badge && tabId !== undefined) {
      await action.setBadgeText({ tabId, text: badge.text });
      await action.setBadgeBackgroundColor({ tabId, color: badge.color });
    }
    await action.setTitle({ ...(tabId !== undefined ? { tabId } : {}), title: badgeTitle(verdict, lang) });
  } catch {
    /* the tab is gone */
  }
}
