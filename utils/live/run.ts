/**
 * One entry point for the popup's "check with the API" button: run a service's live check with
 * the credentials typed for it, and return the checklist items it decides. The credentials live
 * only in this call.
 */
import type { Lang } from '../core/model';
import type { ItemResult } from '../core/checklists/types';
import { runChatworkLiveCheck } from './chatwork';
import type { LiveOptions } from './http';
import { lineLiveItems, luxlinerLiveItems } from './items';
import { runLineLiveCheck } from './line';
import { runZendeskLiveCheck } from './zendesk';

export type LiveRequest =
  | { service: 'line'; channelId: string; channelSecret: string }
  | { service: 'chatwork'; token: string; roomIds: string[] }
  | { service: 'zendesk'; subdomain: string; email: string; token: string };

export interface LiveContext extends LiveOptions {
  checklistId: string;
  lang: Lang;
  /** salt of the cross-page store, and ECAI's Webhook URL fingerprint from it */
  salt: string;
  ecaiWebhookFingerprint?: string;
}

export async function runLiveForChecklist(req: LiveRequest, ctx: LiveContext): Promise<ItemResult[]> {
  const { checklistId, lang, ...opts } = ctx;
  switch (req.service) {
    case 'line':
      return lineLiveItems(await runLineLiveCheck({ channelId: req.channelId, channelSecret: req.channelSecret }, opts), checklistId, lang);
    case 'chatwork':
      return luxlinerLiveItems({ chatwork: await runChatworkLiveCheck({ token: req.token, roomIds: req.roomIds }, opts) }, lang);
    case 'zendesk':
      return luxlinerLiveItems({ zendesk: await runZendeskLiveCheck({ subdomain: req.subdomain, email: req.email, token: req.token }, opts) }, lang);
  }
}
