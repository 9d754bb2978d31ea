/**
 * What the unlisted script `settings-reader.js` (entrypoints/settings-reader.ts) does when the
 * popup injects it into the open tab (isolated world, top frame): the settings page as the
 * operator sees it now (typed values and toggles, see dom-snapshot.ts), bounded. No zod, no
 * extension API here: the injected file stays small.
 */
import { snapshotSettingsHtml } from '../core/checklists/dom-snapshot';

/** the unlisted script injected by the popup (its path in the built extension) */
export const SETTINGS_READER_FILE = '/settings-reader.js';
/** the snapshot is cut here (the checklists' reader bounds its input the same way) */
export const MAX_SETTINGS_HTML = 3_000_000;
export const MAX_SETTINGS_URL = 8192;

/** The page now, bounded. Never throws. */
export function readSettingsPage(doc: Document, href: string): { html: string; url: string } {
  let html: string;
  try {
    html = snapshotSettingsHtml(doc, MAX_SETTINGS_HTML);
  } catch {
    html = '';
  }
  return { html: html.slice(0, MAX_SETTINGS_HTML), url: String(href).slice(0, MAX_SETTINGS_URL) };
}
