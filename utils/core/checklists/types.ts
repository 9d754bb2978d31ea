/**
 * Operator checklists as data (CHECKLISTS.md). A checklist is an id, a title, the source section
 * and items; an item is an id, a title, how it is verified, the fix, its severity and — for the
 * automatic ones — a tiny evaluate function over the evidence of one settings page (axe-core's
 * "checks as data"). Ids are a public contract: `checklist-id/item-id` is the finding id.
 */
import { z } from 'zod';
import { Evidence, Lang, Severity, SourceRef } from '../model';
import type { ReadPage } from './read-fields';
import type { CrossPageView } from './cross-page';

export const LocalizedSchema = z.object({ ja: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof LocalizedSchema>;

export const VerifyKind = z.enum(['page', 'cross-page', 'live', 'manual']);
export type VerifyKind = z.infer<typeof VerifyKind>;

export const ItemState = z.enum(['pass', 'fail', 'unknown', 'manual-done']);
export type ItemState = z.infer<typeof ItemState>;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The settings pages a checklist reads (recognised by URL and by the documented labels). */
export const PageIdSchema = z.enum([
  'ecai-line-account',
  'ecai-line-account-list',
  'ecai-auto-response',
  'ecai-step-message',
  'ecai-external-integrations',
  'ecai-cart-abandonment',
  'ecai-operator',
  'oam-messaging-api',
  'oam-response',
  'developers-channel',
  'luxliner-integrations',
]);
export type PageId = z.infer<typeof PageIdSchema>;

/** The data part of an item, validated with zod when the checklist module loads. */
export const ChecklistItemData = z.object({
  id: z.string().regex(ID),
  title: LocalizedSchema,
  /** what to do when the item is not done or wrong, in the voice of the source document */
  fix: LocalizedSchema,
  source: SourceRef,
  verify: z.array(VerifyKind).min(1),
  severity: Severity,
  /** pages whose evidence the evaluate function reads */
  pages: z.array(PageIdSchema),
  /** explanations by message id (`default` required), `{placeholders}` filled from the evaluation's data */
  messages: z.record(z.string(), LocalizedSchema).refine((m) => 'default' in m, 'a default message is required'),
});
export type ChecklistItemData = z.infer<typeof ChecklistItemData>;

export const ChecklistData = z.object({
  id: z.string().regex(ID),
  title: LocalizedSchema,
  source: SourceRef,
  /** shown above the items when the order of the steps matters */
  note: LocalizedSchema.optional(),
  items: z.array(ChecklistItemData).min(1),
});
export type ChecklistData = z.infer<typeof ChecklistData>;

/** What one evaluate function says about one page's evidence. */
export interface ItemEval {
  state: 'pass' | 'fail' | 'unknown';
  /** key of the item's messages (default `default`) */
  messageId?: string;
  /** values for the message placeholders; secrets already masked */
  data?: Record<string, string | number>;
  evidence?: Evidence[];
  /** a short explanation of a pass/unknown (e.g. "Chatwork連携が無効のため対象外") */
  note?: Localized;
}

/** A value captured from a page for a later comparison (cross-page). */
export interface Capture {
  key: CaptureKey;
  value: string;
}

/** Values kept between pages. Secrets are kept only as salted fingerprints (cross-page.ts). */
export const CaptureKey = z.enum([
  'ecai.webhookUrl',
  'ecai.channelId',
  'ecai.channelSecret',
  'ecai.loginChannelId',
  'ecai.loginChannelSecret',
  'line.webhookUrl',
  'line.messagingApiChannelId',
  'line.messagingApiChannelSecret',
  'line.loginChannelId',
  'line.loginChannelSecret',
]);
export type CaptureKey = z.infer<typeof CaptureKey>;

export interface EvalContext {
  pageId: PageId;
  url: string;
  page: ReadPage;
  /** values captured on other pages (and this one) */
  cross: CrossPageView;
  /** salted fingerprint of a value as it would be captured under `key` (to compare with cross-page captures) */
  fp(key: CaptureKey, value: string): string;
  /** masked display of a value */
  mask(value: string): string;
  /** ms since epoch (for dates such as the Zendesk token retirement) */
  now: number;
  /** the settings hosts configured for ECAI / Luxliner */
  hosts: SettingsHosts;
}

export interface SettingsHosts {
  ecai?: string[];
  luxliner?: string[];
}

export interface ChecklistItem extends ChecklistItemData {
  evaluate?: (ctx: EvalContext) => ItemEval | undefined;
}

export interface Checklist extends Omit<ChecklistData, 'items'> {
  items: ChecklistItem[];
  /** captures this checklist takes from a page (cross-page evidence) */
  capture?: (ctx: EvalContext) => Capture[];
}

/** The data part of a checklist, without its functions (what ChecklistData validates). */
export function checklistData(def: Checklist): unknown {
  return { ...def, items: def.items.map(({ evaluate: _e, ...rest }) => rest) };
}

/**
 * Declare a checklist: the structural checks, the evaluate functions kept. The data part is
 * validated with zod (ChecklistData) by definitions.test.ts, for every checklist: parsing the six
 * definitions at every load was ~5 ms of each `renkei analyze` start (issue 13).
 */
export function defineChecklist(def: Checklist): Checklist {
  const ids = new Set<string>();
  for (const item of def.items) {
    if (ids.has(item.id)) throw new Error(`duplicate checklist item id ${def.id}/${item.id}`);
    ids.add(item.id);
  }
  for (const item of def.items) {
    const auto = item.verify.some((v) => v !== 'manual');
    if (item.evaluate && item.pages.length === 0) throw new Error(`${def.id}/${item.id}: evaluate without pages`);
    if (!auto && item.evaluate) throw new Error(`${def.id}/${item.id}: a manual item has no evaluate function`);
  }
  return def;
}

/** One item's result, rendered in one language (for the popup and the CLI). */
export const ItemResult = z.object({
  checklistId: z.string(),
  itemId: z.string(),
  /** `checklist-id/item-id`: the finding id when it fails */
  id: z.string(),
  state: ItemState,
  verify: z.array(VerifyKind),
  severity: Severity,
  title: z.string(),
  fix: z.string(),
  /** the explanation of a failure, or a note on a pass/unknown */
  message: z.string().optional(),
  evidence: z.array(Evidence),
  /** where the state came from: this page, another page (cross-page), a live check, the operator */
  by: z.enum(['page', 'cross-page', 'live', 'manual', 'none']),
});
export type ItemResult = z.infer<typeof ItemResult>;

export { Lang };
