/**
 * Every checklist's data part is valid (ChecklistData: ids, ja/en texts, sources, at least one
 * verification kind, a default message per item). defineChecklist leaves this to the test so that
 * loading the checklists costs no zod parse at run time (issue 13).
 */
import { describe, expect, it } from 'vitest';
import { allChecklists } from './index';
import { ChecklistData, checklistData, defineChecklist, type Checklist } from './types';

describe('checklist definitions', () => {
  it.each(allChecklists.map((c) => [c.id, c] as const))('%s: the data part passes ChecklistData', (_id, checklist) => {
    const r = ChecklistData.safeParse(checklistData(checklist));
    expect(r.error?.issues ?? []).toEqual([]);
  });

  it('a broken definition fails the schema (the check above can fail)', () => {
    const good = allChecklists[0];
    const broken = { ...good, items: good.items.map((i, n) => (n === 0 ? { ...i, id: 'Not An Id', messages: {} } : i)) } as Checklist;
    const r = ChecklistData.safeParse(checklistData(broken));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['items.0.id', 'items.0.messages']));
  });

  it('defineChecklist still refuses duplicate item ids and misplaced evaluate functions', () => {
    const good = allChecklists[0];
    expect(() => defineChecklist({ ...good, items: [good.items[0], good.items[0]] })).toThrow(/duplicate checklist item id/);
    const manual = { ...good.items[0], pages: ['oam-response' as const], verify: ['manual' as const], evaluate: () => undefined };
    expect(() => defineChecklist({ ...good, items: [manual] })).toThrow(/manual item has no evaluate/);
  });
});
