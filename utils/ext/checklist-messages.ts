/**
 * The popup reads the open tab's settings page on demand: `scripting.executeScript` injects the
 * unlisted script `settings-reader.js` (entrypoints/settings-reader.ts → `readSettingsPage` in
 * settings-reader.ts) into the tab's top frame, which returns the page as the operator sees it now (typed values and
 * toggles, see dom-snapshot.ts). Nothing runs in pages until the operator opens the popup.
 *
 * The injected side bounds its answer; the popup validates it with zod before use. The snapshot
 * can hold secrets typed in the form: it is analysed in the popup and never stored or sent
 * anywhere.
 */
// zod's tree-shakable build (the popup loads this module at start)
import * as z from 'zod/mini';
import { MAX_SETTINGS_HTML, MAX_SETTINGS_URL } from './settings-reader';

export { MAX_SETTINGS_HTML, MAX_SETTINGS_URL, SETTINGS_READER_FILE } from './settings-reader';

export const SettingsHtmlResponse = z.object({
  html: z.string().check(z.maxLength(MAX_SETTINGS_HTML)),
  url: z.string().check(z.maxLength(MAX_SETTINGS_URL)),
});
export type SettingsHtmlResponse = z.infer<typeof SettingsHtmlResponse>;

/** What `scripting.executeScript` resolves to (one entry per frame injected). */
export type InjectionResults = readonly { frameId?: number; result?: unknown }[] | undefined;

/**
 * The popup's side: injects the reader into the tab and validates the top frame's answer; null
 * when the tab cannot be scripted (chrome:// pages, the Web Store, site access withheld) or the
 * answer is not a bounded `{html, url}`.
 */
export async function requestSettingsHtml(inject: (tabId: number) => Promise<InjectionResults>, tabId: number): Promise<SettingsHtmlResponse | null> {
  let results: InjectionResults;
  try {
    results = await inject(tabId);
  } catch {
    return null;
  }
  if (!Array.isArray(results)) return null;
  const top = results.find((r) => r && typeof r === 'object' && (r.frameId === 0 || r.frameId === undefined));
  const parsed = SettingsHtmlResponse.safeParse(top?.result);
  return parsed.success ? parsed.data : null;
}
