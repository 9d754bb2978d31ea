/**
 * The popup asks the open tab for its settings page: `{type: 'renkei:settings-html'}` sent with
 * `tabs.sendMessage`, answered by the isolated-world content script (entrypoints/settings.content.ts)
 * with the page as the operator sees it now (typed values and toggles, see dom-snapshot.ts).
 * Both edges validate with zod (its small `zod/mini` build: the content script is on every page);
 * the answer is bounded. The snapshot can hold secrets typed in the
 * form: it is analysed in the popup and never stored or sent anywhere.
 */
// zod's tree-shakable build: this module runs in a content script on every page
import * as z from 'zod/mini';
import { snapshotSettingsHtml } from '../core/checklists/dom-snapshot';

export const SETTINGS_HTML_MESSAGE = 'renkei:settings-html';
/** the snapshot is cut here (the checklists' reader bounds its input the same way) */
export const MAX_SETTINGS_HTML = 3_000_000;

export const SettingsHtmlRequest = z.strictObject({ type: z.literal(SETTINGS_HTML_MESSAGE) });
export type SettingsHtmlRequest = z.infer<typeof SettingsHtmlRequest>;

export const SettingsHtmlResponse = z.object({
  html: z.string().check(z.maxLength(MAX_SETTINGS_HTML)),
  url: z.string().check(z.maxLength(8192)),
});
export type SettingsHtmlResponse = z.infer<typeof SettingsHtmlResponse>;

/**
 * The content script's side: answers only a valid request (anything else: undefined, so other
 * listeners may answer). Never throws.
 */
export function answerSettingsHtml(message: unknown, doc: Document, href: string): SettingsHtmlResponse | undefined {
  if (!SettingsHtmlRequest.safeParse(message).success) return undefined;
  let html: string;
  try {
    html = snapshotSettingsHtml(doc, MAX_SETTINGS_HTML);
  } catch {
    html = '';
  }
  return { html: html.slice(0, MAX_SETTINGS_HTML), url: href.slice(0, 8192) };
}

/** The popup's side: the tab's answer, or null when the tab has no content script (chrome:// pages, site access withheld) or answered nonsense. */
export async function requestSettingsHtml(send: (tabId: number, msg: SettingsHtmlRequest) => Promise<unknown>, tabId: number): Promise<SettingsHtmlResponse | null> {
  let raw: unknown;
  try {
    raw = await send(tabId, { type: SETTINGS_HTML_MESSAGE });
  } catch {
    return null;
  }
  const r = SettingsHtmlResponse.safeParse(raw);
  return r.success ? r.data : null;
}
