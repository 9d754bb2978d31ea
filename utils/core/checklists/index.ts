/**
 * The registry of operator checklists (CHECKLISTS.md). One file per checklist; the file name is
 * the checklist id (checked by registry.test.ts).
 */
import ecaiLineConnect from './ecai-line-connect';
import ecaiMigration from './ecai-migration';
import ecaiUnlink from './ecai-unlink';
import ecaiCartAbandonment from './ecai-cart-abandonment';
import ecaiQuotaAlert from './ecai-quota-alert';
import luxlinerIntegrations from './luxliner-integrations';
import type { Checklist, ChecklistItem } from './types';

export const allChecklists: readonly Checklist[] = [ecaiLineConnect, ecaiMigration, ecaiUnlink, ecaiCartAbandonment, ecaiQuotaAlert, luxlinerIntegrations];

export type ChecklistId = 'ecai-line-connect' | 'ecai-migration' | 'ecai-unlink' | 'ecai-cart-abandonment' | 'ecai-quota-alert' | 'luxliner-integrations';

export function getChecklist(id: string): Checklist | undefined {
  return allChecklists.find((c) => c.id === id);
}

export function getItem(checklistId: string, itemId: string): ChecklistItem | undefined {
  return getChecklist(checklistId)?.items.find((i) => i.id === itemId);
}
